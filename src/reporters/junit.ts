// The `junit` reporter: JUnit XML for CI test views — one <testsuite> per file, one <testcase> per
// rule with findings there; only error-level findings fail, warnings and infos go to <system-out>. A
// file that could not be checked at all (input/unreadable) is an <error>, not a <failure>: JUnit's
// word for a test that could not run.
import { formatMessage } from "../i18n/format.js";
import type { FileReport, ReportOptions } from "../types.js";
import { type ReportStream, streamText } from "./load.js";
import { displayText, escapeXml, sanitizeText } from "./sanitize.js";
import { severityWord } from "./shared.js";

/** Attribute value: unsafe characters made visible, then XML-escaped. */
function attr(text: string): string {
  return escapeXml(sanitizeText(text), true);
}

/** The findings of one rule in one file, rendered as they come. */
interface RuleFindings {
  errors: number;
  /** Message of the first error. */
  firstError: string;
  /** Element text of the errors, one line each. */
  errorLines: string[];
  /** Element text of the warnings and infos. */
  otherLines: string[];
}

/** One line of element text (a finding): made safe (a line break in a name ⏎, controls visible), then XML-escaped. */
function textLine(text: string): string {
  return escapeXml(displayText(text));
}

/** The rule whose errors say the file could not be checked (JUnit <error>, not <failure>). */
const UNREADABLE = "input/unreadable";

/** The test case of one rule in one file; failed (or, for an unreadable file, in error) when it has an error. */
function formatTestCase(file: string, ruleId: string, r: RuleFindings): string {
  const lines = [`    <testcase name="${attr(ruleId)}" classname="${attr(file)}">`];
  if (r.errors > 0) {
    const summary = r.errors === 1 ? r.firstError : `${r.firstError} (+${r.errors - 1})`;
    const element = ruleId === UNREADABLE ? "error" : "failure";
    lines.push(`      <${element} message="${escapeXml(displayText(summary), true)}" type="${ruleId === UNREADABLE ? UNREADABLE : "error"}">${r.errorLines.join("\n")}</${element}>`);
  }
  if (r.otherLines.length > 0) lines.push(`      <system-out>${r.otherLines.join("\n")}</system-out>`);
  lines.push("    </testcase>");
  return lines.join("\n");
}

/** The test suite of one file, with the number of failed cases. */
function formatSuite(report: FileReport, options: ReportOptions): { xml: string; tests: number; failures: number; errors: number } {
  const byRule = new Map<string, RuleFindings>();
  // A file with very many findings is walked without making them all at once.
  for (const d of report.eachDiagnostic ? report.eachDiagnostic() : report.diagnostics) {
    let r = byRule.get(d.ruleId);
    if (r === undefined) byRule.set(d.ruleId, (r = { errors: 0, firstError: "", errorLines: [], otherLines: [] }));
    const message = formatMessage(d, options.lang);
    // A finding in a .xlsx or .csv names its cell too, as pretty does.
    const at = `${d.line}:${d.column}${d.ref === undefined ? "" : ` (${d.ref})`}`;
    if (d.severity === "error") {
      if (r.errors++ === 0) r.firstError = d.ref === undefined ? message : `${d.ref}: ${message}`;
      r.errorLines.push(textLine(`${at} ${message}`));
    } else {
      r.otherLines.push(textLine(`${at} ${severityWord(d.severity, options.lang)}: ${message}`));
    }
  }
  const cases = [...byRule].map(([ruleId, r]) => formatTestCase(report.path, ruleId, r));
  if (cases.length === 0) cases.push(`    <testcase name="perftable" classname="${attr(report.path)}"/>`);
  let failures = 0;
  let errors = 0;
  for (const [ruleId, r] of byRule) {
    if (r.errors === 0) continue;
    if (ruleId === UNREADABLE) errors++;
    else failures++;
  }
  const xml =
    `  <testsuite name="${attr(report.path)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0">\n` +
    cases.join("\n") +
    "\n  </testsuite>";
  return { xml, tests: cases.length, failures, errors };
}

/** The `junit` report: well-formed JUnit XML, ending with a newline. */
export function formatJunit(reports: FileReport[], options: ReportOptions): string {
  return streamText(createJunitStream(options), reports);
}

/**
 * The `junit` report written file by file (see ReportStream). Its head counts every test case, so
 * each file's suite is kept until the end — as UTF-8 bytes, not as findings or one huge string.
 */
export function createJunitStream(options: ReportOptions): ReportStream {
  const suites: Uint8Array[] = [];
  const encoder = new TextEncoder();
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  return {
    begin: () => "",
    file(report) {
      const suite = formatSuite(report, options);
      totalTests += suite.tests;
      totalFailures += suite.failures;
      totalErrors += suite.errors;
      suites.push(encoder.encode(`\n${suite.xml}`));
      return [];
    },
    *end() {
      const open = `<testsuites name="perftable" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}">`;
      yield `<?xml version="1.0" encoding="UTF-8"?>\n${open}`;
      yield* suites;
      yield `${suites.length > 0 ? "\n" : ""}</testsuites>\n`;
    },
  };
}
