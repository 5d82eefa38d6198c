import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/target-mismatch.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/target-mismatch", () => {
  it("reports opposite directions, underlining both values", () => {
    // 活动投诉数量 (6) under 3-/31-categories: period value at 20 + 30 + 6 = 56, annual at 56 + 3 + 7 = 66.
    const reports = runOnIndicators(rule, [
      { level1: "3-满意度指标", level2: "31-服务对象满意度", name: "活动投诉数量", period: "≤2次", annual: "≥2次" },
    ]);
    expect(reports).toEqual([
      {
        messageId: "direction",
        data: { period: "≤2次", annual: "≥2次" },
        span: { line: 12, column: 56, endLine: 12, endColumn: 69 },
        project: "项目甲",
        indicator: "活动投诉数量",
      },
    ]);
  });

  it("reports different units, and both problems in one finding", () => {
    const ids = (period: string, annual: string) => runOnIndicators(rule, [{ period, annual }]).map((r) => r.messageId);
    expect(ids("≥6家", "≥6个")).toEqual(["unit"]);
    expect(ids("1", "1份")).toEqual(["unit"]);
    expect(ids("≤2次", "≥2个")).toEqual(["unitAndDirection"]);
  });

  it("accepts scaled units, percent spellings, = against ≥, and skips missing or text targets", () => {
    const cases: [string, string][] = [
      ["3万人", "30000人"],
      ["≥50亿元", "≥500000万元"],
      ["≥95%", "≥95百分比"],
      ["5家次", "≥5家次"],
      ["无", "100%"],
      ["提高", "5家"],
      ["≤2次", "≤2次"],
    ];
    for (const [period, annual] of cases) expect(runOnIndicators(rule, [{ period, annual }]), `${period} ${annual}`).toEqual([]);
  });
});
