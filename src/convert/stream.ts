// Streaming convert: reads a text table from disk chunk by chunk and writes JSON, NDJSON or CSV
// as projects are read, so a table of any size converts in flat memory and no output string nears
// V8's length limit. The bytes written are exactly those of the in-memory formatters.
import { type FileHandle, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { checkNoNul, checkUtf8, readStreamed, scanReplaced, StreamDecodeError, streamRows, type StreamPlan } from "../io/stream.js";
import type { EncodingOption } from "../io/decode.js";
import { noTable, nullSink, replacedBytes, unreadable } from "../table/parse.js";
import { mergeReplaced, type Replaced } from "../io/replaced.js";
import { headerKey, TableReader, type TableSink } from "../table/reader.js";
import type { AmountRow, Diagnostic, Footnote, Project, TableDocument, Unit } from "../types.js";
import type { RawRow } from "../table/rows.js";
import { privateTempDir } from "../io/read-input.js";
import { findWorkerScript } from "../audit/worker-script.js";
import { type PartAnswer, type PartRequest, partThreads, readPart, TableParts, takeParts } from "../validate/parts.js";
import { escapeJsonForTerminal } from "../reporters/sanitize.js";
import { type ConvertFormat, csvHeader, csvRows, JsonWriter, ndjsonLines } from "./index.js";

export type Write = (text: string) => void | Promise<void>;

/** Writes the JSON of each table as its parts arrive (see `JsonWriter`). */
class JsonSink implements TableSink {
  private readonly writer: JsonWriter;
  private unitOpen: Unit | null = null;
  readonly diagnostics: Diagnostic[] = [];

  constructor(tables: number) {
    this.writer = new JsonWriter(tables);
  }

  drain(): string {
    return this.writer.drain();
  }

  /** Go on in the middle of the table's units (a part read on another thread). */
  continueTable(): void {
    this.writer.continueUnits();
  }

  startTable(doc: TableDocument): void {
    this.writer.startTable(doc);
  }

  total(_row: AmountRow): void {}

  project(project: Project, unit: Unit, doc: TableDocument): void {
    if (this.unitOpen !== unit) {
      this.writer.openUnit(unit, doc);
      this.unitOpen = unit;
    }
    this.writer.project(project);
  }

  endUnit(unit: Unit, doc: TableDocument): void {
    if (this.unitOpen !== unit) this.writer.openUnit(unit, doc);
    this.writer.closeUnit(unit);
    this.unitOpen = null;
  }

  endTable(doc: TableDocument): void {
    this.writer.endTable(doc);
  }

  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

/** Writes NDJSON lines or CSV rows per project (`terminal`, `escapeFormulas`: CSV cells, see csvCell). */
class RowSink implements TableSink {
  private out: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private started = false;
  constructor(
    private readonly format: "ndjson" | "csv",
    private readonly terminal = false,
    private readonly escapeFormulas = false,
  ) {}
  drain(): string {
    const s = this.out.join("");
    this.out = [];
    return s;
  }
  startTable(): void {
    if (this.format === "csv" && !this.started) this.out.push(csvHeader());
    this.started = true;
  }
  total(): void {}
  project(project: Project, unit: Unit, doc: TableDocument): void {
    const one: TableDocument = { ...doc, units: [{ ...unit, projects: [project] }] };
    if (this.format === "ndjson") for (const line of ndjsonLines(one)) this.out.push(line);
    else for (const row of csvRows(one, this.terminal, false, this.escapeFormulas)) this.out.push(row);
  }
  endUnit(): void {}
  endTable(): void {}
  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

/** 称 and 项 in UTF-8. */
const CHENG = Buffer.from("称", "utf8");
const XIANG = Buffer.from("项", "utf8");

/** An unfinished line longer than this makes `atMostOneTable` give up (bytes). */
const LONG_LINE = 1 << 20;

/**
 * A line with a cell the reader takes for the 项目名称 column (every header row has one), or would
 * once its quotes are read (`"项目名称` on the first line of a quoted cell with a line break).
 */
function isHeaderLike(line: string): boolean {
  return line.split("\t").some((cell) => headerKey(cell.charCodeAt(0) === 0x22 ? cell.slice(1) : cell) === "name");
}

/**
 * Whether a UTF-8 file can hold at most one table, found from its bytes without decoding them all:
 * a table starts at a header row, and a header row has a cell that starts with 项目名称 (perhaps
 * with spaces between the characters), so its line has a 项 before a 称; only such lines are decoded
 * and tested. When at most one is a header, the file has at most one table. (Repeated headers or
 * several tables: false, and they are counted.)
 */
async function atMostOneTable(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let carry = Buffer.alloc(0);
    let candidates = 0;
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      position += bytesRead;
      const done = bytesRead === 0;
      const data = carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      // Whole lines only; the unfinished last line waits for the next chunk.
      const end = done ? data.length : data.lastIndexOf(0x0a) + 1;
      let at = data.indexOf(CHENG, 0);
      while (at !== -1 && at < end) {
        const lineStart = data.lastIndexOf(0x0a, at) + 1;
        const next = data.indexOf(0x0a, at);
        const lineEnd = next === -1 ? data.length : next;
        if (data.subarray(lineStart, at).includes(XIANG) && isHeaderLike(data.toString("utf8", lineStart, lineEnd)) && ++candidates > 1) return false;
        at = data.indexOf(CHENG, lineEnd);
      }
      if (done) return true;
      // A line this long is no header row, but it cannot be told cheaply: say "maybe more", and let
      // the tables be counted (a line without a break is not gathered here, at any length).
      if (data.length - end > LONG_LINE) return false;
      carry = Buffer.from(data.subarray(end));
    }
  } finally {
    await handle.close();
  }
}

/**
 * Count the header rows (tables) of a file: the JSON output needs to know one vs. several. Returns
 * the reader that counted them (`tables`, and `stopped` when it stopped looking for a header).
 */
async function countTables(path: string, plan: StreamPlan, seen: { text: boolean }): Promise<TableReader> {
  const reader = new TableReader(
    { startTable() {}, total() {}, project() {}, endUnit() {}, endTable() {}, diagnostic() {} },
    { encoding: plan.encoding, retain: false, skipIndicators: true },
  );
  for await (const rows of streamRows(path, plan, seen, 0, undefined, { mayRead: reader.mayRead.bind(reader) })) {
    for (const row of rows) reader.push(row);
    if (reader.stopped !== null) break;
  }
  reader.end();
  return reader;
}

/**
 * For a file that the whole-file check found a NUL character or a byte that is not UTF-8 in: the
 * reader that stopped looking for a header without a table before reaching it (streamRows reads
 * the text before that byte first), or null — a table came first, or the byte did. A file without a
 * table is then judged by what the reader read, as `check` and a whole-file read judge it.
 */
async function stoppedBefore(path: string, plan: StreamPlan): Promise<TableReader | null> {
  const reader = new TableReader(nullSink, { encoding: plan.encoding, retain: false, skipIndicators: true });
  try {
    for await (const rows of streamRows(path, plan, { text: false }, 0, undefined, { mayRead: reader.mayRead.bind(reader) })) {
      for (const row of rows) {
        reader.push(row);
        if (reader.currentTable !== null || reader.tables > 0) return null;
      }
      if (reader.stopped !== null) break;
    }
  } catch (error) {
    if (error instanceof StreamDecodeError) return null;
    throw error;
  }
  return reader.stopped !== null && reader.tables === 0 ? reader : null;
}

/** The answer of a worker that converted a part of a table: its text is in `file`. */
export interface ConvertPartFindings {
  file: string;
  diagnostics: Diagnostic[];
  /** The part's footnotes (JSON: written at the table's end, by the main thread). */
  footnotes: Footnote[];
}

/** Convert one part of a table into the file its task names (in a worker thread). */
export async function convertPart(request: PartRequest): Promise<PartAnswer<ConvertPartFindings>> {
  const task = request.task;
  if (task.kind !== "convert") return { ok: false, reason: "not a conversion" };
  const sink = task.format === "json" ? new JsonSink(1) : new RowSink(task.format, false, task.escapeFormulas === true);
  let handle: FileHandle | null = null;
  try {
    handle = await open(task.file, "wx", 0o600);
    const out = handle;
    /** The table as the part's reader has it (its footnotes are the part's). */
    const part: { doc?: TableDocument } = {};
    const read = await readPart(
      request,
      sink,
      (reader, doc) => {
        part.doc = doc;
        reader.resumeTable(doc);
        sink.drain(); // what starting the table writes (the CSV header) is the head's
        if (sink instanceof JsonSink) sink.continueTable();
      },
      async () => {
        const text = sink.drain();
        if (text !== "") await out.write(text);
      },
    );
    if (!read.ok) return read;
    const footnotes = part.doc?.footnotes ?? [];
    return { ok: true, firstLine: read.firstLine, nextLine: read.nextLine, replaced: read.replaced, file: task.file, diagnostics: sink.diagnostics, footnotes };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    await handle?.close();
  }
}

/** Copy a file to `write`, a megabyte at a time (each piece a new buffer: a writer may keep it). */
async function copyInto(file: string, write: (bytes: Uint8Array) => void | Promise<void>): Promise<void> {
  const handle = await open(file, "r");
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await write(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** How a big table may be converted in parts on worker threads (see validate/parts.ts). */
export interface ConvertSplit {
  /** Threads to use, this one included. */
  threads: number;
  /** The file's size. */
  size: number;
  /** Writes bytes (the parts' text comes back as UTF-8 from temporary files). */
  writeBytes: (bytes: Uint8Array) => void | Promise<void>;
  /** Tables from this size are split (default 16 MiB). */
  splitBytes?: number;
  /** The worker script (default dist/worker.js beside the bundle). */
  workerUrl?: URL | null;
  /** Where to look for the cuts, as fractions of the file (tests). */
  at?: readonly number[];
}

export interface StreamConvertResult {
  tables: number;
  diagnostics: Diagnostic[];
  encoding: string | null;
}

/**
 * Convert the text table at `path` (absolute) and hand the output to `write` piece by piece.
 * Returns the number of tables and the reader's diagnostics (an `input/unreadable` one when the
 * file is not a readable table; then nothing was written). `terminal`: the output is shown on a
 * terminal, made safe as by formatDocuments' `terminal` (on one thread: `split` is not used).
 * `escapeFormulas`: CSV cells a spreadsheet would run as formulas get a leading `'` (see csvCell).
 * `name`: the file as the user gave it, named in a message that it cannot be read (default `path`).
 */
export function convertStreamed(
  path: string,
  head: Uint8Array,
  format: ConvertFormat,
  output: Write,
  encoding: EncodingOption = "auto",
  split?: ConvertSplit,
  terminal = false,
  escapeFormulas = false,
  name = path,
): Promise<StreamConvertResult> {
  if (terminal) split = undefined;
  const write: Write = terminal && format !== "csv" ? (text) => output(escapeJsonForTerminal(text)) : output;
  return readStreamed<StreamConvertResult>(
    path,
    head,
    encoding,
    async (plan) => {
      // Nothing is written until the file is known to be UTF-8 throughout (else it is read as GB18030),
      // and to hold no NUL character (binary, as when read whole) — unless the file has no table
      // before the bad byte and the reader stops looking for one first.
      try {
        if (plan.encoding === "utf-8") await checkUtf8(path, plan.skip);
        else await checkNoNul(path, plan);
      } catch (error) {
        const stopped = error instanceof StreamDecodeError ? await stoppedBefore(path, plan) : null;
        if (stopped === null) throw error;
        return { tables: 0, diagnostics: [noTable(stopped, plan.notUtf8)], encoding: plan.encoding };
      }
      // Only JSON needs to know in advance whether there are several tables (they make an array);
      // the count costs a second pass over the file unless the bytes show there is at most one.
      let expected = 1;
      if (format === "json" && !(plan.encoding === "utf-8" && (await atMostOneTable(path)))) {
        const counted = { text: false };
        const counter = await countTables(path, plan, counted);
        expected = counter.tables;
        if (expected === 0) return { tables: 0, diagnostics: [counted.text || counter.stopped !== null ? noTable(counter, plan.notUtf8) : unreadable("empty")], encoding: plan.encoding };
      }
      const sink = format === "json" ? new JsonSink(expected) : new RowSink(format, terminal, escapeFormulas);
      // JSON writes the footnotes at each table's end: the reader keeps them (the other formats have none).
      const reader = new TableReader(sink, { encoding: plan.encoding, retain: false, footnotes: format === "json" });
      const mayRead = reader.mayRead.bind(reader);
      const seen: { text: boolean; nextLine: number; replaced?: Replaced } = { text: false, nextLine: 1 };
      let parts: TableParts<ConvertPartFindings> | null = null;
      const pump = async (rows: AsyncIterable<RawRow[]>) => {
        for await (const batch of rows) {
          for (const row of batch) reader.push(row);
          parts?.watch(reader);
          const text = sink.drain();
          if (text !== "") await write(text);
          // No header where one should be: the rest is not read (see TableReader.stopped).
          if (reader.stopped !== null) break;
        }
      };
      // A big table of one document: its later parts converted on worker threads into temporary files.
      const workerUrl = split === undefined ? null : split.workerUrl === undefined ? findWorkerScript() : split.workerUrl;
      const threads = split === undefined || workerUrl === null || expected !== 1 ? 1 : partThreads(split.threads, split.size, split.splitBytes);
      // (No usable temporary folder: one thread, as for a small table.)
      const temp = threads > 1 ? await privateTempDir("perftable-convert-").catch(() => null) : null;
      try {
        if (temp !== null) {
          parts = await TableParts.start<ConvertPartFindings>(path, plan, split!.size, {
            threads,
            workerUrl: workerUrl!,
            name,
            task: (i) => ({ kind: "convert", format, file: join(temp.dir, `part-${i}`), escapeFormulas }),
            at: split!.at,
          });
        }
        await pump(streamRows(path, plan, seen, 16, undefined, { end: parts?.starts[0], mayRead }));
        if (parts !== null && reader.stopped === null) {
          const { resume, line, replaced } = await takeParts(parts, reader, seen.nextLine, async (part) => {
            const text = sink.drain();
            if (text !== "") await write(text);
            await copyInto(part.file, split!.writeBytes);
            await rm(part.file, { force: true });
            sink.diagnostics.push(...part.diagnostics);
            reader.addFootnotes(part.footnotes);
          });
          seen.replaced = mergeReplaced(seen.replaced, replaced);
          if (resume !== null) await pump(streamRows(path, { encoding: plan.encoding, skip: resume }, seen, 16, undefined, { firstLine: line, mayRead }));
        }
      } finally {
        parts?.close();
        await temp?.remove();
      }
      // No table at all: nothing was written (every format writes from the first table on).
      const tables = reader.end();
      if (tables === 0) return { tables: 0, diagnostics: [seen.text || reader.stopped !== null ? noTable(reader, plan.notUtf8) : unreadable("empty")], encoding: plan.encoding };
      const rest = sink.drain();
      if (rest !== "") await write(rest);
      // Stopped early (no header after a preamble): what decoding replaces in the bytes after counts
      // too, as in a whole-file read (their NUL characters and UTF-8 were checked before).
      if (reader.stopped !== null) seen.replaced = await scanReplaced(path, plan);
      if (seen.replaced !== undefined) sink.diagnostics.push(replacedBytes(plan.encoding, seen.replaced));
      return { tables, diagnostics: sink.diagnostics, encoding: plan.encoding };
    },
    (failure) => ({ tables: 0, diagnostics: [unreadable(failure.messageId, failure.data)], encoding: null }),
    name,
  );
}
