// Streams a text table from disk: reads fixed-size chunks, decodes them incrementally (BOM, strict
// UTF-8, else GB18030 from the start again), and yields rows of cells — so memory does not grow with
// the file's size and no string nears V8's length limit.
import { isUtf8 } from "node:buffer";
import { open } from "./fsp.js";
import { createRequire } from "node:module";
import { type EncodingName, type EncodingOption, NUL_BYTES, planEncoding, type StreamFailure, type StreamPlan, Utf8Locator } from "./decode.js";
import { Gb18030Decoder, iconv } from "./gb18030.js";
import { mergeReplaced, type Replaced, replacementScanner, wellFormedUtf16 } from "./replaced.js";

export type { StreamPlan } from "./decode.js";
import type { RawRow } from "../table/rows.js";
import { describeFsError } from "./read-input.js";
import { RowSplitter, splitLine } from "../table/split.js";

const CHUNK = 1 << 20;
/** Bytes decoded at a time within a chunk. */
const DECODE_PIECE = 32 * 1024;
const requireLazy = createRequire(import.meta.url);

/** A decoder that turns byte chunks into text. `fatal`: throws on invalid input (strict UTF-8). */
export interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
  /** GB18030: what it replaced so far (it walks the bytes anyway: see Gb18030Decoder). */
  readonly replaced?: Replaced | undefined;
}

/**
 * A decoder for `encoding`. `start` (GB18030, whose decoder counts what it replaces): the file
 * offset of the first byte, the number of its line, and whether it is the file's start (as for
 * replacementScanner).
 */
export function makeDecoder(encoding: EncodingName, start: { offset: number; line: number; fileStart: boolean } = { offset: 0, line: 1, fileStart: true }): ChunkDecoder {
  if (encoding === "utf-8") {
    const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  if (encoding === "gb18030") return new Gb18030Decoder(start.offset, start.line, start.fileStart);
  const d = iconv().getDecoder(encoding);
  // UTF-16, made well-formed as decodeBytes makes it: a high surrogate at the end of a piece waits
  // for the low one that may start the next.
  let held = "";
  let odd = false;
  return {
    write: (b) => {
      if (b.length % 2 === 1) odd = !odd;
      let text = held + d.write(Buffer.from(b.buffer, b.byteOffset, b.length));
      held = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      return wellFormedUtf16(text, false);
    },
    end: () => {
      const rest = held + (d.end() ?? "");
      held = "";
      return wellFormedUtf16(rest, odd);
    },
  };
}


/** Thrown inside the row generator when the file turns out not to be decodable as assumed. */
export class StreamDecodeError extends Error {
  constructor(readonly failure: StreamFailure) {
    super(failure.messageId);
  }
}

const NO_BYTES: Uint8Array = new Uint8Array(0);

/**
 * The bytes at the end of `held` and `bytes` (taken as one run of valid UTF-8 so far) of a character
 * not yet finished: what a streaming UTF-8 decoder holds (at most 3 bytes).
 */
function unfinishedUtf8(held: Uint8Array, bytes: Uint8Array): Uint8Array {
  const all = bytes.length >= 3 || held.length === 0 ? bytes : Uint8Array.of(...held, ...bytes);
  for (let back = 1; back <= 3 && back <= all.length; back++) {
    const b = all[all.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    return sequenceLength(b) > back ? all.slice(all.length - back) : NO_BYTES;
  }
  return NO_BYTES;
}

/** The text of `held` and `bytes` (UTF-8 that a decoder found invalid) up to the broken character. */
function utf8Before(held: Uint8Array, bytes: Uint8Array): string {
  const all = held.length === 0 ? bytes : Uint8Array.of(...held, ...bytes);
  const at = new Utf8Locator();
  const end = at.feed(all) || at.end() ? at.offset : all.length;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(all.subarray(0, end));
  } catch {
    return "";
  }
}

/**
 * Rows of a text file, a chunk's worth at a time, decoded with `plan`. Throws StreamDecodeError when the bytes are not valid
 * in that encoding (strict UTF-8) or contain NUL characters — once the rows before that byte were
 * given and the caller goes on reading: a reader that stops looking for a header before it (its
 * caller stops reading, or `mayRead` says no on the line that byte cuts off) never reaches it, as a
 * whole-file read does not (see io/decode.ts's NoTableBefore). `seen.text` tells whether any
 * non-blank text was read (to tell an empty file from one without a table).
 */
export async function* streamRows(
  path: string,
  plan: StreamPlan,
  /** `replaced`: what the decoder replaced, added to when the read reaches its end (see io/replaced.ts). */
  seen: { text: boolean; nextLine?: number; replaced?: Replaced },
  collectEvery = 0,
  /** Bytes read at a time (tests make it small to put chunk boundaries everywhere). */
  chunkSize = CHUNK,
  /**
   * Read only up to byte `end` (a line start), numbering the first line `firstLine` (a part of a
   * file, from `plan.skip`). `seen.nextLine` is set to the number of the line after the last.
   * `mayRead(length, line)` is asked, after each piece, about the unfinished line (line number
   * `line`, `length` characters so far): false stops the read there (the reader found it too long
   * to be still looking for a header: see TableReader.mayRead).
   */
  range: { end?: number; firstLine?: number; mayRead?: (length: number, line: number) => boolean } = {},
): AsyncGenerator<RawRow[]> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(chunkSize);
    let position = plan.skip;
    const end = range.end ?? Infinity;
    let carry = "";
    let line = range.firstLine ?? 1;
    let first = plan.skip === 0;
    let chunks = 0;
    const decoder = makeDecoder(plan.encoding, { offset: position, line, fileStart: range.firstLine === undefined });
    // GB18030 and UTF-16 only: what the decoder replaces is counted as it goes (by GB18030's decoder
    // itself, beside UTF-16's).
    const scanner = plan.encoding === "gb18030" ? null : replacementScanner(plan.encoding, position, line, range.firstLine === undefined);

    /** What the read failed on (a byte that is not UTF-8, a NUL character): the text before it is read first. */
    let failure: StreamFailure | null = null;
    /** UTF-8: the bytes of a character the decoder holds, unfinished at the end of the last piece. */
    let unfinished: Uint8Array = NO_BYTES;

    const decode = (bytes: Uint8Array | null): string => {
      if (scanner !== null) {
        if (bytes === null) scanner.end();
        else scanner.feed(bytes);
      }
      let text: string;
      try {
        text = bytes === null ? decoder.end() : decoder.write(bytes);
        if (plan.encoding === "utf-8" && bytes !== null) unfinished = unfinishedUtf8(unfinished, bytes);
      } catch {
        // (Strict UTF-8.) The text up to the broken character (at the end: none).
        text = bytes === null ? "" : utf8Before(unfinished, bytes);
        failure = { messageId: "undecodable", data: { encoding: plan.encoding } };
      }
      if (first && text !== "") {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const nul = text.indexOf("\u0000");
      if (nul !== -1) {
        text = text.slice(0, nul);
        failure = { messageId: "binary", data: { ...NUL_BYTES } };
      }
      if (!seen.text && /\S/.test(text)) seen.text = true;
      return text;
    };

    /**
     * After the rows before it were given: whether the read goes on (false: the reader stops on the
     * unfinished line, see `range.mayRead`); throws what it failed on, if it did.
     */
    const goOn = (): boolean => {
      // (Asked after the rows before it were taken: one of them may have been a header.)
      if (carry !== "" && range.mayRead !== undefined && !range.mayRead(carry.length, line)) return false;
      if (failure !== null) throw new StreamDecodeError(failure);
      return true;
    };

    // Quoted cells (which may span lines) are looked for only in pieces with a quote: the lines of
    // the others are split as they come (see table/split.ts).
    const splitter = new RowSplitter();
    /** Whether the unfinished line may hold a quote. */
    let carryQuoted = false;

    /** The rows completed by `text` (the rest waits in `carry`); `done`: it is the end of the file. */
    const take = (text: string, done: boolean): RawRow[] => {
      const rows: RawRow[] = [];
      const quoted = text.indexOf('"') !== -1;
      // The line cut at the end of the last piece ends in this one (or goes on past it). It is
      // completed on its own: the piece is never glued to it (a copy of the whole piece each time).
      let from = 0;
      if (carry !== "") {
        const nl = text.indexOf("\n");
        if (nl !== -1 || done) {
          const whole = carry + (nl !== -1 ? text.slice(0, nl) : text);
          if (carryQuoted || quoted || splitter.holding) splitter.push(whole, line++, rows);
          else rows.push(splitLine(whole, line++));
          carry = "";
          from = nl !== -1 ? nl + 1 : text.length;
        } else {
          carry += text;
          carryQuoted ||= quoted;
          return rows;
        }
      }
      const last = done ? text.length : text.lastIndexOf("\n");
      const slow = quoted || splitter.holding;
      let start = from;
      if (last >= from) {
        while (start <= last) {
          let end = text.indexOf("\n", start);
          if (end === -1 || end > last) end = last;
          if (done && start === text.length) break;
          if (slow) splitter.push(text.slice(start, end), line++, rows);
          else rows.push(splitLine(text.slice(start, end), line++));
          start = end + 1;
        }
      }
      carry = done ? "" : last < from ? text.slice(from) : text.slice(last + 1);
      carryQuoted = quoted;
      if (done) splitter.end(rows);
      return rows;
    };

    for (;;) {
      const { bytesRead } = position >= end ? { bytesRead: 0 } : await handle.read(buffer, 0, Math.min(chunkSize, end - position), position);
      position += bytesRead;
      if (bytesRead === 0) {
        const text = decode(null);
        // (A character cut off by the end of the file: the last line is not finished either.)
        const rows = take(text, failure === null);
        seen.nextLine = line;
        const replaced = scanner === null ? decoder.replaced : scanner.replaced;
        if (replaced !== undefined) seen.replaced = mergeReplaced(seen.replaced, replaced);
        if (rows.length > 0) yield rows;
        if (failure !== null) goOn();
        break;
      }
      // Decoded a piece at a time: a piece's text and rows are small enough to die young, where a
      // whole chunk's text would be a large object that only a full collection frees.
      for (let at = 0; at < bytesRead; at += DECODE_PIECE) {
        const rows = take(decode(buffer.subarray(at, Math.min(at + DECODE_PIECE, bytesRead))), false);
        if (rows.length > 0) yield rows;
        if (!goOn()) return;
      }
      // Each chunk is 1 MiB: on a huge file, a collection every few dozen keeps memory flat.
      if (collectEvery > 0 && ++chunks % collectEvery === 0) collectGarbage();
    }
  } finally {
    await handle.close();
  }
}

/** Bytes a UTF-8 sequence starting with `lead` has (0: not a lead byte). */
function sequenceLength(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
}

/**
 * Read a file taken for UTF-8 through once, before anything is written from it: throws the
 * StreamDecodeError a read with `streamRows` would throw later (bytes that are not UTF-8; NUL
 * bytes), so that a conversion never writes part of its output and then starts again or fails.
 * About 25 ms for 100 MB.
 */
export async function checkUtf8(path: string, skip: number): Promise<void> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK + 4);
    let carried = 0;
    let position = skip;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, CHUNK, position);
      position += bytesRead;
      const length = carried + bytesRead;
      if (buffer.subarray(carried, length).indexOf(0) !== -1) throw new StreamDecodeError({ messageId: "binary", data: { ...NUL_BYTES } });
      // A sequence cut at the end of the chunk waits for the next one.
      let end = length;
      if (bytesRead > 0) {
        for (let back = 1; back <= 3 && length - back >= 0; back++) {
          const lead = sequenceLength(buffer[length - back]!);
          if (lead === 0) continue;
          if (lead > back) end = length - back;
          break;
        }
      }
      if (!isUtf8(buffer.subarray(0, end))) throw new StreamDecodeError({ messageId: "undecodable", data: { encoding: "utf-8" } });
      if (bytesRead === 0) return;
      carried = length - end;
      buffer.copy(buffer, 0, end, length);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Read a file taken for GB18030 or UTF-16 (`plan`) through once, before anything is written from it:
 * throws the StreamDecodeError (`binary`) a read with `streamRows` would throw later for a NUL
 * character (GB18030: a 00 byte, never part of another character; UTF-16: a 00 00 code unit).
 */
export async function checkNoNul(path: string, plan: StreamPlan): Promise<void> {
  const wide = plan.encoding === "utf-16le" || plan.encoding === "utf-16be";
  // (CHUNK is even: a UTF-16 code unit never straddles two chunks.)
  for await (const chunk of fileChunks(path, plan.skip)) {
    for (let i = chunk.indexOf(0); i !== -1; i = chunk.indexOf(0, i + 1)) {
      if (!wide || (i % 2 === 0 && i + 1 < chunk.length && chunk[i + 1] === 0)) throw new StreamDecodeError({ messageId: "binary", data: { ...NUL_BYTES } });
    }
  }
}

/** The bytes of a file from `from` to its end, CHUNK at a time (one buffer, reused: each chunk is valid until the next). */
async function* fileChunks(path: string, from: number): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let position = from; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * For a read that stopped before the end of the file after a table (the reader gave up looking for
 * the header of another): the whole file is still its input, as when it is read whole. Throws the StreamDecodeError a read
 * to the end would have thrown (bytes that are not UTF-8; NUL characters), and returns what decoding
 * the whole file replaces (GB18030, UTF-16; see io/replaced.ts).
 */
export async function checkRest(path: string, plan: StreamPlan): Promise<Replaced | undefined> {
  if (plan.encoding === "utf-8") {
    await checkUtf8(path, plan.skip);
    return undefined;
  }
  await checkNoNul(path, plan);
  return scanReplaced(path, plan);
}

/** What decoding the whole file with `plan` replaces (GB18030, UTF-16; see io/replaced.ts). */
export async function scanReplaced(path: string, plan: StreamPlan): Promise<Replaced | undefined> {
  const scanner = replacementScanner(plan.encoding, plan.skip, 1, true);
  if (scanner === null) return undefined;
  for await (const chunk of fileChunks(path, plan.skip)) scanner.feed(chunk);
  scanner.end();
  return scanner.replaced;
}

/**
 * A full garbage collection, where the runtime allows one (V8's `gc`, reached without the command-line
 * flag). Called every few hundred megabytes of a huge file, it keeps the process near its live memory
 * instead of letting V8 grow the heap with garbage; never called for ordinary files.
 */
let collector: (() => void) | null | undefined;
export function collectGarbage(): void {
  if (collector === undefined) {
    try {
      const v8 = requireLazy("node:v8") as typeof import("node:v8");
      const vm = requireLazy("node:vm") as typeof import("node:vm");
      v8.setFlagsFromString("--expose-gc");
      collector = vm.runInNewContext("gc") as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}

export type StreamFailureOrFs = { messageId: string; data: Record<string, string> };

/** Where a file stops being UTF-8 after its first `skip` bytes (see Utf8Locator), or null. */
async function locateInvalidUtf8InFile(path: string, skip: number): Promise<StreamFailure | null> {
  const at = new Utf8Locator();
  try {
    const handle = await open(path, "r");
    try {
      const buffer = new Uint8Array(1 << 20);
      for (let position = skip; ; ) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) return at.end() ? at.failure() : null;
        if (at.feed(buffer.subarray(0, bytesRead))) return at.failure();
        position += bytesRead;
      }
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/**
 * Read a text file as a stream with `read`, choosing the encoding from its first bytes: when a file
 * taken for UTF-8 turns out not to be, `read` runs again with GB18030 (which reads any bytes). A file
 * that is not text, cannot be decoded or fails on disk (vanished, EIO …) goes to `fail` instead,
 * naming the file `name` (as the user gave it: see describeFsError).
 */
export async function readStreamed<T>(
  path: string,
  head: Uint8Array,
  forced: EncodingOption,
  read: (plan: StreamPlan) => Promise<T>,
  fail: (failure: StreamFailureOrFs) => T,
  name = path,
): Promise<T> {
  let plan = planEncoding(head, forced);
  for (;;) {
    if (!("encoding" in plan)) return fail(plan);
    try {
      return await read(plan);
    } catch (error) {
      if (error instanceof StreamDecodeError) {
        if (error.failure.messageId === "undecodable" && plan.encoding === "utf-8") {
          // A guess that failed: GB18030. Declared UTF-8 (forced, or by its BOM): say where it is not.
          if (forced === "auto" && plan.skip === 0) {
            const notUtf8 = (await locateInvalidUtf8InFile(path, 0))?.data;
            plan = notUtf8 === undefined ? { encoding: "gb18030", skip: 0 } : { encoding: "gb18030", skip: 0, notUtf8 };
            continue;
          }
          return fail((await locateInvalidUtf8InFile(path, plan.skip)) ?? error.failure);
        }
        return fail(error.failure);
      }
      // The file vanished or failed between the peek and the stream (ENOENT, EACCES, EIO …).
      if (typeof (error as NodeJS.ErrnoException | null)?.code === "string") return fail(describeFsError(error, path, name));
      throw error;
    }
  }
}
