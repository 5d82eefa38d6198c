// Finds what a decoder replaced: bytes that are not valid GB18030 or UTF-16 become U+FFFD (or, for
// a lone UTF-16 surrogate or an odd last byte, are made U+FFFD by `wellFormedUtf16`; for a GB18030
// four-byte sequence outside the code space, by Gb18030Decoder in io/gb18030.ts). A scanner walks
// the bytes as the decoder does, fed a chunk at a time, and counts the characters the decoder made
// up: a U+FFFD the file encodes itself (GB18030 84 31 A4 37, UTF-16 FF FD) is text, not a
// replacement. Only GB18030 and UTF-16 input is scanned: strict UTF-8 replaces nothing.
import type { EncodingName } from "./decode.js";

/** What decoding replaced in a file (or a part of one): how many characters, and where the first is. */
export interface Replaced {
  count: number;
  /** Line and column (code points of the decoded line, 1-based) of the first replacement character. */
  line: number;
  column: number;
  /** Byte offset in the file of the first byte that was replaced. */
  offset: number;
}

/** `a` and `b` (from parts of one file) as one: their counts added, the earlier first place. */
export function mergeReplaced(a: Replaced | undefined, b: Replaced | undefined): Replaced | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const first = a.offset <= b.offset ? a : b;
  return { ...first, count: a.count + b.count };
}

/** Counts the replacements of one decoder, fed the bytes it decodes. */
export interface ReplacementScanner {
  feed(bytes: Uint8Array): void;
  /** At the end of the input (an unfinished character is a replacement too). */
  end(): void;
  /** What was replaced so far, or undefined when nothing was. */
  readonly replaced: Replaced | undefined;
}

/**
 * A scanner for `encoding` (null for UTF-8, which is decoded strictly). `offset`: the file offset of
 * the first byte it is fed; `line`: the number of the line it starts on (at a line start). A scanner
 * that starts the file (`offset` is the body's first byte) ignores a BOM as the decoder drops it.
 */
export function replacementScanner(encoding: EncodingName, offset: number, line: number, fileStart: boolean): ReplacementScanner | null {
  if (encoding === "gb18030") return new Gb18030Scanner(offset, line, fileStart);
  if (encoding === "utf-16le" || encoding === "utf-16be") return new Utf16Scanner(encoding === "utf-16be", offset, line, fileStart);
  return null;
}

abstract class Scanner implements ReplacementScanner {
  replaced: Replaced | undefined = undefined;
  protected column = 1;
  constructor(
    /** Offset of the next byte. */
    protected at: number,
    protected line: number,
    /** Still before the first character of the file (where a BOM is dropped). */
    protected fileStart: boolean,
  ) {}

  abstract feed(bytes: Uint8Array): void;
  abstract end(): void;

  /** A replacement character at `offset`, one column wide. */
  protected error(offset: number, line = this.line, column = this.column): void {
    if (this.replaced === undefined) this.replaced = { count: 1, line, column, offset };
    else this.replaced.count++;
    this.column++;
    this.fileStart = false;
  }

  /** A character (`lf`: the line break). */
  protected char(lf: boolean): void {
    this.fileStart = false;
    if (lf) {
      this.line++;
      this.column = 1;
    } else this.column++;
  }
}

/**
 * Whether a GB18030 four-byte sequence (bytes 81–FE, 30–39, 81–FE, 30–39) with this pointer (its
 * place in the four-byte area: 81 30 81 30 is 0) encodes no character: past U+FFFF (84 31 A4 39)
 * and before U+10000 (90 30 81 30), or past U+10FFFF (E3 32 9A 35). The Encoding Standard's gb18030
 * decoder gives one U+FFFD for the four bytes.
 */
function outsideCodeSpace(pointer: number): boolean {
  return (pointer > 39419 && pointer < 189000) || pointer > 1237575;
}

/**
 * GB18030 as iconv-lite decodes it: ASCII; 0x80 (€, as Windows code page 936 and the Encoding
 * Standard read it: GB18030 itself leaves it unassigned); a lead byte 81–FE followed by a trail
 * 40–7E or 80–FE, or by 30–39, 81–FE, 30–39. Anything else is one U+FFFD for the lead byte, and
 * decoding goes on at the byte after it; so is a sequence cut off by the end of the input. A
 * four-byte sequence outside the code space (see outsideCodeSpace) is one U+FFFD for its four
 * bytes: iconv-lite makes a character of it (U+10000–U+3484B, or two lone surrogates), which
 * Gb18030Decoder (io/gb18030.ts) puts U+FFFD in place of, at the offsets in `cuts`.
 */
export class Gb18030Scanner extends Scanner {
  /** The bytes of the unfinished character, and the offset of its first. */
  private pending: number[] = [];
  private pendingAt = 0;
  /** Where a BOM would be dropped: the offset of the first byte when the scanner starts the file. */
  private readonly bomAt = this.fileStart ? this.at : -1;
  /**
   * With `listCuts`: the offsets just past each four-byte sequence outside the code space that the
   * last `feed` completed (all in that feed's bytes), in order; else null.
   */
  readonly cuts: number[] | null;

  constructor(at: number, line: number, fileStart: boolean, listCuts = false) {
    super(at, line, fileStart);
    this.cuts = listCuts ? [] : null;
  }

  /** Bytes of the last `feed` that finished (or failed) the character left unfinished before it. */
  settled = 0;

  /** The file offset of the next byte to be fed. */
  get offset(): number {
    return this.at;
  }

  /** Bytes of the unfinished character at the end of what was fed (the last ones fed; at most 3). */
  get pendingLength(): number {
    return this.pending.length;
  }

  feed(bytes: Uint8Array): void {
    const n = bytes.length;
    let i = 0;
    if (this.cuts !== null) this.cuts.length = 0;
    // Bytes of the character left unfinished by the last piece first.
    while (i < n && this.pending.length > 0) this.byte(bytes[i]!, this.at + i++);
    this.settled = i;
    // The common cases in a tight loop (line and column in locals): ASCII, and a two-byte character
    // whole in this piece. Anything else goes through `byte`.
    let line = this.line;
    let column = this.column;
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0x0a) {
          line++;
          column = 1;
        } else column++;
        i++;
        continue;
      }
      if (b !== 0x80 && b !== 0xff && i + 1 < n) {
        const t = bytes[i + 1]!;
        if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
          column++;
          i += 2;
          continue;
        }
      }
      this.line = line;
      this.column = column;
      this.byte(b, this.at + i++);
      // (A four-byte character or a replacement: on through `byte` until it is complete.)
      while (i < n && this.pending.length > 0) this.byte(bytes[i]!, this.at + i++);
      line = this.line;
      column = this.column;
    }
    this.line = line;
    this.column = column;
    this.at += n;
  }

  private byte(b: number, at: number): void {
    const p = this.pending;
    switch (p.length) {
      case 0:
        if (b <= 0x80) this.char(b === 0x0a);
        else if (b === 0xff) this.error(at);
        else {
          p.push(b);
          this.pendingAt = at;
        }
        return;
      case 1:
        if (b >= 0x30 && b <= 0x39) p.push(b);
        else if ((b >= 0x40 && b <= 0x7e) || (b >= 0x80 && b <= 0xfe)) {
          p.length = 0;
          this.char(false);
        } else this.fail(b, at);
        return;
      case 2:
        if (b >= 0x81 && b <= 0xfe) p.push(b);
        else this.fail(b, at);
        return;
      default:
        if (b >= 0x30 && b <= 0x39) {
          // A BOM (84 31 95 33, U+FEFF) at the start of the file is dropped by the decoder.
          const bom = this.pendingAt === this.bomAt && p[0] === 0x84 && p[1] === 0x31 && p[2] === 0x95 && b === 0x33;
          const pointer = (p[0]! - 0x81) * 12600 + (p[1]! - 0x30) * 1260 + (p[2]! - 0x81) * 10 + (b - 0x30);
          p.length = 0;
          if (outsideCodeSpace(pointer)) {
            this.error(this.pendingAt);
            this.cuts?.push(at + 1);
          } else if (!bom) this.char(false);
        } else this.fail(b, at);
    }
  }

  /** The pending lead byte is replaced; the bytes after it (and `b`) are read again. */
  private fail(b: number, at: number): void {
    this.replay();
    this.byte(b, at);
  }

  private replay(): void {
    const rest = this.pending.slice(1);
    const from = this.pendingAt + 1;
    this.pending = [];
    this.error(from - 1);
    for (let k = 0; k < rest.length; k++) this.byte(rest[k]!, from + k);
  }

  end(): void {
    while (this.pending.length > 0) this.replay();
  }
}

/**
 * UTF-16: a surrogate without its other half, and an odd last byte, each become one U+FFFD (see
 * `wellFormedUtf16`).
 */
class Utf16Scanner extends Scanner {
  /** An odd byte waiting for its other half (-1: none). */
  private odd = -1;
  /** A high surrogate waiting for a low one: its offset, line and column (offset -1: none). */
  private high = -1;
  private highLine = 0;
  private highColumn = 0;

  constructor(
    private readonly bigEndian: boolean,
    at: number,
    line: number,
    fileStart: boolean,
  ) {
    super(at, line, fileStart);
  }

  feed(bytes: Uint8Array): void {
    let i = 0;
    if (this.odd !== -1 && bytes.length > 0) {
      this.unit(this.bigEndian ? (this.odd << 8) | bytes[0]! : this.odd | (bytes[0]! << 8), this.at - 1);
      this.odd = -1;
      i = 1;
    }
    for (; i + 1 < bytes.length; i += 2) {
      this.unit(this.bigEndian ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]! | (bytes[i + 1]! << 8), this.at + i);
    }
    if (i < bytes.length) this.odd = bytes[i]!;
    this.at += bytes.length;
  }

  private unit(u: number, at: number): void {
    if (this.high !== -1) {
      if (u >= 0xdc00 && u <= 0xdfff) {
        this.high = -1;
        this.char(false);
        return;
      }
      this.error(this.high, this.highLine, this.highColumn);
      this.high = -1;
    }
    if (u >= 0xd800 && u <= 0xdbff) {
      this.high = at;
      this.highLine = this.line;
      this.highColumn = this.column;
    } else if (u >= 0xdc00 && u <= 0xdfff) this.error(at);
    else if (u === 0xfeff && this.fileStart) this.fileStart = false;
    else this.char(u === 0x0a);
  }

  end(): void {
    if (this.high !== -1) {
      this.error(this.high, this.highLine, this.highColumn);
      this.high = -1;
    }
    if (this.odd !== -1) {
      this.error(this.at - 1);
      this.odd = -1;
    }
  }
}

/**
 * UTF-16 text as iconv-lite decoded it, made well-formed: a lone surrogate becomes U+FFFD (written
 * as UTF-8 it would anyway), and `oddByte` (the input had an odd last byte, which iconv-lite drops)
 * adds one.
 */
export function wellFormedUtf16(text: string, oddByte: boolean): string {
  // (String.prototype.isWellFormed / toWellFormed: Node 20, ES2024.)
  const t = text as string & { isWellFormed(): boolean; toWellFormed(): string };
  const fixed = t.isWellFormed() ? text : t.toWellFormed();
  return oddByte ? fixed + "\uFFFD" : fixed;
}

/**
 * What decoding `body` (a whole file's bytes after its BOM, starting at file offset `skip`) into
 * `text` replaced. Cheap when nothing was: the bytes are scanned only when the text has a U+FFFD.
 */
export function findReplaced(body: Uint8Array, text: string, encoding: EncodingName, skip: number): Replaced | undefined {
  if (encoding === "utf-8" || text.indexOf("\uFFFD") === -1) return undefined;
  const scanner = replacementScanner(encoding, skip, 1, true)!;
  scanner.feed(body);
  scanner.end();
  return scanner.replaced;
}
