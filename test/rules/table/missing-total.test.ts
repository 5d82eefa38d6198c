import { describe, expect, it } from "vitest";
import { SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

const lines = SEED.split("\n");
const NO_TOTAL = lines.filter((_, i) => i !== 9).join("\n");

describe("table/missing-total", () => {
  it("reports a table without its 合计 row, at the header", () => {
    expect(lines[9]).toMatch(/^合计\t/);
    const [d, ...rest] = findings(NO_TOTAL, "table/missing-total");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", line: 9, column: 1 });
    expect(messages(NO_TOTAL, "table/missing-total", "en")).toEqual(["the table has no 合计 (total) row, so its total cannot be checked"]);
  });

  it("accepts 合计 and 总计, and leaves an empty table to table/empty", () => {
    expect(findings(SEED, "table/missing-total")).toEqual([]);
    expect(findings(SEED.replace("\n合计\t", "\n总计\t"), "table/missing-total")).toEqual([]);
    expect(findings(lines.slice(0, 9).join("\n"), "table/missing-total")).toEqual([]);
  });
});
