// `perftable check`: check every input, report in one or more formats, return the exit code.
import { availableParallelism } from "node:os";
import { appendFile } from "../io/fsp.js";
import { checkFile } from "../api.js";
import { expandInputs } from "../io/inputs.js";
import { byteSetting, stdinMemoryLimit } from "../io/read-input.js";
import type { EncodingOption } from "../io/decode.js";
import { type CheckReportFormat, isCheckReportFormat, loadReportStream } from "../reporters/load.js";
import { BaselineBuilder, baselineFilter, loadBaseline } from "../validate/baseline.js";
import { carryText, makeReport } from "../validate/run.js";
import type { Diagnostic, FileReport, ReportOptions } from "../types.js";
import { type CliIo, wantsColor, writeOut } from "./io.js";
import { ConfigError, loadRunSettings, messageIn, printError } from "./shared.js";
import { type OutputTarget, overwritesSettings, type SettingsFile, withoutOutputs } from "./targets.js";
import { AtomicWriter, writeFileAtomic, writeTarget } from "../io/write.js";
import { collectGarbage } from "../io/stream.js";
import { errnoReason } from "../io/errors.js";
import { escapeJsonForTerminal } from "../reporters/sanitize.js";
import { dirname, resolve } from "node:path";

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
  jobs?: number;
}

export async function runCheck(inputs: string[], opts: CheckCliOptions, io: CliIo): Promise<number> {
  const settings = loadRunSettings(opts, CHECK_REPORT_FORMATS, io);
  if (settings === null) return 2;
  const { config, reportsTo, lang, encoding } = settings;
  // Threads for one big text table (from 16 MiB); smaller tables are checked on this one.
  const threads = Math.max(1, opts.jobs ?? availableParallelism());
  let baseline = null;
  try {
    if (opts.baseline) baseline = loadBaseline(resolve(io.cwd, opts.baseline));
  } catch (error) {
    if (error instanceof ConfigError) {
      printError(io, error.in(lang));
      return 2;
    }
    throw error;
  }
  if (opts.writeBaseline === "-") {
    printError(io, lang === "zh" ? "--write-baseline 需要文件名（不能是 -）" : "--write-baseline needs a file name (not -)");
    return 2;
  }
  const maxWarnings = opts.maxWarnings ?? config.file?.maxWarnings ?? -1;
  const formats = [opts.format, ...reportsTo.map(([f]) => f)];
  const keepSource = formats.includes("pretty");

  const expanded = expandInputs(inputs, io.cwd);
  const { missing } = expanded;
  const targets: OutputTarget[] = [
    { flag: "-o", file: opts.output },
    ...reportsTo.map(([format, file]) => ({ flag: `--report ${format}`, file })),
    { flag: "--write-baseline", file: opts.writeBaseline },
  ];
  const settingsFiles: SettingsFile[] = [];
  if (config.path !== null) settingsFiles.push({ kind: "configuration", file: config.path });
  if (opts.baseline) settingsFiles.push({ kind: "baseline", file: opts.baseline });
  const overwrites = overwritesSettings(targets, settingsFiles, io.cwd, lang);
  if (overwrites !== null) {
    printError(io, overwrites);
    return 2;
  }
  const separated = withoutOutputs(expanded.files, inputs, targets, io.cwd, lang);
  if (separated.error !== null) {
    printError(io, separated.error);
    return 2;
  }
  const files = separated.files;
  let unusable = false;
  for (const m of missing) {
    printError(io, lang === "zh" ? `没有找到文件：${m}` : `no file found for ${m}`);
    unusable = true;
  }
  if (files.length === 0) {
    // Nothing was checked: no report saying "no problems".
    if (missing.length === 0) printError(io, lang === "zh" ? "没有要检查的文件" : "no files to check");
    return 2;
  }
  // In GitHub Actions, annotation paths and SARIF URIs are read from the repository root, which a
  // step with another working-directory is not in.
  const workspace = io.env.GITHUB_WORKSPACE;
  const base: Omit<ReportOptions, "color"> = {
    lang,
    cwd: io.cwd,
    ...(workspace !== undefined && workspace !== "" ? { root: resolve(io.cwd, workspace) } : {}),
    quiet: opts.quiet === true,
  };
  const outputs: Output[] = [
    { format: opts.format, target: opts.output, color: isStdout(opts.output) && wantsColor(io.stdout, io.env) },
    ...reportsTo.map(([format, target]) => ({ format, target, color: false })),
  ];
  for (const o of outputs) {
    if (!isCheckReportFormat(o.format)) {
      printError(io, `unknown format "${o.format}"`);
      return 2;
    }
  }

  const check = async (file: string): Promise<FileReport> => {
    const path = file === "-" ? (opts.stdinFilename ?? "<stdin>") : file;
    const report = await checkFile(file, { path, encoding, config: config.resolved, keepSource, sheet: opts.sheet, cwd: io.cwd, stdin: file === "-" ? io.stdin : undefined, stdinMemoryLimit: stdinMemoryLimit(io.env), threads, splitBytes: byteSetting(io.env, "PERFTABLE_SPLIT_BYTES") });
    if (isUnusable(report)) unusable = true;
    return report;
  };
  const quiet = (r: FileReport): FileReport => {
    const errorsOnly: Diagnostic[] = [];
    // (eachDiagnostic: a huge file's findings are not all made to keep its few errors.)
    for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) if (d.severity === "error") errorsOnly.push(d);
    return carryText(r, makeReport(r.path, r.encoding, errorsOnly, r.tables));
  };
  let errors = 0;
  let warnings = 0;

  // Each report is written file by file: only each file's counts stay in memory (and what sarif,
  // github and junit must hold to the end), not its findings and text.
  // Keys name files relative to the baseline file: the same whatever folder the check runs from.
  // (Relative to the file itself, where the baseline is reached through a link.)
  const filter = baseline ? baselineFilter(baseline, { root: dirname(writeTarget(resolve(io.cwd, opts.baseline!))), cwd: io.cwd }) : null;
  const accepted = opts.writeBaseline ? new BaselineBuilder({ root: dirname(writeTarget(resolve(io.cwd, opts.writeBaseline))), cwd: io.cwd }) : null;
  let stdoutTaken = false;
  const sinks = await Promise.all(
    outputs.map(async (o) => {
      const hold = isStdout(o.target) && stdoutTaken;
      if (isStdout(o.target)) stdoutTaken = true;
      return { stream: await loadReportStream(o.format as CheckReportFormat, { ...base, color: o.color }), sink: new ReportSink(o.format, o.target, io, hold) };
    }),
  );
  try {
    for (const { stream, sink } of sinks) await sink.write(stream.begin());
    const counted: FileReport[] = [];
    for (const file of files) {
      let report = await check(file);
      // The baseline written accepts every finding, before any baseline given is applied.
      accepted?.add(report);
      if (filter) report = filter(report);
      // --quiet hides warnings from the reports; --max-warnings still counts them (as ESLint does).
      warnings += report.warningCount;
      if (opts.quiet) report = quiet(report);
      errors += report.errorCount;
      for (const { stream, sink } of sinks) await sink.writeAll(stream.file(report), report.eachDiagnostic !== undefined);
      counted.push(countsOnly(report));
    }
    for (const { stream, sink } of sinks) {
      const end = stream.end(counted);
      await sink.writeAll(typeof end === "string" ? [end] : end, false);
    }
    // Before the reports are put in place: a baseline that cannot be written leaves no report file.
    if (accepted && opts.writeBaseline) await writeFileAtomic(resolve(io.cwd, opts.writeBaseline), JSON.stringify(accepted.build(), null, 2) + "\n");
    for (const { sink } of sinks) await sink.commit();
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    const github = sinks.find(({ stream }) => stream.stepSummary !== undefined)?.stream;
    if (summaryFile && github) {
      try {
        await appendFile(summaryFile, github.stepSummary!(counted));
      } catch (error) {
        throw Object.assign(new Error(`cannot write the step summary GITHUB_STEP_SUMMARY=${summaryFile}: ${errnoReason(error)}`, { cause: error }), {
          zh: `无法写入作业摘要 GITHUB_STEP_SUMMARY=${summaryFile}：${errnoReason(error, "zh")}`,
        });
      }
    }
  } catch (error) {
    for (const { sink } of sinks) await sink.abort();
    printError(io, messageIn(error, lang));
    return 2;
  }
  if (unusable) return 2;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    await writeOut(
      io.stderr,
      lang === "zh" ? `perftable: 警告 ${warnings} 条，超过 --max-warnings ${maxWarnings}\n` : `perftable: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`,
    );
    return 1;
  }
  return 0;
}

interface Output {
  format: string;
  /** A file, or `-` / undefined for standard output. */
  target: string | undefined;
  color: boolean;
}

function isStdout(target: string | undefined): boolean {
  return target === undefined || target === "-";
}

/** Whether a file could not be read at all (its report is then one input/unreadable finding). */
function isUnusable(report: FileReport): boolean {
  // (A file too broken to read has a single finding: no need to make the findings of a huge one.)
  if (report.eachDiagnostic !== undefined) return false;
  return report.diagnostics.some((d) => d.ruleId === "input/unreadable");
}

/** A file's report without its findings or text: what the end of a streamed report needs. */
function countsOnly(r: FileReport): FileReport {
  const out: FileReport = { path: r.path, encoding: r.encoding, errorCount: r.errorCount, warningCount: r.warningCount, infoCount: r.infoCount, diagnostics: [] };
  if (r.tables !== undefined) out.tables = r.tables;
  return out;
}

/**
 * Where one report goes: a file (written under a temporary name, renamed by `commit`) or standard
 * output; JSON shown on a terminal has its control characters escaped. A report that shares
 * standard output with an earlier one is held (`hold`) and written at `commit`, after it.
 */
class ReportSink {
  private readonly writer: AtomicWriter | null;
  private readonly escape: boolean;
  private held: (string | Uint8Array)[] | null;

  constructor(
    format: string,
    target: string | undefined,
    private readonly io: CliIo,
    hold = false,
  ) {
    this.writer = isStdout(target) ? null : new AtomicWriter(resolve(io.cwd, target!));
    this.escape = isStdout(target) && io.stdout.isTTY === true && (format === "json" || format === "sarif");
    this.held = hold ? [] : null;
  }

  /** Text not yet written: small pieces (a file's entry) are gathered into writes of ~256 K characters. */
  private pending: string[] = [];
  private pendingLength = 0;

  async write(text: string | Uint8Array): Promise<void> {
    if (this.held !== null) {
      this.held.push(text);
      return;
    }
    if (typeof text !== "string") {
      // Bytes made by the reporter: after the text before them, as they are.
      await this.flush();
      if (this.writer) await this.writer.write(text);
      else await writeOut(this.io.stdout, text);
      return;
    }
    if (text === "") return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    if (this.writer) await this.writer.write(text);
    else await writeOut(this.io.stdout, this.escape ? escapeJsonForTerminal(text) : text);
  }

  /** Write pieces; `huge`: they come from millions of findings, so collect their garbage as they go. */
  async writeAll(pieces: Iterable<string | Uint8Array>, huge: boolean): Promise<void> {
    let n = 0;
    for (const piece of pieces) {
      await this.write(piece);
      if (huge && ++n % 100 === 0) collectGarbage();
    }
  }

  async commit(): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held !== null) for (const piece of held) await this.write(piece);
    await this.flush();
    await this.writer?.commit();
  }

  async abort(): Promise<void> {
    this.held = null;
    this.pending = [];
    this.pendingLength = 0;
    await this.writer?.abort();
  }
}
