// The `json` reporter: the machine contract of `perftable check` (SPEC §6). Keys are fixed; rule
// ids, message ids and data stay language-neutral, only `message` is in the chosen language.
import { formatMessage } from "../i18n/format.js";
import type { Diagnostic, FileReport, Lang, ReportOptions } from "../types.js";

/** One finding in the JSON report. */
export interface JsonDiagnostic {
  ruleId: string;
  severity: "error" | "warning" | "info";
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  project: string | null;
  indicator: string | null;
  messageId: string;
  data: Record<string, string | number>;
  /** The spreadsheet cell, for .xlsx / .csv input. */
  ref?: string;
}

/** One file in the JSON report (no `source`). */
export interface JsonFile {
  path: string;
  encoding: string | null;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  diagnostics: JsonDiagnostic[];
}

export interface JsonReport {
  files: JsonFile[];
}

/** The JSON report as a value (for the library API and for tests). */
export function buildJsonReport(reports: readonly FileReport[], lang: Lang): JsonReport {
  return { files: reports.map((r) => ({ ...fileHead(r), diagnostics: r.diagnostics.map((d) => jsonDiagnostic(d, lang)) })) };
}

function fileHead(r: FileReport): Omit<JsonFile, "diagnostics"> {
  return { path: r.path, encoding: r.encoding, errorCount: r.errorCount, warningCount: r.warningCount, infoCount: r.infoCount };
}

function jsonDiagnostic(d: Diagnostic, lang: Lang): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: formatMessage(d, lang),
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    project: d.project ?? null,
    indicator: d.indicator ?? null,
    messageId: d.messageId,
    data: d.data,
    ...(d.ref === undefined ? {} : { ref: d.ref }),
  };
}

/**
 * The `json` report in pieces (a file's head, then each finding), exactly the text of `formatJson`,
 * so a report with hundreds of thousands of findings is written without building one huge string.
 */
export function* formatJsonChunks(reports: readonly FileReport[], options: ReportOptions): Generator<string> {
  if (reports.length === 0) {
    yield '{\n  "files": []\n}\n';
    return;
  }
  yield '{\n  "files": [\n';
  for (let f = 0; f < reports.length; f++) {
    const r = reports[f]!;
    const head = JSON.stringify(fileHead(r), null, 2).replace(/\n/g, "\n    ");
    const open = head.slice(0, -1).trimEnd();
    if (r.eachDiagnostic ? r.errorCount + r.warningCount + r.infoCount === 0 : r.diagnostics.length === 0) {
      yield `    ${open},\n      "diagnostics": []\n    }`;
    } else {
      yield `    ${open},\n      "diagnostics": [\n`;
      const parts: string[] = [];
      let i = 0;
      // Files with very many findings keep them compactly: iterate without making them all at once.
      for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) {
        parts.push((i++ === 0 ? "        " : ",\n        ") + JSON.stringify(jsonDiagnostic(d, options.lang), null, 2).replace(/\n/g, "\n        "));
        if (parts.length === 1000) yield parts.splice(0).join("");
      }
      parts.push("\n      ]\n    }");
      yield parts.join("");
    }
    yield f === reports.length - 1 ? "\n" : ",\n";
  }
  yield "  ]\n}\n";
}

/** The `json` report: pretty-printed with two spaces, ending with a newline. */
export function formatJson(reports: FileReport[], options: ReportOptions): string {
  return JSON.stringify(buildJsonReport(reports, options.lang), null, 2) + "\n";
}
