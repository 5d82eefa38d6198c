// Decodes the bytes of a table: BOM first (UTF-8, UTF-16LE, UTF-16BE), then strict UTF-8, then
// GB18030 (a superset of GBK), via iconv-lite. Recognises binary files so they get a clear message.
import { decodeGb18030, iconv } from "./gb18030.js";
import { findReplaced, type Replaced, wellFormedUtf16 } from "./replaced.js";

export type EncodingName = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
export type EncodingOption = "auto" | EncodingName;

export const ENCODINGS: readonly EncodingOption[] = ["auto", "utf-8", "gb18030", "utf-16le", "utf-16be"];

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: EncodingName;
      /** Read as GB18030 because it is not UTF-8: where UTF-8 failed (for a "no table" message). */
      notUtf8?: Record<string, string>;
      /** Bytes the decoder replaced by U+FFFD (GB18030, UTF-16 only; see io/replaced.ts). */
      replaced?: Replaced;
    }
  | DecodeFailure;

/**
 * Why bytes cannot be read as a table. `encoding`: set when a reader stopped looking for a header
 * before the byte the read failed on (`noTableWithin`, `noTableNotUtf8`: see NoTableBefore).
 */
export interface DecodeFailure {
  ok: false;
  messageId: "empty" | "binary" | "undecodable" | "undecodableAt" | "xls" | NoTableId;
  data: Record<string, string>;
  encoding?: EncodingName;
}

type NoTableId = "noTableWithin" | "noTableNotUtf8";

/**
 * Asked about `text`, what a read decodes before a byte it fails on (a NUL character, a byte that
 * is not UTF-8): the finding (message id and data) of a reader that stops looking for a header
 * within it without finding a table, else null. A streamed read stops there and never reaches that
 * byte (see streamRows), so a file without a table is judged by the same text on every path.
 * `notUtf8`: read as GB18030 because it is not UTF-8 (where). Given by the table reader
 * (table/parse.ts's noTableBefore), which io does not import.
 */
export type NoTableBefore = (text: string, encoding: EncodingName, notUtf8?: Record<string, string>) => { messageId: NoTableId; data: Record<string, string> } | null;

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], "PDF"],
  [[0x50, 0x4b, 0x03, 0x04], "ZIP/XLSX"],
  [[0x89, 0x50, 0x4e, 0x47], "PNG"],
  [[0xff, 0xd8, 0xff], "JPEG"],
  [[0x47, 0x49, 0x46, 0x38], "GIF"],
  [[0x1f, 0x8b], "gzip"],
  [[0x7f, 0x45, 0x4c, 0x46], "ELF"],
];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The kind of binary file these bytes start with, or null when they may be text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const [magic, kind] of MAGIC) if (startsWith(bytes, magic)) return kind;
  if (startsWith(bytes, OLE)) return "XLS/OLE";
  return null;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The `binary` finding's data for text with NUL bytes (`kindZh`: its Chinese wording). */
export const NUL_BYTES: Readonly<Record<string, string>> = Object.freeze({ kind: "NUL bytes", kindZh: "含 NUL 字节" });

export type StreamFailure = { messageId: "empty" | "binary" | "undecodable" | "undecodableAt" | "xls"; data: Record<string, string> };

/** How to decode a file: its encoding and the bytes to skip at the start (a BOM). */
export interface StreamPlan {
  encoding: EncodingName;
  skip: number;
  /** Read as GB18030 because it is not UTF-8: where UTF-8 failed (for a "no table" message). */
  notUtf8?: Record<string, string>;
}

/**
 * Decide the encoding from the first bytes of a file (BOM, binary magic), or a failure. UTF-8
 * without a BOM is a guess: a decoder that finds it invalid falls back to GB18030.
 */
export function planEncoding(head: Uint8Array, forced: EncodingOption): StreamPlan | StreamFailure {
  if (head.length === 0) return { messageId: "empty", data: {} };
  const bom8 = startsWith(head, [0xef, 0xbb, 0xbf]);
  const bom16le = startsWith(head, [0xff, 0xfe]);
  const bom16be = startsWith(head, [0xfe, 0xff]);
  if (forced !== "auto") {
    const skip = forced === "utf-8" && bom8 ? 3 : (forced === "utf-16le" && bom16le) || (forced === "utf-16be" && bom16be) ? 2 : 0;
    return { encoding: forced, skip };
  }
  if (bom8) return { encoding: "utf-8", skip: 3 };
  if (bom16le) return { encoding: "utf-16le", skip: 2 };
  if (bom16be) return { encoding: "utf-16be", skip: 2 };
  const kind = sniffBinary(head);
  if (kind === "XLS/OLE") return { messageId: "xls", data: {} };
  if (kind) return { messageId: "binary", data: { kind } };
  return { encoding: "utf-8", skip: 0 };
}

/**
 * Whether a NUL byte makes an input starting with `head` binary, so that it need not be read any
 * further: its text is decoded as UTF-8 or GB18030 (where a NUL byte is a NUL character, which text
 * tables never have; not UTF-16, where a NUL byte is half of most characters), and its first bytes
 * are not those of a workbook or another binary format (read whole, and reported as such).
 */
export function nulMeansBinary(head: Uint8Array, forced: EncodingOption): boolean {
  if (sniffBinary(head) !== null) return false;
  const plan = planEncoding(head, forced);
  return "encoding" in plan && (plan.encoding === "utf-8" || plan.encoding === "gb18030");
}

/**
 * Decode `bytes` with the forced encoding, or detect it (`auto`). Never throws. `noTableBefore`
 * (for a reader of tables): a NUL character or a byte that is not UTF-8 after the place where a
 * reader stops looking for a header, in a file without a table, is not reached (see NoTableBefore).
 */
export function decodeBytes(bytes: Uint8Array, encoding: EncodingOption = "auto", noTableBefore?: NoTableBefore): DecodeResult {
  const plan = planEncoding(bytes, encoding);
  if (!("encoding" in plan)) return { ok: false, ...plan };
  const body = bytes.subarray(plan.skip);
  if (plan.encoding !== "utf-8") return decodeOther(body, plan.encoding, plan.skip, noTableBefore);
  const text = decodeUtf8(body);
  if (text !== null) return finish(text, "utf-8", noTableBefore);
  const at = locateInvalidUtf8(body);
  const undecodable: DecodeFailure = at === null ? { ok: false, messageId: "undecodable", data: { encoding: "utf-8" } } : { ok: false, ...at.failure() };
  // The UTF-8 text before the bad byte is read first, as a streamed read reads it: a NUL character
  // in it, or a reader that stops looking for a header in it, comes first.
  if (at !== null && at.offset > 0) {
    const before = failureIn(decodeUtf8(body.subarray(0, at.offset)) ?? "", "utf-8", undecodable, noTableBefore);
    if (before !== undecodable) return before!;
  }
  // Declared UTF-8 (forced, or by its BOM): say where it is not; else it is taken for GB18030.
  if (encoding !== "auto" || plan.skip > 0) return undecodable;
  const notUtf8 = at === null ? undefined : undecodable.data;
  const result = decodeOther(bytes, "gb18030", 0, noTableBefore, notUtf8);
  return !result.ok || notUtf8 === undefined ? result : { ...result, notUtf8 };
}

/**
 * Decode GB18030 or UTF-16 (`body`: the bytes after the BOM, which start at file offset `skip`):
 * iconv-lite (GB18030 through decodeGb18030: a four-byte sequence outside the code space is one
 * U+FFFD), a leading U+FEFF dropped as the streaming reader drops it, UTF-16 made well-formed (see
 * wellFormedUtf16), and what the decoder replaced found.
 */
function decodeOther(body: Uint8Array, encoding: Exclude<EncodingName, "utf-8">, skip: number, noTableBefore?: NoTableBefore, notUtf8?: Record<string, string>): DecodeResult {
  let text: string;
  let replaced: Replaced | undefined;
  if (encoding === "gb18030") {
    ({ text, replaced } = decodeGb18030(body, skip));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    text = wellFormedUtf16(iconv().decode(Buffer.from(body.buffer, body.byteOffset, body.length), encoding), body.length % 2 === 1);
    replaced = findReplaced(body, text, encoding, skip);
  }
  const result = finish(text, encoding, noTableBefore, notUtf8);
  if (!result.ok) return result;
  return replaced === undefined ? result : { ...result, replaced };
}

/**
 * Text to read from either decoded text (a leading BOM dropped; recorded as UTF-8) or bytes
 * (decoded by `decodeBytes`). Blank input and text with NUL characters are failures either way
 * (`noTableBefore`: as for decodeBytes).
 */
export function decodeInput(input: string | Uint8Array, encoding: EncodingOption = "auto", noTableBefore?: NoTableBefore): DecodeResult {
  if (typeof input !== "string") return decodeBytes(input, encoding, noTableBefore);
  return finish(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, "utf-8", noTableBefore);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return null;
  }
}

function finish(text: string, encoding: EncodingName, noTableBefore?: NoTableBefore, notUtf8?: Record<string, string>): DecodeResult {
  if (text.trim() === "") return { ok: false, messageId: "empty", data: {} };
  return failureIn(text, encoding, null, noTableBefore, notUtf8) ?? { ok: true, text, encoding };
}

/**
 * The failure of a read of `text`: `failure` (a bad byte right after `text`, or null: none), or
 * `binary` at a NUL character before it — NUL characters do not occur in text tables; a file full
 * of them is binary (or the wrong UTF-16 guess). Unless a reader of the text before it stops looking
 * for a header without a table (`noTableBefore`): then that reader's finding, with the encoding.
 */
function failureIn(text: string, encoding: EncodingName, failure: DecodeFailure | null, noTableBefore: NoTableBefore | undefined, notUtf8?: Record<string, string>): DecodeFailure | null {
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    text = text.slice(0, nul);
    failure = { ok: false, messageId: "binary", data: { ...NUL_BYTES } };
  }
  if (failure === null) return null;
  const noTable = noTableBefore?.(text, encoding, notUtf8) ?? null;
  return noTable === null ? failure : { ok: false, ...noTable, encoding };
}

/**
 * Where bytes stop being valid UTF-8, fed a chunk at a time: the line, the column (in code points)
 * and the first byte of the broken character, as TextDecoder's fatal mode would reject it (no
 * overlong forms, surrogates or code points past U+10FFFF).
 */
export class Utf8Locator {
  line = 1;
  column = 1;
  /** The first byte of the broken character, once found. */
  byte = -1;
  /** Where that byte is: its offset from the first byte fed (the bytes before it are valid UTF-8). */
  offset = -1;
  /** Continuation bytes still to come, and the bounds of the next one. */
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  private lead = 0;
  /** The offset of the first byte of the next `feed`, and that of the last lead byte. */
  private at = 0;
  private leadAt = 0;

  /** Feed the next bytes; true when the invalid byte is among them (`line`, `column`, `byte`, `offset` say where). */
  feed(bytes: Uint8Array): boolean {
    const at = this.at;
    this.at += bytes.length;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.need > 0) {
        if (b < this.low || b > this.high) return this.found(this.lead, this.leadAt);
        this.low = 0x80;
        this.high = 0xbf;
        if (--this.need === 0) this.column++;
        continue;
      }
      if (b < 0x80) {
        if (b === 0x0a) {
          this.line++;
          this.column = 1;
        } else this.column++;
        continue;
      }
      this.lead = b;
      this.leadAt = at + i;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.low = 0xa0;
        else if (b === 0xed) this.high = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.low = 0x90;
        else if (b === 0xf4) this.high = 0x8f;
      } else return this.found(b, at + i);
    }
    return false;
  }

  /** At the end of the input: true when it ends inside a character. */
  end(): boolean {
    return this.need > 0 ? this.found(this.lead, this.leadAt) : false;
  }

  private found(byte: number, offset: number): true {
    this.byte = byte;
    this.offset = offset;
    return true;
  }

  /** The failure to report: `undecodableAt` with the place. */
  failure(): { messageId: "undecodableAt"; data: Record<string, string> } {
    return { messageId: "undecodableAt", data: { encoding: "utf-8", line: String(this.line), column: String(this.column), byte: `0x${this.byte.toString(16).toUpperCase().padStart(2, "0")}` } };
  }
}

/** Where `bytes` stop being UTF-8 (see Utf8Locator), or null when they are valid. */
export function locateInvalidUtf8(bytes: Uint8Array): Utf8Locator | null {
  const at = new Utf8Locator();
  return at.feed(bytes) || at.end() ? at : null;
}
