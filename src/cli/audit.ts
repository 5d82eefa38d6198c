// `perftable audit`: expand the inputs, check the files in parallel (src/audit/pool.ts), stream
// each report format as files finish in order, then write the summaries; returns the exit code.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { SingleBar } from "cli-progress";
import { auditFiles, defaultJobs, minParallelBytes } from "../audit/pool.js";
import { byteSetting } from "../io/read-input.js";
import { deferredSink, jsonTerminalSink, openFileSink, streamSink, type TextSink } from "../audit/output.js";
import { AuditSummaryBuilder } from "../audit/summary.js";
import { serializeConfig, type AuditCheckSettings, type PrerenderFormat } from "../audit/types.js";
import { EXCERPT_FINDINGS } from "../reporters/audit/html.js";
import { AUDIT_FORMATS, createAuditFormatter, findingsNeeded, type AuditFormat, type AuditFormatter } from "../reporters/audit/index.js";
import type { EncodingOption } from "../io/decode.js";
import { expandInputs } from "../io/inputs.js";
import type { Lang } from "../types.js";
import { type CliIo, isBrokenPipe, isCi, wantsColor } from "./io.js";
import { loadRunSettings, messageIn, printError } from "./shared.js";
import { type OutputTarget, overwritesSettings, withoutOutputs } from "./targets.js";

// cli-progress is loaded only when a bar is shown (it stays out of the bundle and of start-up).
const requireLazy = createRequire(import.meta.url);

function isPrerendered(format: AuditFormat): format is PrerenderFormat {
  return format === "json" || format === "ndjson";
}

export interface AuditCliOptions {
  format: string;
  output?: string;
  report: string[];
  jobs?: number;
  /** true with --progress (a bar also under CI), false with --no-progress. */
  progress?: boolean;
  lang?: string;
  encoding?: EncodingOption;
  rule: string[];
  config?: string | boolean;
}

interface Output {
  format: AuditFormat;
  formatter: AuditFormatter;
  sink: TextSink;
}

export async function runAudit(inputs: string[], opts: AuditCliOptions, io: CliIo): Promise<number> {
  const run = loadRunSettings(opts, AUDIT_FORMATS, io);
  if (run === null) return 2;
  const { config, reportsTo, lang, encoding } = run;
  if (inputs.includes("-")) {
    printError(io, lang === "zh" ? "audit 只读取文件，不读取标准输入（请用 check -）" : "audit reads files, not standard input (use check - for that)");
    return 2;
  }

  const expanded = expandInputs(inputs, io.cwd, { firstInOrder: true });
  const missing = expanded.missing;
  const outputTargets: OutputTarget[] = [{ flag: "-o", file: opts.output }, ...reportsTo.map(([format, file]) => ({ flag: `--report ${format}`, file }))];
  const overwrites = config.path === null ? null : overwritesSettings(outputTargets, [{ kind: "configuration", file: config.path }], io.cwd, lang);
  if (overwrites !== null) {
    printError(io, overwrites);
    return 2;
  }
  const separated = withoutOutputs(expanded.files, inputs, outputTargets, io.cwd, lang);
  if (separated.error !== null) {
    printError(io, separated.error);
    return 2;
  }
  // One order for every report, whatever the order of the arguments and of the scheduling.
  const files = separated.files.sort();
  for (const m of missing) printError(io, lang === "zh" ? `没有找到文件：${m}` : `no file found for ${m}`);
  if (files.length === 0) {
    if (missing.length === 0) printError(io, lang === "zh" ? "没有要检查的文件" : "no files to audit");
    return 2;
  }

  const main = { format: opts.format as AuditFormat, target: opts.output };
  const targets = [main, ...reportsTo.map(([format, target]) => ({ format: format as AuditFormat, target }))];
  const outputs: Output[] = [];
  let stdoutTaken = false;
  try {
    for (const { format, target } of targets) {
      const toStdout = target === undefined || target === "-";
      // On a terminal no control or bidi character of the data is written raw: JSON and NDJSON
      // have them as \uXXXX escapes, CSV cells as \uXXXX text (table and html always show them so).
      const terminal = toStdout && io.stdout.isTTY === true;
      let sink: TextSink;
      if (toStdout) {
        // Only the first report on standard output streams; later ones follow it whole.
        sink = stdoutTaken ? deferredSink(io.stdout) : streamSink(io.stdout);
        stdoutTaken = true;
        if (terminal && isPrerendered(format)) sink = jsonTerminalSink(sink);
      } else sink = await openFileSink(resolve(io.cwd, target));
      const color = toStdout && format === "table" && wantsColor(io.stdout, io.env);
      outputs.push({ format, sink, formatter: createAuditFormatter(format, { lang, color, cwd: io.cwd, terminal }) });
    }
  } catch (error) {
    await Promise.all(outputs.map((o) => o.sink.abort()));
    printError(io, messageIn(error, lang));
    return 2;
  }

  const settings: AuditCheckSettings = {
    encoding,
    config: serializeConfig(config.resolved),
    cwd: io.cwd,
    // json and ndjson entries are made where each file is checked; the findings then only travel
    // back for the other reports.
    keep: Math.max(0, ...outputs.filter((o) => !isPrerendered(o.format)).map((o) => findingsNeeded(o.format))),
    excerpts: outputs.some((o) => o.format === "html") ? EXCERPT_FINDINGS : 0,
    prerender: { formats: [...new Set(outputs.map((o) => o.format).filter(isPrerendered))], lang },
  };
  const bar = createProgressBar(opts, io, main.format, main.target, lang);
  const summary = new AuditSummaryBuilder();
  let notFound = false;
  const named = new Set(inputs.map((a) => resolve(io.cwd, a)));
  const started = Date.now();
  try {
    for (const o of outputs) await o.sink.write(o.formatter.begin());
    bar?.start(files.length, 0, { speed: "0" });
    await auditFiles(
      files,
      {
        jobs: opts.jobs ?? defaultJobs(),
        minParallelBytes: minParallelBytes(opts.jobs ?? defaultJobs(), io.env),
        splitBytes: byteSetting(io.env, "PERFTABLE_SPLIT_BYTES"),
        settings,
        onProgress: bar ? (done) => bar.update(done, { speed: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) }) : undefined,
      },
      async (report) => {
        const row = summary.add(report);
        // A path given that is not there (2); a link to nothing found in a folder is an unreadable file (1).
        if ((report.unreadable === "notFound" || report.unreadable === "badName") && named.has(resolve(io.cwd, report.path))) {
          notFound = true;
          printError(io, lang === "zh" ? `文件不存在：${report.path}` : `file not found: ${report.path}`);
        }
        for (const o of outputs) {
          const out = o.formatter.file(report, row);
          // (Pieces may be made as they are taken: the entry of a huge table is never held whole.)
          for (const piece of typeof out === "string" || out instanceof Uint8Array ? [out] : out) if (piece.length > 0) await o.sink.write(piece);
        }
      },
    );
    bar?.stop();
    const totals = summary.build();
    for (const o of outputs) {
      await o.sink.write(o.formatter.end(totals));
      await o.sink.close();
    }
    if (missing.length > 0 || notFound) return 2;
    return totals.failingFiles > 0 ? 1 : 0;
  } catch (error) {
    bar?.stop();
    await Promise.all(outputs.map((o) => o.sink.abort()));
    // A reader that stopped early (`| head`) is not worth a message.
    if (!isBrokenPipe(error)) printError(io, messageIn(error, lang));
    return 2;
  }
}

/**
 * A progress bar on standard error: only on a terminal, not with --no-progress, not under CI (a CI
 * runner's pseudo-terminal is a log) unless --progress asks for it, and not while a streamed report
 * is printed on the same terminal.
 */
function createProgressBar(opts: AuditCliOptions, io: CliIo, format: AuditFormat, output: string | undefined, lang: Lang): SingleBar | null {
  if (opts.progress === false || io.stderr.isTTY !== true) return null;
  if (opts.progress !== true && isCi(io.env)) return null;
  const streamsToTerminal = (output === undefined || output === "-") && format !== "table" && io.stdout.isTTY === true;
  if (streamsToTerminal) return null;
  const layout =
    lang === "zh" ? "{bar} {value}/{total} 个文件 | {speed} 个/秒 | 剩余 {eta_formatted}" : "{bar} {value}/{total} files | {speed} files/s | ETA {eta_formatted}";
  const { SingleBar: Bar } = requireLazy("cli-progress") as typeof import("cli-progress");
  return new Bar({
    stream: io.stderr,
    format: layout,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 200,
    fps: 10,
  });
}
