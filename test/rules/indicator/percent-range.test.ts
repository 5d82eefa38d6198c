import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/percent-range.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/percent-range", () => {
  it("reports a percentage above 100 % on the period target", () => {
    // 补贴审核及时率 (7): period value at 46 + 7 = 53, "≥950%" is 5 wide.
    const reports = runOnIndicators(rule, [{ name: "补贴审核及时率", period: "≥950%", annual: "≥95%" }]);
    expect(reports).toEqual([
      {
        messageId: "outOfRangePeriod",
        data: { name: expect.any(String), value: "≥950%" },
        span: { line: 12, column: 53, endLine: 12, endColumn: 58 },
        project: "项目甲",
        indicator: "补贴审核及时率",
      },
    ]);
  });

  it("reports negative percentages, a range above 100 % and 百分比, exactly at the boundary", () => {
    const ids = (period: string, name = "重点关注企业覆盖率") =>
      runOnIndicators(rule, [{ name, period }]).map((r) => [r.messageId, r.data.value]);
    expect(ids("-5%")).toEqual([["outOfRangeBoth", "-5%"]]);
    expect(ids("90%-110%")).toEqual([["outOfRangeBoth", "90%-110%"]]);
    expect(ids("≥101百分比")).toEqual([["outOfRangeBoth", "≥101百分比"]]);
    expect(ids("100.0000000000000001%")).toEqual([["outOfRangeBoth", "100.0000000000000001%"]]);
  });

  it("lets growth rates exceed 100 % but not fall below -100 %", () => {
    expect(runOnIndicators(rule, [{ name: "营业收入增长率", period: "≥150%" }])).toEqual([]);
    expect(runOnIndicators(rule, [{ name: "融资规模增幅", period: "-20%" }])).toEqual([]);
    expect(runOnIndicators(rule, [{ name: "营业收入增长率", period: "-150%" }]).map((r) => r.messageId)).toEqual([
      "growthBelowMinus100Both",
    ]);
  });

  it("accepts 0 %, 100 % and numbers that are not percentages", () => {
    const cases = ["0%", "100%", "100.00%", "≥95%", "120家", "3‰", "提高", "无"];
    for (const period of cases) expect(runOnIndicators(rule, [{ name: "覆盖率", period }]), period).toEqual([]);
  });
});
