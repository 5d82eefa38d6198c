// The reporters of `perftable check` by format name: each turns the files' reports into the text
// of one output format (pretty, json, sarif, github, junit, summary).
import type { FileReport, ReportOptions } from "../types.js";
import { formatGithub, formatGithubStepSummary } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatPretty } from "./pretty.js";
import { formatSarif } from "./sarif.js";
import { formatSummary } from "./summary.js";

/** A reporter: a pure function from the reports to the text of one format (ends with a newline). */
export type Reporter = (reports: FileReport[], options: ReportOptions) => string;

export const REPORT_FORMATS = ["pretty", "json", "sarif", "github", "junit", "summary"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reporters: Readonly<Record<ReportFormat, Reporter>> = {
  pretty: formatPretty,
  json: formatJson,
  sarif: (reports, options) => formatSarif(reports, options),
  github: formatGithub,
  junit: formatJunit,
  summary: formatSummary,
};

/** Whether a string names a report format (for `-f` and `--report format=file`). */
export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/** The report of the given format. */
export function formatReport(format: ReportFormat, reports: FileReport[], options: ReportOptions): string {
  return reporters[format](reports, options);
}

export { formatGithubStepSummary };
export { buildCodeFrame } from "./pretty.js";
export { buildJsonReport } from "./json.js";
export { buildSarifLog } from "./sarif.js";
