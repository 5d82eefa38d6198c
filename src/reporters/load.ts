// Loads one check report stream by format name when it is needed, so the CLI evaluates only the
// code of the formats a run asks for (chalk and cli-table3 only for pretty, crypto only for SARIF …).
import type { FileReport, ReportOptions } from "../types.js";

export const CHECK_REPORT_FORMATS = ["pretty", "json", "sarif", "github", "junit", "summary"] as const;
export type CheckReportFormat = (typeof CHECK_REPORT_FORMATS)[number];

/** Whether a string names a report format (for `-f` and `--report format=file`). */
export function isCheckReportFormat(name: string): name is CheckReportFormat {
  return (CHECK_REPORT_FORMATS as readonly string[]).includes(name);
}

/**
 * A report written file by file as each is checked, so a run over thousands of files keeps only
 * their counts: text before the first file, the text of each file (in order), and the closing text
 * given every file's report without its findings (`diagnostics` empty, `source` dropped).
 */
export interface ReportStream {
  begin(): string;
  file(report: FileReport): Iterable<string>;
  /** The closing text, or pieces of it (UTF-8 bytes where a format kept its output as such). */
  end(files: readonly FileReport[]): string | Iterable<string | Uint8Array>;
}

/** A report stream whose closing text is one string. */
export type TextReportStream = Omit<ReportStream, "end"> & { end(files: readonly FileReport[]): string };

/** The pieces of a text report stream given every report at once (a whole run). */
export function* streamPieces(stream: TextReportStream, reports: readonly FileReport[]): Generator<string> {
  yield stream.begin();
  for (const r of reports) yield* stream.file(r);
  yield stream.end(reports);
}

/** The whole text of a report stream given every report at once. */
export function streamText(stream: ReportStream, reports: readonly FileReport[]): string {
  let text = stream.begin();
  for (const r of reports) for (const piece of stream.file(r)) text += piece;
  const end = stream.end(reports);
  if (typeof end === "string") return text + end;
  const decoder = new TextDecoder();
  for (const piece of end) text += typeof piece === "string" ? piece : decoder.decode(piece);
  return text;
}

/** The report stream of a format; github's also gives its job summary. */
export async function loadReportStream(format: CheckReportFormat, options: ReportOptions): Promise<ReportStream & { stepSummary?: (files: readonly FileReport[]) => string }> {
  switch (format) {
    case "json":
      return (await import("./json.js")).createJsonStream(options);
    case "pretty":
      return (await import("./pretty.js")).createPrettyStream(options);
    case "summary":
      return (await import("./summary.js")).createSummaryStream(options);
    case "sarif":
      return (await import("./sarif.js")).createSarifStream(options);
    case "github":
      return (await import("./github.js")).createGithubStream(options);
    case "junit":
      return (await import("./junit.js")).createJunitStream(options);
  }
}
