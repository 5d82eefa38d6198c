// Splits decoded text into rows of tab-separated cells with 1-based line and code-point column
// positions. Accepts LF and CRLF; trims spaces (ASCII and full-width) around each cell.
import type { RawCell, RawRow } from "./rows.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** Cells per row at most; the last one holds the rest of the line. */
export const MAX_CELLS = 256;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x3000 || code === 0xa0 || code === 0x0b || code === 0x0c || code === 0x0d;
}

/** Split one line (without its line break) into cells. */
export function splitLine(line: string, lineNumber: number): RawRow {
  const cells: RawCell[] = [];
  // Columns count code points; only lines with astral characters need the slow path.
  const astral = SURROGATE.test(line);
  let start = 0;
  for (;;) {
    // No table has this many columns: the rest of a longer line stays whole in its last cell
    // (lossless, and a line of ten million tabs does not become ten million cells).
    const last = cells.length === MAX_CELLS - 1;
    let end = last ? line.length : line.indexOf("\t", start);
    if (end === -1) end = line.length;
    let a = start;
    let b = end;
    while (a < b && (isSpace(line.charCodeAt(a)) || (last && line.charCodeAt(a) === 9))) a++;
    while (b > a && (isSpace(line.charCodeAt(b - 1)) || (last && line.charCodeAt(b - 1) === 9))) b--;
    const column = astral ? codePointLength(line, 0, a) + 1 : a + 1;
    cells.push({ text: line.slice(a, b), line: lineNumber, column });
    if (end === line.length) break;
    start = end + 1;
  }
  return { line: lineNumber, cells };
}

/** Number of code points in `s` between UTF-16 offsets `from` and `to`. */
export function codePointLength(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * A copy of a string that does not keep alive the text it was cut from (V8 substrings point into
 * their parent: a cell kept after its row, such as a note or a department name, would otherwise pin
 * the whole chunk of the file it was read from).
 */
export function detach(text: string): string {
  return (" " + text).slice(1);
}

/** Rows of a whole decoded text, lazily. `firstLine` numbers the first line (default 1). */
export function* splitRows(text: string, firstLine = 1): Generator<RawRow> {
  let line = firstLine;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = n;
    if (start === n && end === n) break;
    yield splitLine(text.slice(start, end), line);
    line++;
    start = end + 1;
  }
}
