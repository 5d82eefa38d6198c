// The audit reporters behind one streaming interface: text before the first file, text per file
// (in input order, as files finish), and text after the last one (with the summary).
import type { AuditFileReport } from "../../audit/types.js";
import type { AuditFileRow, AuditSummary } from "../../audit/summary.js";
import type { ReportOptions } from "../../types.js";
import { createCsvFormatter } from "./csv.js";
import { createHtmlFormatter, EXCERPT_FINDINGS } from "./html.js";
import { createJsonFormatter } from "./json.js";
import { createNdjsonFormatter } from "./ndjson.js";
import { createTableFormatter } from "./table.js";

export const AUDIT_FORMATS = ["table", "json", "ndjson", "csv", "html"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** How an audit report is made; `terminal`: it is shown on a terminal (the CSV makes its cells safe). */
export interface AuditReportOptions extends ReportOptions {
  terminal?: boolean;
}

/** Report text, or report text already encoded as UTF-8 (made by a worker). */
export type ReportPiece = string | Uint8Array;

/** A report written piece by piece; formats that need every file first keep small rows only. */
export interface AuditFormatter {
  begin(): string;
  /** The text for one file, given in input order (may be "" when written at the end). */
  file(report: AuditFileReport, row: AuditFileRow): ReportPiece | Iterable<ReportPiece>;
  end(summary: AuditSummary): string;
}

/** The formatter of an audit format. */
export function createAuditFormatter(format: AuditFormat, options: AuditReportOptions): AuditFormatter {
  switch (format) {
    case "table":
      return createTableFormatter(options);
    case "json":
      return createJsonFormatter(options);
    case "ndjson":
      return createNdjsonFormatter(options);
    case "csv":
      return createCsvFormatter(options);
    case "html":
      return createHtmlFormatter(options);
  }
}

/** How many findings per file a format shows (the rest are counted only): all, the first 200, none. */
export function findingsNeeded(format: AuditFormat): number {
  return format === "json" || format === "ndjson" ? Infinity : format === "html" ? EXCERPT_FINDINGS : 0;
}
