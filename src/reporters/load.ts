// Loads one check reporter by format name when it is needed, so the CLI evaluates only the code of
// the formats a run asks for (chalk and cli-table3 only for pretty, crypto only for SARIF …).
import type { FileReport, ReportOptions } from "../types.js";

export const CHECK_REPORT_FORMATS = ["pretty", "json", "sarif", "github", "junit", "summary"] as const;
export type CheckReportFormat = (typeof CHECK_REPORT_FORMATS)[number];

export type LoadedReporter = (reports: FileReport[], options: ReportOptions) => string;

/** Whether a string names a report format (for `-f` and `--report format=file`). */
export function isCheckReportFormat(name: string): name is CheckReportFormat {
  return (CHECK_REPORT_FORMATS as readonly string[]).includes(name);
}

/** The reporter of a format. */
export async function loadReporter(format: CheckReportFormat): Promise<LoadedReporter> {
  switch (format) {
    case "pretty":
      return (await import("./pretty.js")).formatPretty;
    case "json":
      return (await import("./json.js")).formatJson;
    case "sarif": {
      const { formatSarif } = await import("./sarif.js");
      return (reports, options) => formatSarif(reports, options);
    }
    case "github":
      return (await import("./github.js")).formatGithub;
    case "junit":
      return (await import("./junit.js")).formatJunit;
    case "summary":
      return (await import("./summary.js")).formatSummary;
  }
}

/** A reporter that gives its text in pieces, so a huge report is written without one huge string. */
export type ChunkedReporter = (reports: FileReport[], options: ReportOptions) => Iterable<string>;

/** The reporter of a format, in pieces: json and pretty stream, the others give one piece. */
export async function loadChunkedReporter(format: CheckReportFormat): Promise<ChunkedReporter> {
  if (format === "json") return (await import("./json.js")).formatJsonChunks;
  if (format === "pretty") return (await import("./pretty.js")).formatPrettyChunks;
  const whole = await loadReporter(format);
  return (reports, options) => [whole(reports, options)];
}

/** The Markdown summary for $GITHUB_STEP_SUMMARY. */
export async function loadGithubStepSummary(): Promise<LoadedReporter> {
  return (await import("./github.js")).formatGithubStepSummary;
}
