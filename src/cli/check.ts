// `perftable check`: check every input, report in one or more formats, return the exit code.
import { appendFile } from "node:fs/promises";
import { checkFile } from "../api.js";
import { expandInputs } from "../io/inputs.js";
import { stdinMemoryLimit } from "../io/read-input.js";
import type { EncodingOption } from "../io/decode.js";
import { type ChunkedReporter, isCheckReportFormat, loadChunkedReporter, loadGithubStepSummary } from "../reporters/load.js";
import { applyBaseline, createBaseline, loadBaseline } from "../validate/baseline.js";
import { makeReport } from "../validate/run.js";
import type { Diagnostic, FileReport, ReportOptions } from "../types.js";
import { type CliIo, wantsColor, writeOut } from "./io.js";
import { ConfigError, loadRunSettings, printError } from "./shared.js";
import { AtomicWriter, writeFileAtomic } from "../io/write.js";
import { collectGarbage } from "../io/stream.js";
import { escapeJsonForTerminal } from "../reporters/sanitize.js";
import { resolve } from "node:path";

export { CHECK_REPORT_FORMATS as CHECK_FORMATS } from "../reporters/load.js";
import { CHECK_REPORT_FORMATS } from "../reporters/load.js";

export interface CheckCliOptions {
  format: string;
  output?: string;
  report: string[];
  lang?: string;
  encoding?: EncodingOption;
  maxWarnings?: number;
  quiet?: boolean;
  rule: string[];
  config?: string | boolean;
  baseline?: string;
  writeBaseline?: string;
  stdinFilename?: string;
  sheet?: string;
}

export async function runCheck(inputs: string[], opts: CheckCliOptions, io: CliIo): Promise<number> {
  const settings = loadRunSettings(opts, CHECK_REPORT_FORMATS, io);
  if (settings === null) return 2;
  const { config, reportsTo, lang, encoding } = settings;
  let baseline = null;
  try {
    if (opts.baseline) baseline = loadBaseline(resolve(io.cwd, opts.baseline));
  } catch (error) {
    if (error instanceof ConfigError) {
      printError(io, error.message);
      return 2;
    }
    throw error;
  }
  const maxWarnings = opts.maxWarnings ?? config.file?.maxWarnings ?? -1;
  const formats = [opts.format, ...reportsTo.map(([f]) => f)];
  const keepSource = formats.includes("pretty");

  const { files, missing } = expandInputs(inputs, io.cwd);
  let unusable = false;
  for (const m of missing) {
    printError(io, lang === "zh" ? `没有找到文件：${m}` : `no file found for ${m}`);
    unusable = true;
  }
  let reports: FileReport[] = [];
  for (const file of files) {
    const path = file === "-" ? (opts.stdinFilename ?? "<stdin>") : file;
    const report = await checkFile(file, { path, encoding, config: config.resolved, keepSource, sheet: opts.sheet, cwd: io.cwd, stdin: file === "-" ? io.stdin : undefined, stdinMemoryLimit: stdinMemoryLimit(io.env) });
    // (A file too broken to read has a single finding: no need to make the findings of a huge one.)
    if (report.eachDiagnostic === undefined && report.diagnostics.some((d) => d.ruleId === "input/unreadable")) unusable = true;
    reports.push(report);
  }

  if (opts.writeBaseline) {
    try {
      await writeFileAtomic(resolve(io.cwd, opts.writeBaseline), JSON.stringify(createBaseline(reports), null, 2) + "\n");
    } catch (error) {
      printError(io, (error as Error).message);
      return 2;
    }
  }
  if (baseline) reports = applyBaseline(reports, baseline);
  if (opts.quiet) {
    reports = reports.map((r) => {
      const errorsOnly: Diagnostic[] = [];
      // (eachDiagnostic: a huge file's findings are not all made to keep its few errors.)
      for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) if (d.severity === "error") errorsOnly.push(d);
      const out = makeReport(r.path, r.encoding, errorsOnly, r.tables);
      if (r.source !== undefined) out.source = r.source;
      return out;
    });
  }

  const errors = reports.reduce((n, r) => n + r.errorCount, 0);
  const warnings = reports.reduce((n, r) => n + r.warningCount, 0);
  const base: Omit<ReportOptions, "color"> = { lang, cwd: io.cwd };
  try {
    if (!isCheckReportFormat(opts.format)) throw new Error(`unknown format "${opts.format}"`);
    const toStdout = opts.output === undefined || opts.output === "-";
    const color = toStdout && wantsColor(io.stdout, io.env);
    await writeReport(await loadChunkedReporter(opts.format), opts.format, reports, { ...base, color }, opts.output, io);
    for (const [format, file] of reportsTo) {
      if (!isCheckReportFormat(format)) throw new Error(`unknown format "${format}"`);
      await writeReport(await loadChunkedReporter(format), format, reports, { ...base, color: false }, file, io);
    }
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile && formats.includes("github")) await appendFile(summaryFile, (await loadGithubStepSummary())(reports, { ...base, color: false }));
  } catch (error) {
    printError(io, (error as Error).message);
    return 2;
  }
  if (unusable) return 2;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await writeOut(
      io.stderr,
      lang === "zh" ? `perftable：警告 ${warnings} 条，超过 --max-warnings ${maxWarnings}\n` : `perftable: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`,
    );
    return 1;
  }
  return 0;
}

/**
 * Write one report to a file (atomically) or to standard output, piece by piece: a report of
 * hundreds of thousands of findings never becomes one huge string. JSON shown on a terminal has
 * its control characters escaped.
 */
async function writeReport(
  reporter: ChunkedReporter,
  format: string,
  reports: FileReport[],
  options: ReportOptions,
  output: string | undefined,
  io: CliIo,
): Promise<void> {
  const toStdout = output === undefined || output === "-";
  const escape = toStdout && io.stdout.isTTY === true && (format === "json" || format === "sarif");
  const writer = toStdout ? null : new AtomicWriter(resolve(io.cwd, output));
  try {
    const huge = reports.some((r) => r.eachDiagnostic !== undefined);
    let n = 0;
    for (const chunk of reporter(reports, options)) {
      if (writer) await writer.write(chunk);
      else await writeOut(io.stdout, escape ? escapeJsonForTerminal(chunk) : chunk);
      // Millions of findings: keep the garbage of formatting them from piling up.
      if (huge && ++n % 100 === 0) collectGarbage();
    }
    await writer?.commit();
  } catch (error) {
    await writer?.abort();
    throw error;
  }
}
