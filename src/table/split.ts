// Splits decoded text into rows of tab-separated cells with 1-based line and code-point column
// positions. Accepts LF and CRLF; trims spaces (ASCII and full-width) around each cell. A cell that a
// spreadsheet program quoted in its tab-separated export (Excel's "Unicode text", WPS, LibreOffice:
// `"…"`, inner quotes doubled) because it holds a line break, a tab or a quote is one cell, without
// its quotes (RowSplitter).
import { trimCell } from "../io/formats.js";
import type { RawCell, RawRow } from "./rows.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** Cells per row at most; the last one holds the rest of the line. */
export const MAX_CELLS = 256;

/**
 * The longest text a quoted cell may have between its quotes, in UTF-16 code units: twice Excel's
 * 32,767 characters per cell (each of them may be a quote, written doubled). An opening quote whose
 * closing quote does not come within it is text, so one stray quote never holds up the file.
 */
export const QUOTED_CELL_LIMIT = 1 << 16;

const QUOTE = 0x22;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
/** What makes a spreadsheet quote a cell: a quote (doubled inside), a tab or a line break. */
const QUOTED_CONTENT = /["\t\n\r]/;

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
    cells.push(plainCell(line, start, end, last, lineNumber, astral));
    if (end === line.length) break;
    start = end + 1;
  }
  return { line: lineNumber, cells };
}

/** The cell of `line` from `start` to `end` (a tab or the line's end), trimmed; `last`: tabs are trimmed too. */
function plainCell(line: string, start: number, end: number, last: boolean, lineNumber: number, astral: boolean): RawCell {
  let a = start;
  let b = end;
  while (a < b && (isSpace(line.charCodeAt(a)) || (last && line.charCodeAt(a) === TAB))) a++;
  while (b > a && (isSpace(line.charCodeAt(b - 1)) || (last && line.charCodeAt(b - 1) === TAB))) b--;
  const column = astral ? codePointLength(line, 0, a) + 1 : a + 1;
  return { text: line.slice(a, b), line: lineNumber, column };
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
  // A text without a quote has no quoted cell: split line by line.
  const splitter = text.indexOf('"') === -1 ? null : new RowSplitter();
  const rows: RawRow[] = [];
  let line = firstLine;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = n;
    if (start === n && end === n) break;
    if (splitter === null) yield splitLine(text.slice(start, end), line);
    else {
      splitter.push(text.slice(start, end), line, rows);
      for (const row of rows) yield row;
      rows.length = 0;
    }
    line++;
    start = end + 1;
  }
  if (splitter !== null) {
    splitter.end(rows);
    yield* rows;
  }
}

/** A quoted cell whose closing quote is still to come, and the row it is in. */
interface OpenCell {
  /** The cells of the row before it. */
  cells: RawCell[];
  /** The row's first line. */
  rowLine: number;
  /** The line with the opening quote, its number, and the quote's offset in it. */
  line: string;
  lineNumber: number;
  at: number;
  /** The lines read since, without their line breaks. */
  rest: string[];
  /** UTF-16 code units of the cell's text so far (after the opening quote; line breaks count one). */
  length: number;
}

/** findClosing: no quote in the line, the cell goes on. */
const MORE = -1;
/** findClosing: no closing quote within QUOTED_CELL_LIMIT. */
const TOO_LONG = -2;

/**
 * The offset in `line` of the quote that closes a quoted cell (the first quote from `from` that is
 * not doubled), or MORE or TOO_LONG. `base`: the length of the cell's text before `line[0]` (negative
 * on the opening quote's line).
 */
function findClosing(line: string, from: number, base: number): number {
  for (let i = from; ; ) {
    const j = line.indexOf('"', i);
    if (j === -1) return base + line.length + 1 > QUOTED_CELL_LIMIT ? TOO_LONG : MORE;
    if (base + j > QUOTED_CELL_LIMIT) return TOO_LONG;
    if (line.charCodeAt(j + 1) !== QUOTE) return j;
    i = j + 2;
  }
}

/** Whether a closing quote at `j` ends its cell: a tab or the line's end (CRLF or LF) follows it. */
function endsCell(line: string, j: number): boolean {
  const next = j + 1;
  return next === line.length || line.charCodeAt(next) === TAB || (line.charCodeAt(next) === CR && next + 1 === line.length);
}

/**
 * The cell of a quoted text `raw` (between the quotes, as in the file) whose first character is at
 * `line`:`column`: trimmed like a .csv cell (spaces, tabs and line breaks around it), `""` read as
 * `"` (`doubled` says where), CRLF inside it read as LF (as the .csv reader does).
 */
function quotedCell(raw: string, line: number, column: number): RawCell {
  const { text: trimmed, lead } = trimCell(raw);
  // Where the text starts, past what was trimmed (spaces and line breaks: one column each).
  let lineStart = -1;
  for (let k = raw.indexOf("\n"); k !== -1 && k < lead; k = raw.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  const cell: RawCell = { text: trimmed, line, column: lineStart === -1 ? column + lead : 1 + lead - lineStart };
  if (trimmed.indexOf('"') === -1 && trimmed.indexOf("\r\n") === -1) return cell;
  let text = "";
  let from = 0;
  const doubled: number[] = [];
  for (let k = 0; k < trimmed.length; k++) {
    const c = trimmed.charCodeAt(k);
    if (c === QUOTE) {
      // (Every quote inside is doubled: the closing quote is the first that is not.)
      text += trimmed.slice(from, k + 1);
      doubled.push(text.length - 1);
      k++;
      from = k + 1;
    } else if (c === CR && trimmed.charCodeAt(k + 1) === LF) {
      text += trimmed.slice(from, k);
      from = k + 1;
    }
  }
  cell.text = text + trimmed.slice(from);
  if (doubled.length > 0) cell.doubled = doubled;
  return cell;
}

/**
 * Turns lines into rows, reading the quoted cells of a spreadsheet's tab-separated export: a cell
 * that starts with `"` is quoted when its closing quote (the first one not doubled) is followed by a
 * tab or the line's end and its text holds a doubled quote, a tab or a line break — Excel, WPS and
 * LibreOffice quote no other cell, so `"十四五"规划` or `"abc"` stay as written. Such a cell may
 * span lines: its row is given when it ends. An opening quote not closed within QUOTED_CELL_LIMIT
 * code units (or by the end of the input) is text. Lines are given in order with their numbers;
 * `end()` after the last.
 */
export class RowSplitter {
  private open: OpenCell | null = null;

  /** Whether lines are held for a quoted cell not yet closed. */
  get holding(): boolean {
    return this.open !== null;
  }

  /** Read one line (without its line break, a CR before it kept); the rows it completes go to `out`. */
  push(line: string, lineNumber: number, out: RawRow[]): void {
    const open = this.open;
    if (open === null) {
      if (line.indexOf('"') === -1) out.push(splitLine(line, lineNumber));
      else this.row(line, 0, lineNumber, lineNumber, [], out, -1);
      return;
    }
    // The line goes on the open cell's text, after a line break.
    const base = open.length + 1;
    const close = findClosing(line, 0, base);
    if (close === MORE) {
      open.rest.push(line);
      open.length = base + line.length;
      return;
    }
    this.open = null;
    if (close >= 0 && endsCell(line, close)) {
      // (A line break is in it: a quoted cell.)
      const raw = [open.line.slice(open.at + 1), ...open.rest, line.slice(0, close)].join("\n");
      open.cells.push(quotedCell(raw, open.lineNumber, codePointLength(open.line, 0, open.at + 1) + 1));
      if (line.charCodeAt(close + 1) === TAB) this.row(line, close + 2, lineNumber, open.rowLine, open.cells, out, -1);
      else out.push({ line: open.rowLine, cells: open.cells });
      return;
    }
    // Not closed as a quoted cell is: its quote is text, and the lines after it are rows of their own.
    this.reread(open, out);
    this.push(line, lineNumber, out);
  }

  /** The end of the input: a quoted cell still open is text. */
  end(out: RawRow[]): void {
    while (this.open !== null) {
      const open = this.open;
      this.open = null;
      this.reread(open, out);
    }
  }

  /** Read the lines of a cell that turned out not to be quoted again, its opening quote as text. */
  private reread(open: OpenCell, out: RawRow[]): void {
    this.row(open.line, open.at, open.lineNumber, open.rowLine, open.cells, out, open.at);
    for (let i = 0; i < open.rest.length; i++) this.push(open.rest[i]!, open.lineNumber + 1 + i, out);
  }

  /**
   * Read the cells of `line` from `pos` (a cell's start) into `cells`, a row starting at line
   * `rowLine`; the row goes to `out` at the line's end, or waits in `open` for a quoted cell's end.
   * A quote at `literal` is text.
   */
  private row(line: string, pos: number, lineNumber: number, rowLine: number, cells: RawCell[], out: RawRow[], literal: number): void {
    const astral = SURROGATE.test(line);
    for (;;) {
      const last = cells.length === MAX_CELLS - 1;
      if (!last && pos !== literal && line.charCodeAt(pos) === QUOTE) {
        const close = findClosing(line, pos + 1, -(pos + 1));
        if (close === MORE) {
          this.open = { cells, rowLine, line, lineNumber, at: pos, rest: [], length: line.length - pos - 1 };
          return;
        }
        if (close >= 0 && endsCell(line, close) && QUOTED_CONTENT.test(line.slice(pos + 1, close))) {
          cells.push(quotedCell(line.slice(pos + 1, close), lineNumber, (astral ? codePointLength(line, 0, pos + 1) : pos + 1) + 1));
          if (line.charCodeAt(close + 1) !== TAB) break;
          pos = close + 2;
          continue;
        }
      }
      let end = last ? line.length : line.indexOf("\t", pos);
      if (end === -1) end = line.length;
      cells.push(plainCell(line, pos, end, last, lineNumber, astral));
      if (end === line.length) break;
      pos = end + 1;
    }
    out.push({ line: rowLine, cells });
  }
}
