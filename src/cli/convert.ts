// `perftable convert`: one input to JSON / NDJSON / CSV. Text files are streamed from disk (any
// size, flat memory), and so is a big standard input, through a temporary file; .csv and .xlsx are
// read whole. Parse problems go to stderr as diagnostics; exit 0 when a document was produced, 2
// when the input is not a readable table.
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { parseFile } from "../api.js";
import { type ConvertFormat, documentChunks } from "../convert/index.js";
import { convertStreamed } from "../convert/stream.js";
import { formatMessage, resolveLang } from "../i18n/format.js";
import type { EncodingOption } from "../io/decode.js";
import { detectFormat } from "../io/formats.js";
import { byteSetting, isStreamPath, peekFile, type SpooledStdin, spoolStdin, stdinMemoryLimit } from "../io/read-input.js";
import { errnoReason } from "../io/errors.js";
import { AtomicWriter } from "../io/write.js";
import { sanitizeText } from "../reporters/sanitize.js";
import { severityWord } from "../reporters/shared.js";
import { getRule } from "../rules/index.js";
import type { Diagnostic, Lang } from "../types.js";
import { makeReport, noTableIn } from "../validate/run.js";
import type { CliIo } from "./io.js";
import { writeOut } from "./io.js";
import { messageIn, printError } from "./shared.js";
import { withoutOutputs } from "./targets.js";

export interface ConvertCliOptions {
  to: ConvertFormat;
  output?: string;
  encoding: EncodingOption;
  lang?: string;
  stdinFilename?: string;
  sheet?: string;
  jobs?: number;
  /** CSV: a leading `'` on cells a spreadsheet would run as formulas (opt-in; see csvCell). */
  escapeFormulas?: boolean;
}

/**
 * The reader's findings on stderr, each at its rule's default severity (the reader makes them all
 * `error`; `check` gives them their configured severity, convert has no configuration): a missing
 * title is a warning here as in `check`.
 */
function printDiagnostics(io: CliIo, path: string, diagnostics: Diagnostic[], lang: Lang): void {
  for (const d of makeReport(path, null, diagnostics).diagnostics) {
    const severity = getRule(d.ruleId)?.meta.defaultSeverity ?? d.severity;
    if (severity === "off") continue;
    io.stderr.write(sanitizeText(`${path}:${d.line}:${d.column}${d.ref === undefined ? "" : ` (${d.ref})`}  ${severityWord(severity, lang)}  ${formatMessage(d, lang)}  ${d.ruleId}`) + "\n");
  }
}

export async function runConvert(input: string, opts: ConvertCliOptions, io: CliIo): Promise<number> {
  const lang = resolveLang(opts.lang, io.env);
  const overwrite = withoutOutputs([input], [input], [{ flag: "-o", file: opts.output }], io.cwd, lang).error;
  if (overwrite !== null) {
    printError(io, overwrite);
    return 2;
  }
  // (io.stdin is not touched for a named file: it opens standard input.) A named pipe or a device
  // sends its bytes once, as standard input does, and is taken in the same way.
  const named = input === "-" ? null : resolve(io.cwd, input);
  if (named !== null && !isStreamPath(named)) return convertInput(input, input, undefined, opts, io, lang);
  // A big standard input goes through a temporary file and is streamed from it like a named file.
  const path = named === null ? (opts.stdinFilename ?? "<stdin>") : input;
  let spooled: SpooledStdin;
  try {
    spooled = await spoolStdin(named === null ? io.stdin : createReadStream(named), stdinMemoryLimit(io.env), opts.encoding, (bytes) => noTableIn(bytes, opts.encoding), named === null ? undefined : path);
  } catch (error) {
    printError(io, `${path}: ${named !== null && (error as NodeJS.ErrnoException).code !== undefined ? errnoReason(error, lang) : (error as Error).message}`);
    return 2;
  }
  if ("bytes" in spooled) return convertInput("-", path, Readable.from([spooled.bytes]), opts, io, lang);
  try {
    return await convertInput(spooled.file, path, undefined, opts, io, lang);
  } finally {
    await spooled.remove();
  }
}

/** Convert `input` (a path, or `-` read from `stdin`), named `path` in messages. */
async function convertInput(input: string, path: string, stdin: NodeJS.ReadableStream | undefined, opts: ConvertCliOptions, io: CliIo, lang: Lang): Promise<number> {
  const absolute = input === "-" ? null : resolve(io.cwd, input);
  const peeked = absolute === null ? null : await peekFile(absolute);
  const first = peeked?.head ?? null;
  // The output is written piece by piece as it is made (never the whole text at once: a big table's
  // JSON is far bigger than the table), to a file atomically or to standard output.
  const writer = opts.output !== undefined && opts.output !== "-" ? new AtomicWriter(resolve(io.cwd, opts.output)) : null;
  const write = (text: string | Uint8Array) => (writer ? writer.write(text) : writeOut(io.stdout, text));
  // On a terminal, no control or bidi character of the table is written raw (every format).
  const terminal = !writer && io.stdout.isTTY === true;
  if (absolute !== null && first !== null && detectFormat(path, first) === "text") {
    try {
      // A big table in parts on worker threads, whose text comes back as bytes (not on a terminal,
      // where the text is made safe first).
      const split = terminal ? undefined : { threads: Math.max(1, opts.jobs ?? availableParallelism()), size: peeked!.size, writeBytes: write, splitBytes: byteSetting(io.env, "PERFTABLE_SPLIT_BYTES") };
      const result = await convertStreamed(absolute, first, opts.to, write, opts.encoding, split, terminal, opts.escapeFormulas === true, path);
      printDiagnostics(io, path, result.diagnostics, lang);
      if (result.tables === 0) {
        await writer?.abort();
        return 2;
      }
      await writer?.commit();
      return 0;
    } catch (error) {
      await writer?.abort();
      printError(io, messageIn(error, lang));
      return 2;
    }
  }
  const result = await parseFile(input, { path, encoding: opts.encoding, sheet: opts.sheet, cwd: io.cwd, stdin });
  printDiagnostics(io, path, result.diagnostics, lang);
  if (result.value.length === 0) return 2;
  try {
    for (const chunk of documentChunks(opts.to, result.value, { terminal, escapeFormulas: opts.escapeFormulas === true })) await write(chunk);
    await writer?.commit();
  } catch (error) {
    await writer?.abort();
    printError(io, messageIn(error, lang));
    return 2;
  }
  return 0;
}
