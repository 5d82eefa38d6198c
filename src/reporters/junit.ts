// The `junit` reporter: JUnit XML for CI test views — one <testsuite> per file, one <testcase> per
// rule with findings there; only error-level findings fail, warnings and infos go to <system-out>.
import { formatMessage } from "../i18n/format.js";
import type { Diagnostic, FileReport, ReportOptions } from "../types.js";
import { escapeXml, sanitizeText } from "./sanitize.js";
import { severityWord } from "./shared.js";

/** Attribute value: unsafe characters made visible, then XML-escaped. */
function attr(text: string): string {
  return escapeXml(sanitizeText(text), true);
}

/** Element text, one line per entry: each made safe (controls visible), then XML-escaped. */
function textLines(lines: string[]): string {
  return lines.map((line) => escapeXml(sanitizeText(line))).join("\n");
}

interface TestCase {
  xml: string;
  failed: boolean;
}

/** The test case of one rule in one file. */
function formatTestCase(file: string, ruleId: string, findings: Diagnostic[], options: ReportOptions): TestCase {
  const errors = findings.filter((d) => d.severity === "error");
  const others = findings.filter((d) => d.severity !== "error");
  const message = (d: Diagnostic): string => formatMessage(d, options.lang);
  const lines = [`    <testcase name="${attr(ruleId)}" classname="${attr(file)}">`];
  const first = errors[0];
  if (first !== undefined) {
    const summary = errors.length === 1 ? message(first) : `${message(first)} (+${errors.length - 1})`;
    const body = textLines(errors.map((d) => `${d.line}:${d.column} ${message(d)}`));
    lines.push(`      <failure message="${attr(summary)}" type="error">${body}</failure>`);
  }
  if (others.length > 0) {
    const body = textLines(
      others.map((d) => `${d.line}:${d.column} ${severityWord(d.severity, options.lang)}: ${message(d)}`),
    );
    lines.push(`      <system-out>${body}</system-out>`);
  }
  lines.push("    </testcase>");
  return { xml: lines.join("\n"), failed: first !== undefined };
}

/** The `junit` report: well-formed JUnit XML, ending with a newline. */
export function formatJunit(reports: FileReport[], options: ReportOptions): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const report of reports) {
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of report.diagnostics) {
      const list = byRule.get(d.ruleId) ?? [];
      list.push(d);
      byRule.set(d.ruleId, list);
    }
    const cases = [...byRule].map(([ruleId, findings]) => formatTestCase(report.path, ruleId, findings, options));
    if (cases.length === 0) {
      cases.push({ xml: `    <testcase name="perftable" classname="${attr(report.path)}"/>`, failed: false });
    }
    const failures = cases.filter((c) => c.failed).length;
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${attr(report.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n` +
        cases.map((c) => c.xml).join("\n") +
        "\n  </testsuite>",
    );
  }
  const open = `<testsuites name="perftable" tests="${totalTests}" failures="${totalFailures}" errors="0">`;
  const body = suites.length > 0 ? `${open}\n${suites.join("\n")}\n</testsuites>` : `${open}</testsuites>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
