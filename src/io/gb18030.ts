// GB18030 decoding: iconv-lite's decoder, except for four-byte sequences outside the code space,
// which iconv-lite turns into characters (U+10000–U+3484B, or two lone surrogates) and which are
// one U+FFFD here, as in the Encoding Standard's decoder, and reported as replaced (io/replaced.ts).
import { createRequire } from "node:module";
import { Gb18030Scanner, type Replaced } from "./replaced.js";

// iconv-lite is loaded only when a file needs it: most tables are UTF-8, and loading its code
// tables would cost every start-up.
const requireLazy = createRequire(import.meta.url);
type Iconv = typeof import("iconv-lite");
type IconvDecoder = ReturnType<Iconv["getDecoder"]>;
let iconvModule: Iconv | undefined;
export function iconv(): Iconv {
  return (iconvModule ??= requireLazy("iconv-lite") as Iconv);
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * `bytes` (the first at file offset `from`) through `decoder`, with U+FFFD for each four-byte
 * sequence outside the code space, which ends just before each offset of `cuts`: the bytes up to
 * such an end are decoded on their own, so that the last two UTF-16 units decoded are what
 * iconv-lite made of the sequence (every such sequence gives two).
 */
function decodeCut(decoder: IconvDecoder, bytes: Uint8Array, from: number, cuts: readonly number[]): string {
  let text = "";
  let at = 0;
  for (const cut of cuts) {
    const to = cut - from;
    text += decoder.write(buffer(bytes.subarray(at, to))).slice(0, -2) + "\uFFFD";
    at = to;
  }
  return text + decoder.write(buffer(bytes.subarray(at)));
}

/**
 * A GB18030 decoder fed a piece at a time, which also counts what it replaced (`replaced`): its
 * scanner walks the bytes (see Gb18030Scanner) and tells where the sequences outside the code space
 * end. `offset`, `line`, `fileStart`: as for replacementScanner.
 *
 * iconv-lite is given whole characters only: the bytes of a character cut off at the end of a piece
 * are held here, and given with the bytes that finish it. (iconv-lite's decoder makes room for two
 * bytes of text per byte of input: a character past U+FFFF finished by the last byte of its four
 * has four bytes of text, and when the rest of the piece is ASCII its last character was lost.)
 */
export class Gb18030Decoder {
  private readonly scanner: Gb18030Scanner;
  private readonly decoder: IconvDecoder = iconv().getDecoder("gb18030");
  /** The bytes of the character cut off at the end of the last piece, not yet given to iconv-lite. */
  private held: number[] = [];

  constructor(offset = 0, line = 1, fileStart = true) {
    this.scanner = new Gb18030Scanner(offset, line, fileStart, true);
  }

  write(bytes: Uint8Array): string {
    const scanner = this.scanner;
    const from = scanner.offset;
    scanner.feed(bytes);
    const n = bytes.length;
    const left = scanner.pendingLength;
    const cuts = scanner.cuts!;
    const held = this.held;
    if (held.length === 0 && cuts.length === 0) {
      if (left === 0) return this.decoder.write(buffer(bytes));
      this.held = Array.from(bytes.subarray(n - left));
      return this.decoder.write(buffer(bytes.subarray(0, n - left)));
    }
    // The held bytes and this piece as one run of bytes from file offset `start`, decoded in
    // segments that end where iconv-lite has nothing left over: where the held character is
    // finished (its bytes and those that finish it copied together), and at each cut.
    const start = from - held.length;
    const bytesAt = (a: number, b: number): Uint8Array => (a >= from ? bytes.subarray(a - from, b - from) : Uint8Array.from([...held.slice(a - start, b - start), ...bytes.subarray(0, Math.max(0, b - from))]));
    const complete = from + n - left;
    const ends = held.length > 0 && scanner.settled < n ? [from + scanner.settled, ...cuts] : [...cuts];
    ends.push(complete);
    let text = "";
    let at = start;
    let cut = 0;
    for (const end of ends) {
      if (end <= at) continue;
      const piece = this.decoder.write(buffer(bytesAt(at, end)));
      if (cut < cuts.length && cuts[cut] === end) {
        text += piece.slice(0, -2) + "\uFFFD";
        cut++;
      } else text += piece;
      at = end;
    }
    this.held = Array.from(bytesAt(Math.max(start, complete), from + n));
    return text;
  }

  end(): string {
    this.scanner.end();
    const text = this.held.length > 0 ? this.decoder.write(Buffer.from(this.held)) : "";
    this.held = [];
    return text + (this.decoder.end() ?? "");
  }

  /** What was replaced so far (file offsets and lines as given to the constructor), or undefined. */
  get replaced(): Replaced | undefined {
    return this.scanner.replaced;
  }
}

/** Surrogates: iconv-lite's text for a sequence outside the code space always has two. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Decode a whole file's GB18030 `body` (its first byte at file offset `skip`): the text and what was
 * replaced. The bytes are walked only when the text may show a replacement (U+FFFD) or a sequence
 * outside the code space (a surrogate: ~6 ms for 12 million characters, against ~115 ms to decode
 * them), and decoded again only when they hold such a sequence.
 */
export function decodeGb18030(body: Uint8Array, skip: number): { text: string; replaced?: Replaced } {
  const text = iconv().decode(buffer(body), "gb18030");
  if (text.indexOf("\uFFFD") === -1 && !SURROGATE.test(text)) return { text };
  const scanner = new Gb18030Scanner(skip, 1, true, true);
  scanner.feed(body);
  scanner.end();
  const replaced = scanner.replaced;
  if (scanner.cuts!.length === 0) return replaced === undefined ? { text } : { text, replaced };
  const decoder = iconv().getDecoder("gb18030");
  return { text: decodeCut(decoder, body, skip, scanner.cuts!) + (decoder.end() ?? ""), replaced: replaced! };
}
