// The audit `ndjson` report: one JSON line per file as it finishes (in input order), then one line
// `{"summary": …}`; a consumer can process a huge audit as a stream.
import type { AuditFileReport } from "../../audit/types.js";
import type { Lang, ReportOptions } from "../../types.js";
import type { AuditFormatter } from "./index.js";
import { buildAuditJsonFile } from "./json.js";

/** A file's line (with its newline). */
export function renderNdjsonLine(report: AuditFileReport, lang: Lang): string {
  return JSON.stringify(buildAuditJsonFile(report, lang)) + "\n";
}

export function createNdjsonFormatter(options: ReportOptions): AuditFormatter {
  return {
    begin: () => "",
    file: (report) => report.rendered?.ndjson ?? renderNdjsonLine(report, options.lang),
    end: (summary) => JSON.stringify({ summary }) + "\n",
  };
}
