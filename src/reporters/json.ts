// The `json` reporter: the machine contract of `perftable check` (SPEC §6). Keys are fixed; rule
// ids, message ids and data stay language-neutral, only `message` is in the chosen language.
import { formatMessage } from "../i18n/format.js";
import type { FileReport, Lang, ReportOptions } from "../types.js";

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
  return {
    files: reports.map((r) => ({
      path: r.path,
      encoding: r.encoding,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
      diagnostics: r.diagnostics.map((d) => ({
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
      })),
    })),
  };
}

/** The `json` report: pretty-printed with two spaces, ending with a newline. */
export function formatJson(reports: FileReport[], options: ReportOptions): string {
  return JSON.stringify(buildJsonReport(reports, options.lang), null, 2) + "\n";
}
