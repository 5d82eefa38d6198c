// The audit `ndjson` report: one JSON line per file as it finishes (in input order), then one line
// `{"summary": …}`; a consumer can process a huge audit as a stream.
import type { ReportOptions } from "../../types.js";
import type { AuditFormatter } from "./index.js";
import { buildAuditJsonFile, type AuditJsonFile } from "./json.js";

/** A file's line (with its newline). */
export function renderNdjsonLine(entry: AuditJsonFile): string {
  return JSON.stringify(entry) + "\n";
}

export function createNdjsonFormatter(options: ReportOptions): AuditFormatter {
  return {
    begin: () => "",
    file: (report) => report.rendered?.ndjson ?? renderNdjsonLine(buildAuditJsonFile(report, options.lang)),
    end: (summary) => JSON.stringify({ summary }) + "\n",
  };
}
