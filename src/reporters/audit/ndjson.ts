// The audit `ndjson` report: one JSON line per file as it finishes (in input order), then one line
// `{"summary": …}`; a consumer can process a huge audit as a stream.
import type { ReportOptions } from "../../types.js";
import type { AuditFormatter } from "./index.js";
import { buildAuditJsonFile } from "./json.js";

export function createNdjsonFormatter(options: ReportOptions): AuditFormatter {
  return {
    begin: () => "",
    file: (report) => JSON.stringify(buildAuditJsonFile(report, options.lang)) + "\n",
    end: (summary) => JSON.stringify({ summary }) + "\n",
  };
}
