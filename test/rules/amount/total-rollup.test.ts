import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/total-rollup", () => {
  it("passes on the seed (15,812.52 = 15,810.92 + 1.60)", () => expect(findings(SEED, "amount/total-rollup")).toEqual([]));

  it("fires when 合计 differs from the sum of units, with the spec's message", () => {
    const text = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
    expect(findings(text, "amount/total-rollup")).toEqual([expect.objectContaining({ line: 10, column: 14, endColumn: 23, severity: "error" })]);
    expect(messages(text, "amount/total-rollup", "zh")).toEqual(["合计行的“财政拨款”15,813.52 ≠ 各单位之和 15,812.52，相差 1.00 万元"]);
    expect(messages(text, "amount/total-rollup", "en")).toEqual(['total “appropriation” 15,813.52 ≠ sum of units 15,812.52 (off by 1.00 万元)']);
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

  it("is not checked in a column where a unit's amount is not a number (amount/format says so)", () => {
    const text = editSeed("广州开发区金融工作服务中心\t1.60\t1.60", "广州开发区金融工作服务中心\t1.6O\t1.60");
    expect(findings(text, "amount/format").map((d) => d.data.column)).toEqual(["total"]);
    expect(findings(text, "amount/total-rollup")).toEqual([]);
    expect(findings(text, "amount/rounding")).toEqual([]);
  });

  it("is not checked in a column where a project's amount is not a number, in a table without units", () => {
    const text = "项目支出绩效目标表\n部门名称：示例局\n单位：万元\n项目名称\t总计\t财政拨款\t绩效目标\t绩效指标\n合计\t3.00\t3.00\t\t\n" +
      "项目甲\t1.00\t1.00\t目标\t1、1-产出指标；11-数量指标；培训人数；实施周期指标值:≥1人；年度指标值:≥1人。\n" +
      "项目乙\t2.0O\t2.00\t目标\t1、1-产出指标；11-数量指标；培训人数；实施周期指标值:≥1人；年度指标值:≥1人。\n";
    expect(findings(text, "amount/format").map((d) => d.data.column)).toEqual(["total"]);
    expect(findings(text, "amount/total-rollup")).toEqual([]);
  });
});

