// The audit `ndjson` report: one JSON line per file as it finishes (in input order), then one line
// `{"summary": …}`; a consumer can process a huge audit as a stream.
import type { FileReport, Lang, ReportOptions } from "../../types.js";
import { jsonDiagnostic, jsonFileHead } from "../json.js";
import type { AuditFormatter } from "./index.js";
import { buildAuditJsonFile, type AuditJsonFile } from "./json.js";

/** A file's line (with its newline). */
export function renderNdjsonLine(entry: AuditJsonFile): string {
  return JSON.stringify(entry) + "\n";
}

/**
 * renderNdjsonLine in pieces, straight from a report: for a file with very many findings, kept
 * compactly, whose line is too big to build as objects and one string.
 */
export function* ndjsonLineChunks(report: FileReport, lang: Lang): Generator<string> {
  const head = JSON.stringify(jsonFileHead(report));
  let chunk = head.slice(0, -1) + ',"diagnostics":[';
  let i = 0;
  for (const d of report.eachDiagnostic ? report.eachDiagnostic() : report.diagnostics) {
    chunk += (i === 0 ? "" : ",") + JSON.stringify(jsonDiagnostic(d, lang));
    if (++i % 1000 === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + '],"tables":' + JSON.stringify(report.tables ?? []) + "}\n";
}

export function createNdjsonFormatter(options: ReportOptions): AuditFormatter {
  return {
    begin: () => "",
    file: (report) => report.rendered?.ndjson ?? renderNdjsonLine(buildAuditJsonFile(report, options.lang)),
    end: (summary) => JSON.stringify({ summary }) + "\n",
  };
}
