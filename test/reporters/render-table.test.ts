// renderTable draws long tables itself (cli-table3's layout is quadratic in the rows): the text must
// be exactly what cli-table3 gives, whatever the cells hold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createChalk, renderTable } from "../../src/reporters/shared.js";
import { displayWidth } from "../../src/reporters/text-width.js";

const cell = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom("", "广州开发区金融工作局（部门）", "dept-00001.txt", "😀👩‍👩‍👧", "ｆｕｌｌ", "0", "12345"),
  fc.nat({ max: 99999 }).map(String),
);

describe("renderTable", () => {
  it("aligns cells by display width (Chinese counts two), numbers to the right", () => {
    const text = renderTable(
      ["文件", "n"],
      ["left", "right"],
      [
        ["a.txt", "1"],
        ["广州.txt", "123"],
      ],
      createChalk(false),
    );
    expect(text.split("\n")).toEqual([
      "┌──────────┬─────┐",
      "│ 文件     │   n │",
      "├──────────┼─────┤",
      "│ a.txt    │   1 │",
      "│ 广州.txt │ 123 │",
      "└──────────┴─────┘",
    ]);
    expect(new Set(text.split("\n").map(displayWidth)).size).toBe(1);
  });

  it("drawn here equals cli-table3's table, with and without colour", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (rows, color) => {
          const chalk = createChalk(color);
          // Colour some cells as the reporters do (red and yellow counts).
          const coloured = rows.map(([a, b, c]) => [a.replace(/[\n\r\u001b]/g, " "), b === "" ? b : chalk.red(b), c]);
          const head = ["文件", "errors", "提示"];
          const aligns: ("left" | "right")[] = ["left", "right", "right"];
          const byCliTable = renderTable(head, aligns, coloured, chalk, Number.MAX_SAFE_INTEGER);
          expect(renderTable(head, aligns, coloured, chalk, 0)).toBe(byCliTable);
        },
      ),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it("draws 10,000 rows: the head, the rule under it, one line per row, the bottom", () => {
    const chalk = createChalk(false);
    const rows = Array.from({ length: 10_000 }, (_, i) => [`depts/dept-${i}.txt`, String(i % 7), String(i % 3)]);
    const text = renderTable(["file", "errors", "infos"], ["left", "right", "right"], rows, chalk);
    expect(text.split("\n")).toHaveLength(10_000 + 4);
    expect(text.split("\n")[2]).toMatch(/^├─+┼─+┼─+┤$/);
  });
});
