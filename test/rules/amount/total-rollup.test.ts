import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/total-rollup", () => {
  it("passes on the seed (15,812.52 = 15,810.92 + 1.60)", () => expect(findings(SEED, "amount/total-rollup")).toEqual([]));

  it("fires when 合计 differs from the sum of units, with the spec's message", () => {
    const text = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
    expect(findings(text, "amount/total-rollup")).toEqual([expect.objectContaining({ line: 10, column: 14, endColumn: 23, severity: "error" })]);
    expect(messages(text, "amount/total-rollup", "zh")).toEqual(["合计「财政拨款」15,813.52 ≠ 各单位之和 15,812.52，相差 1.00 万元"]);
    expect(messages(text, "amount/total-rollup", "en")).toEqual(['total "appropriation" 15,813.52 ≠ sum of units 15,812.52 (off by 1.00 万元)']);
  });

  it("sums projects when the table has no unit rows", () => {
    const text = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92\t\t\t\t\n", "").replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n", "").replace("合计\t15,812.52\t15,812.52", "合计\t15,822.52\t15,812.52");
    const found = findings(text, "amount/total-rollup");
    expect(found.map((d) => [d.messageId, d.data.column, d.data.difference])).toEqual([["mismatchProjects", "total", "10.00"]]);
  });

  it("reports the 其他资金 column when only the total row has it", () => {
    const text = editSeed("合计\t15,812.52\t15,812.52\t\t\t", "合计\t15,812.52\t15,812.52\t\t3.00\t");
    expect(findings(text, "amount/total-rollup").map((d) => d.data.column)).toEqual(["other"]);
  });
});
