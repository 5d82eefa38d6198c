import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/missing-value.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/missing-value", () => {
  it("reports the seed's 实施周期指标值:无 as the period target, underlining 无", () => {
    // 年度巨灾指数保险完成率 is 11 code points: the period value starts at 46 + 11 = 57.
    const reports = runOnIndicators(rule, [{ name: "年度巨灾指数保险完成率", period: "无", annual: "100%" }]);
    expect(reports).toEqual([
      {
        messageId: "missingPeriod",
        data: { name: expect.any(String), value: "无" },
        span: { line: 12, column: 57, endLine: 12, endColumn: 58 },
        project: "项目甲",
        indicator: "年度巨灾指数保险完成率",
      },
    ]);
  });

  it("reports both targets once, and an empty value at the whole indicator", () => {
    expect(runOnIndicators(rule, [{ period: "/", annual: "/" }]).map((r) => r.messageId)).toEqual(["missingBoth"]);
    const empty = runOnIndicators(rule, [{ period: "100%", annual: "" }]);
    // Indicator: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:100%；年度指标值:" = 43 code points.
    expect(empty).toEqual([
      expect.objectContaining({ messageId: "missingAnnual", span: { line: 12, column: 20, endLine: 12, endColumn: 63 } }),
    ]);
  });

  it("accepts numbers, text and dates", () => {
    expect(runOnIndicators(rule, [{ period: "100%" }, { period: "提高" }, { period: "2023年底", annual: "0" }])).toEqual([]);
  });
});
