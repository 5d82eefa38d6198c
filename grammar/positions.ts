// Maps UTF-16 offsets inside a cell to file positions (1-based line, 1-based column in code points),
// given the file position of the cell's first character. Line breaks inside the cell advance the line,
// unless the cell is a spreadsheet cell (one row of the sheet whatever its line breaks); a quote the
// file wrote doubled (in a quoted cell of a text table or a .csv) takes two columns.
import type { Position } from "../src/types.js";

/** Turns an offset into the cell (0 ≤ offset ≤ text.length) into a file position. */
export type PositionMapper = (offset: number) => Position;

/** Number of entries of a sorted array that are < value (binary search). */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A line break or the high half of a surrogate pair: the characters that need the slow path. */
const SLOW_CHARS = /[\n\ud800-\udbff]/;

/** The high half of a surrogate pair: all a cell on one line needs the slow path for. */
const PAIR_CHARS = /[\ud800-\udbff]/;

/** No doubled quote (the default). */
const NONE: readonly number[] = [];

/**
 * A mapper for `text` starting at `start`. Cells without line breaks, astral characters and doubled
 * quotes (the usual case) map by addition; others through sorted tables of line starts, surrogate
 * pairs and doubled quotes. `oneLine`: a line break is a character like any other (an .xlsx cell's
 * Alt+Enter: the cell stays on its sheet row). `doubled`: sorted offsets of quotes written `""` in
 * the file (RawCell.doubled), each one column wider there.
 */
export function createPositionMapper(text: string, start: Position, oneLine = false, doubled: readonly number[] = NONE): PositionMapper {
  const { line, column } = start;
  if (doubled.length === 0 && !(oneLine ? PAIR_CHARS : SLOW_CHARS).test(text)) return (offset) => ({ line, column: column + offset });
  let lineStarts: number[] | null = null;
  let pairs: number[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a && !oneLine) (lineStarts ??= [0]).push(i + 1);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) (pairs ??= []).push(i + 1); // the low half: not a column of its own
    }
  }
  const starts = lineStarts ?? [0];
  const lows = pairs ?? [];
  return (offset) => {
    const index = countBelow(starts, offset + 1) - 1;
    const lineStart = starts[index]!;
    const codePoints = offset - lineStart - (countBelow(lows, offset) - countBelow(lows, lineStart + 1));
    // The doubled quotes before the offset on its line.
    const wider = doubled.length === 0 ? 0 : countBelow(doubled, offset) - countBelow(doubled, lineStart);
    return index === 0 ? { line, column: column + codePoints + wider } : { line: line + index, column: 1 + codePoints + wider };
  };
}
