// The code frame measures only the code points it may show. It must give exactly the frame of the
// plain definition: sanitise and measure a window of SCAN_LIMIT code points on each side, then grow
// the shown part from the start while it fits 30 columns before and 50 from it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCodeFrame, FRAME_COLUMNS_AFTER, FRAME_COLUMNS_BEFORE } from "../../src/reporters/pretty.js";
import { sanitizeChar } from "../../src/reporters/sanitize.js";
import { displayWidth } from "../../src/reporters/text-width.js";

const SCAN_LIMIT = 4 * (FRAME_COLUMNS_BEFORE + FRAME_COLUMNS_AFTER);

function reference(lineText: string, column: number, endColumn: number | null) {
  const codePoints = Array.from(lineText);
  const length = codePoints.length;
  const start = Math.min(Math.max(column - 1, 0), length);
  const end = endColumn === null ? length : Math.min(Math.max(endColumn - 1, start), length);
  const from = Math.max(0, start - SCAN_LIMIT);
  const to = Math.min(length, start + SCAN_LIMIT);
  const pieces = codePoints.slice(from, to).map(sanitizeChar);
  const widths = pieces.map(displayWidth);
  const at = (i: number): number => widths[i - from] ?? 0;
  let left = start;
  for (let used = 0; left > from && used + at(left - 1) <= FRAME_COLUMNS_BEFORE; left--) used += at(left - 1);
  let right = start;
  for (let used = 0; right < to && used + at(right) <= FRAME_COLUMNS_AFTER; right++) used += at(right);
  if (right === start && start < length) right = start + 1;
  const cutLeft = left > 0 ? "…" : "";
  const cutRight = right < length ? "…" : "";
  const text = cutLeft + pieces.slice(left - from, right - from).join("") + cutRight;
  const sum = (a: number, b: number): number => widths.slice(a - from, b - from).reduce((x, y) => x + y, 0);
  const indent = displayWidth(cutLeft) + sum(left, start);
  const caretWidth = Math.max(1, sum(start, Math.min(end, right)));
  return { text, carets: " ".repeat(indent) + "^".repeat(caretWidth) };
}

const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("实施周期指标值:≥495家次；", "\t", "\u001b[2J", "\u202e", "😀", "ａｂｃ", "x".repeat(40), "中".repeat(300)),
);

describe("buildCodeFrame", () => {
  it("equals the plain definition for any line and span", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: -2, max: 1500 }), fc.option(fc.integer({ min: -2, max: 1600 })), (parts, column, endColumn) => {
        const line = parts.join("");
        expect(buildCodeFrame(line, column, endColumn)).toEqual(reference(line, column, endColumn));
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});
