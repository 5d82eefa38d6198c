// Reading one big text table on several threads (check, and convert). The file is cut into parts
// before rows that open a unit; worker threads read the later parts while the main thread reads the
// first, and the main thread then takes in what they made (findings, counts and unit rows; or the
// converted text, from a temporary file) in order. The result is exactly that of
// one sequential read: each cut is verified (the reader before it would have opened a unit there, and
// no part holds the start of another table), and a part that cannot be used is read again on the
// main thread from where it starts. Rules carry state across units only to `tableEnd`, and those
// that do also take the other parts' units (`unitElsewhere`; see rules/types.ts).
import { open } from "../io/fsp.js";
import type { FileHandle } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { type PartFindings, type ResolvedConfig, RuleRunner } from "./run.js";
import { makeDecoder, StreamDecodeError, streamRows, type StreamPlan } from "../io/stream.js";
import type { EncodingName, StreamFailure } from "../io/decode.js";
import { mergeReplaced, type Replaced } from "../io/replaced.js";
import { TableReader, type TableSink } from "../table/reader.js";
import { QUOTED_CELL_LIMIT, splitLine } from "../table/split.js";
import { nullSink } from "../table/parse.js";
import { WORKER_YOUNG_GENERATION_MB } from "../audit/worker-script.js";
import type { Severity, TableDocument } from "../types.js";

/** node:worker_threads, loaded when a table is split (it costs every start-up ~2 ms otherwise). */
const requireLazy = createRequire(import.meta.url);
function workerThreads(): typeof import("node:worker_threads") {
  return requireLazy("node:worker_threads") as typeof import("node:worker_threads");
}

/** What a worker does with its part: check it, or convert it into a file. */
export type PartTask =
  | { kind: "check"; severities: [string, Severity][]; options: [string, Record<string, number | string | boolean>][] }
  | { kind: "convert"; format: "json" | "ndjson" | "csv"; file: string; escapeFormulas?: boolean };

/** A part for a worker: bytes `start` (a line start) to `end` (null: the end of the file). */
export interface PartRequest {
  path: string;
  /** The file's name in findings. */
  name: string;
  encoding: EncodingName;
  /** Where the first part starts (after a BOM). */
  skip: number;
  start: number;
  end: number | null;
  task: PartTask;
}

/** Where a part's lines are: the number of its first line and of the line after its last. */
export interface PartLines {
  firstLine: number;
  nextLine: number;
  /** What decoding the part replaced (GB18030). */
  replaced?: Replaced;
}

/** A worker's answer: what it made of its part, or why the part cannot be used as it is. */
export type PartAnswer<T> = ({ ok: true } & PartLines & T) | { ok: false; reason: string; failure?: StreamFailure };

/** Text tables from this size are read in parts when several threads are allowed. */
export const SPLIT_BYTES = 16 * 1024 * 1024;
/** Parts at most (each thread costs tens of MB). */
const MAX_PARTS = 8;

/**
 * How many threads to read a file of `size` bytes on, given `threads` allowed (1: do not split): at
 * most one per `splitBytes` (default SPLIT_BYTES), and MAX_PARTS.
 */
export function partThreads(threads: number, size: number, splitBytes = SPLIT_BYTES): number {
  if (threads < 2 || size < splitBytes) return 1;
  return Math.min(threads, MAX_PARTS, Math.max(2, Math.floor(size / Math.max(1, splitBytes))));
}

/** Only the encodings whose line break is the byte 0x0A and never part of another character. */
const SPLITTABLE: ReadonlySet<EncodingName> = new Set(["utf-8", "gb18030"]);
/** The head is read this far for the table's preamble, header and 合计 row. */
const HEAD_LIMIT = 8 << 20;
/** A cut is looked for this far after its nominal place; none found: one part fewer. */
const SCAN_LIMIT = 8 << 20;
const WINDOW = 256 << 10;


/**
 * The first table of the file as it stands when its data rows begin (preamble, header, 合计 row), or
 * null when the head has none (or a second table starts first).
 */
async function readHeadTable(path: string, plan: StreamPlan): Promise<TableDocument | null> {
  const reader = new TableReader(nullSink, { encoding: plan.encoding, retain: false, skipIndicators: true });
  for await (const rows of streamRows(path, plan, { text: false }, 0, WINDOW, { end: plan.skip + HEAD_LIMIT, mayRead: reader.mayRead.bind(reader) })) {
    for (const row of rows) {
      reader.push(row);
      const doc = reader.currentTable;
      if (doc !== null) return reader.tables === 1 ? { ...doc, units: [] } : null;
    }
    if (reader.stopped !== null) return null;
  }
  return null;
}

/** Line breaks in the first `end` bytes of the file. */
async function countLines(path: string, end: number): Promise<number> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let n = 0;
    for (let position = 0; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) break;
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      position += bytesRead;
    }
    return n;
  } finally {
    await handle.close();
  }
}

/**
 * How far before a line start (bytes) the opening quote of a quoted cell holding it can be: a quoted
 * cell has at most QUOTED_CELL_LIMIT code units between its quotes, 4 bytes each at most (GB18030).
 */
const QUOTED_CELL_BYTES = 4 * (QUOTED_CELL_LIMIT + 2);

/**
 * Whether a line start may be inside a quoted cell (one that spans lines; see table/split.ts), from
 * the quotes in the bytes before it, read forward (each byte once). A quote, tab and line break are
 * the bytes 0x22, 0x09 and 0x0A in UTF-8 and GB18030, never part of another character.
 *
 * In a quoted cell the quotes of a run pair up from its first one: a run of odd length ends with a
 * quote that is not doubled, one of even length is doubled quotes only. A quote at a cell's start
 * (after a tab or a line break) that starts a run of odd length opens a cell, which the next run of
 * odd length closes (or shows to be text). So a line start can be inside a quoted cell only when the
 * latest run of odd length before it starts after a tab or a line break, less than QUOTED_CELL_BYTES
 * before it. That turns down some line starts a sequential read has outside every cell (after a
 * quote that follows a tab inside a cell's text, or an opening quote that turned out to be text),
 * never one it has inside a cell.
 */
class QuoteTracker {
  private readonly buffer = Buffer.allocUnsafe(WINDOW);
  private position: number;
  /** The byte before `position` (-1: not read; a quote there may start a cell). */
  private before = -1;
  /** The run of quotes being read: where it starts, its length, and whether a cell may start there. */
  private run = { start: 0, length: 0, opens: false };
  /** Where the latest run of odd length starts, if it may open a cell (-1: none). */
  private openAt = -1;

  constructor(
    private readonly handle: FileHandle,
    private readonly skip: number,
    from: number,
  ) {
    this.position = Math.max(skip, from - QUOTED_CELL_BYTES - 1);
  }

  /** Whether the line start `at` (after the last one asked) may be inside a quoted cell. */
  async inside(at: number): Promise<boolean> {
    while (this.position < at) {
      const { bytesRead } = await this.handle.read(this.buffer, 0, Math.min(WINDOW, at - this.position), this.position);
      if (bytesRead === 0) break;
      const chunk = this.buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(0x22); i !== -1; i = chunk.indexOf(0x22, i + 1)) {
        const run = this.run;
        if (run.length > 0 && run.start + run.length === this.position + i) {
          run.length++;
          continue;
        }
        this.endRun();
        const previous = i > 0 ? chunk[i - 1]! : this.before;
        this.run = { start: this.position + i, length: 1, opens: this.position + i === this.skip || previous === -1 || previous === 0x09 || previous === 0x0a };
      }
      this.before = chunk[bytesRead - 1]!;
      this.position += bytesRead;
    }
    // (The byte before a line start is a line break: no run goes on past it.)
    this.endRun();
    return this.openAt !== -1 && this.openAt >= at - QUOTED_CELL_BYTES;
  }

  private endRun(): void {
    const run = this.run;
    if (run.length % 2 === 1) this.openAt = run.opens ? run.start : -1;
    run.length = 0;
  }
}

/**
 * The first line start at or after `from` whose row could open a unit (`probe` has the table) and
 * that is not inside a quoted cell, looked for up to SCAN_LIMIT bytes on; null when there is none.
 * (`skip`: where the file's text starts, after a BOM.)
 */
async function findCut(path: string, encoding: EncodingName, probe: TableReader, from: number, size: number, skip: number): Promise<number | null> {
  const handle = await open(path, "r");
  try {
    const quotes = new QuoteTracker(handle, skip, from);
    const buffer = Buffer.allocUnsafe(WINDOW);
    const opensUnit = (bytes: Uint8Array): boolean => {
      const decoder = makeDecoder(encoding);
      let text: string;
      try {
        text = decoder.write(bytes) + decoder.end();
      } catch {
        return false; // not in the encoding: the read itself will say so
      }
      return probe.opensUnitIfBoundary(splitLine(text, 0));
    };
    // A line starts after a line break: read from the byte before `from`.
    let position = from - 1;
    /** Where the line being read starts (-1: before the first line break). */
    let lineStart = -1;
    const limit = Math.min(size, from + SCAN_LIMIT);
    while (position < limit) {
      const { bytesRead } = await handle.read(buffer, 0, WINDOW, position);
      if (bytesRead === 0) return null;
      const chunk = buffer.subarray(0, bytesRead);
      let at = lineStart === -1 ? 0 : lineStart - position;
      for (let nl = chunk.indexOf(10, at); nl !== -1; nl = chunk.indexOf(10, at)) {
        if (lineStart !== -1 && opensUnit(chunk.subarray(lineStart - position, nl)) && !(await quotes.inside(lineStart))) return lineStart;
        lineStart = position + nl + 1;
        at = nl + 1;
      }
      // The unfinished line is read again with the next window; a line longer than a window is skipped.
      if (lineStart === -1 || lineStart === position) {
        position += bytesRead;
        lineStart = -1;
      } else position = lineStart;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** Settings of a split read. */
export interface SplitOptions {
  /** Threads to use, the main one included. */
  threads: number;
  /** The worker script (dist/worker.js). */
  workerUrl: URL;
  /** The file's name in findings. */
  name: string;
  /** The task of the worker of part `index`. */
  task: (index: number) => PartTask;
  /** Where to look for each cut, as fractions of the file (default: equal parts). */
  at?: readonly number[];
}

/** A table being read in parts: the later parts on worker threads. */
export class TableParts<T> {
  private constructor(
    /** Where each worker's part starts; the main thread reads up to the first. */
    readonly starts: number[],
    private readonly answers: Promise<PartAnswer<T>>[],
    private readonly workers: Worker[],
  ) {}

  /** Plan the cuts of a file and start the workers; null when the file has no usable cut. */
  static async start<T>(path: string, plan: StreamPlan, size: number, options: SplitOptions): Promise<TableParts<T> | null> {
    if (!SPLITTABLE.has(plan.encoding) || options.threads < 2) return null;
    // Started first: a worker takes tens of milliseconds to load, meanwhile the cuts are planned.
    const workers: Worker[] = [];
    const answers: Promise<PartAnswer<T>>[] = [];
    for (let i = 1; i < options.threads; i++) {
      let worker: Worker;
      try {
        worker = new (workerThreads().Worker)(options.workerUrl, { workerData: { part: true }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      } catch {
        // No thread to be had (resource limits): one thread, as for a small table.
        for (const started of workers) void started.terminate();
        return null;
      }
      workers.push(worker);
      answers.push(
        new Promise<PartAnswer<T>>((resolve) => {
          worker.once("message", (answer: PartAnswer<T>) => resolve(answer));
          worker.once("error", (error: Error) => resolve({ ok: false, reason: error.message }));
          worker.once("exit", (code) => resolve({ ok: false, reason: `worker exited (${code})` }));
        }),
      );
    }
    const parts = new TableParts<T>([], answers, workers);
    try {
      const doc = await readHeadTable(path, plan);
      if (doc === null) {
        parts.close();
        return null;
      }
      const probe = new TableReader(nullSink, { encoding: plan.encoding, retain: false, skipIndicators: true });
      probe.resumeTable(doc);
      const at = options.at ?? workers.map((_, i) => (i + 1) / options.threads);
      for (const fraction of at.slice(0, workers.length)) {
        const previous = parts.starts.at(-1) ?? plan.skip;
        const cut = await findCut(path, plan.encoding, probe, Math.max(previous + 1, Math.floor(size * fraction)), size, plan.skip);
        if (cut === null) break;
        parts.starts.push(cut);
      }
    } catch {
      parts.starts.length = 0;
    }
    // Fewer cuts than workers: the rest are not needed.
    for (const worker of workers.slice(parts.starts.length)) void worker.terminate();
    parts.workers.length = parts.answers.length = parts.starts.length;
    if (parts.starts.length === 0) return null;
    parts.starts.forEach((start, i) => {
      const request: PartRequest = { path, name: options.name, encoding: plan.encoding, skip: plan.skip, start, end: parts.starts[i + 1] ?? null, task: options.task(i) };
      parts.workers[i]!.postMessage(request);
    });
    return parts;
  }

  /** The answer of the worker of part `i`. */
  answer(i: number): Promise<PartAnswer<T>> {
    return this.answers[i]!;
  }

  /** Stop every worker (those done have exited already). */
  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }

  /**
   * Stop the workers as soon as the main thread's reader has met a second table: their parts assume
   * the first table's header, and will be read again here (as `takeParts` then decides).
   */
  watch(reader: TableReader): void {
    if (reader.tables > 1 && !this.abandoned) {
      this.abandoned = true;
      this.close();
    }
  }
  private abandoned = false;
}

/** How split reads went in this thread (for tests and debugging): parts taken, parts read again here. */
export const partStats = { taken: 0, readAgain: 0 };

/**
 * Take in the workers' parts after the main thread has read up to the first cut (`take` each, in
 * order; `splittable`: whether the main thread's sink allows it). Returns where the main thread must
 * go on reading itself (null: nowhere, every part was taken) and the line number there, and what
 * decoding replaced in the parts taken (to merge into the file's count: see io/replaced.ts). Throws
 * StreamDecodeError when a part's bytes are not in the file's encoding, as a sequential read would.
 */
export async function takeParts<T>(
  parts: TableParts<T>,
  reader: TableReader,
  line: number,
  take: (answer: PartLines & T) => void | Promise<void>,
  splittable = true,
): Promise<{ resume: number | null; line: number; replaced?: Replaced }> {
  if (reader.currentTable === null || !splittable || !reader.atUnitBoundary()) {
    partStats.readAgain += parts.starts.length;
    return { resume: parts.starts[0]!, line };
  }
  let replaced: Replaced | undefined;
  for (let i = 0; i < parts.starts.length; i++) {
    const answer = await parts.answer(i);
    if (!answer.ok && answer.failure !== undefined) throw new StreamDecodeError(answer.failure);
    if (!answer.ok || answer.firstLine !== line) {
      partStats.readAgain += parts.starts.length - i;
      return { resume: parts.starts[i]!, line, replaced };
    }
    if (i === 0) reader.cutBeforeUnit();
    await take(answer);
    partStats.taken++;
    line = answer.nextLine;
    replaced = mergeReplaced(replaced, answer.replaced);
  }
  return { resume: null, line, replaced };
}

/**
 * Read a part with `sink` (in a worker thread): `resume` starts the reader in the middle of the
 * table, `flush` runs after each batch of rows. Verifies that the part starts at a row that opens a
 * unit, holds no other table, and (unless it is the last) ends where a unit opens next; then closes
 * its last unit.
 */
export async function readPart(
  request: PartRequest,
  sink: TableSink,
  /** Starts the reader in the table; false: this part cannot be read apart, say so at once. */
  resume: (reader: TableReader, doc: TableDocument) => boolean | void,
  flush: () => void | Promise<void> = () => {},
): Promise<PartAnswer<object>> {
  try {
    const plan: StreamPlan = { encoding: request.encoding, skip: request.skip };
    const [lines, doc] = await Promise.all([countLines(request.path, request.start), readHeadTable(request.path, plan)]);
    if (doc === null) return { ok: false, reason: "no table at the head" };
    // Footnotes are kept for a conversion to JSON only (written at the table's end by the main thread).
    const footnotes = request.task.kind === "convert" && request.task.format === "json";
    const reader = new TableReader(sink, { encoding: request.encoding, retain: false, footnotes });
    if (resume(reader, doc) === false) return { ok: false, reason: "a rule needs the whole table" };
    const seen: { text: boolean; nextLine: number; replaced?: Replaced } = { text: false, nextLine: lines + 1 };
    let first = true;
    for await (const rows of streamRows(request.path, { encoding: request.encoding, skip: request.start }, seen, 32, undefined, { end: request.end ?? undefined, firstLine: lines + 1 })) {
      for (const row of rows) {
        if (first && row.cells.some((c) => c.text !== "")) {
          if (!reader.opensUnitIfBoundary(row)) return { ok: false, reason: "the part does not start at a unit" };
          first = false;
        }
        reader.push(row);
      }
      // Another table began in this part: only a sequential read gets it right (said at once).
      if (reader.tables !== 1 || reader.currentTable !== doc) return { ok: false, reason: "another table starts in the part" };
      await flush();
    }
    if (request.end !== null && !reader.atUnitBoundary()) return { ok: false, reason: "the part does not end before a unit" };
    reader.endPart();
    await flush();
    return { ok: true, firstLine: lines + 1, nextLine: seen.nextLine, replaced: seen.replaced };
  } catch (error) {
    if (error instanceof StreamDecodeError) return { ok: false, reason: error.message, failure: error.failure };
    return { ok: false, reason: (error as Error).message };
  }
}

/** Check one part of a table (in a worker thread). */
export async function checkPart(request: PartRequest): Promise<PartAnswer<PartFindings>> {
  const task = request.task;
  if (task.kind !== "check") return { ok: false, reason: "not a check" };
  const config: ResolvedConfig = { severities: new Map(task.severities), options: new Map(task.options) };
  const runner = new RuleRunner(request.name, config, undefined, 0);
  const read = await readPart(request, runner, (reader, doc) => {
    runner.resuming = true;
    reader.resumeTable(doc);
    runner.resuming = false;
    return runner.splittable;
  });
  if (!read.ok) return read;
  return { ok: true, firstLine: read.firstLine, nextLine: read.nextLine, replaced: read.replaced, ...runner.takePart() };
}
