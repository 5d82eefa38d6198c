import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/unit-rollup", () => {
  it("passes on the seed (15,810.92 = Σ 12 projects; 1.60 = 1 project)", () => expect(findings(SEED, "amount/unit-rollup")).toEqual([]));

  it("fires per column on the unit row when a project amount changes", () => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00", "金融交流专项经费\t71.00\t71.00");
    expect(findings(text, "amount/unit-rollup").map((d) => [d.line, d.column, d.data.column, d.data.expected, d.data.actual, d.data.difference])).toEqual([
      [11, 12, "total", "15,810.92", "15,811.92", "1.00"],
      [11, 22, "appropriation", "15,810.92", "15,811.92", "1.00"],
    ]);
    expect(messages(text, "amount/unit-rollup", "zh")[0]).toBe("单位“广州开发区金融工作局”的“总计”15,810.92 ≠ 各项目之和 15,811.92，相差 1.00 万元");
  });

  it("checks the 财政专户拨款 and 其他资金 columns", () => {
    const text = editSeed("综合工作经费\t1.60\t1.60\t\t\t", "综合工作经费\t1.60\t1.00\t0.30\t0.30\t");
    const found = findings(text, "amount/unit-rollup");
    expect(found.map((d) => d.data.column)).toEqual(["appropriation", "specialAccount", "other"]);
    expect(found.map((d) => d.data.difference)).toEqual(["0.60", "0.30", "0.30"]);
    expect(messages(text, "amount/unit-rollup", "en")[1]).toBe('unit “广州开发区金融工作服务中心” “special account” 0.00 ≠ sum of projects 0.30 (off by 0.30 万元)');
  });

  it("accepts amounts with no decimals and with three decimals", () => {
    const text = editSeed("广州开发区金融工作服务中心\t1.60\t1.60", "广州开发区金融工作服务中心\t1.600\t1.6").replace("综合工作经费\t1.60\t1.60", "综合工作经费\t1.600\t1.600");
    expect(findings(text, "amount/unit-rollup")).toEqual([]);
  });

  it("is not checked in a column where a project's amount is not a number (amount/format says so)", () => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00", "金融交流专项经费\t7O.00\t70.00");
    expect(findings(text, "amount/format").map((d) => d.data.column)).toEqual(["total"]);
    expect(findings(text, "amount/unit-rollup")).toEqual([]);
    expect(findings(text, "amount/rounding")).toEqual([]);
  });
});

