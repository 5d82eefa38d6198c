import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/vacuous-target.js";
import { runOnIndicators } from "../run-rule.js";

// Positions: the 绩效指标 cell of the test project starts at line 12, column 20; the period value of
// a first indicator with 1-/2-categories starts at column 46 + (code points of its name).

describe("indicator/vacuous-target", () => {
  it("reports the seed's 保险赔付率 ≥0% once for both targets", () => {
    const reports = runOnIndicators(rule, [
      { level1: "2-效益指标", level2: "21-经济效益", name: "保险赔付率", period: "≥0%", annual: "≥0%" },
    ]);
    expect(reports).toEqual([
      {
        messageId: "vacuousBoth",
        data: { name: expect.any(String), value: "≥0%" },
        span: { line: 12, column: 51, endLine: 12, endColumn: 64 },
        project: "项目甲",
        indicator: "保险赔付率",
      },
    ]);
  });

  it("names the one target that is vacuous and underlines its value", () => {
    expect(runOnIndicators(rule, [{ period: "≥0", annual: "≥10家次" }])).toEqual([
      expect.objectContaining({
        messageId: "vacuousPeriod",
        data: { name: expect.any(String), value: "≥0" },
        span: { line: 12, column: 52, endLine: 12, endColumn: 54 },
      }),
    ]);
    // 补贴审核及时率: period at 53, "≥95%" is 4 wide, then "；年度指标值:" (7): annual at 64.
    expect(runOnIndicators(rule, [{ name: "补贴审核及时率", period: "≥95%", annual: ">0%" }])).toEqual([
      expect.objectContaining({
        messageId: "vacuousAnnual",
        data: { name: expect.any(String), value: ">0%" },
        span: { line: 12, column: 64, endLine: 12, endColumn: 67 },
      }),
    ]);
  });

  it("reports ≤100 %, a 0–100 % range, >0 on a rate and shows two different values", () => {
    const ids = (period: string, annual?: string, name = "差错率") =>
      runOnIndicators(rule, [{ name, period, annual }]).map((r) => [r.messageId, r.data.value]);
    expect(ids("≤100%")).toEqual([["vacuousBoth", "≤100%"]]);
    expect(ids("0-100%")).toEqual([["vacuousBoth", "0-100%"]]);
    expect(ids(">0", ">0", "补贴审核及时率")).toEqual([["vacuousBoth", ">0"]]);
    expect(ids("≥0", "≥0%")).toEqual([["vacuousBoth", "≥0 / ≥0%"]]);
    expect(ids("≥0.00家")).toEqual([["vacuousBoth", "≥0.00家"]]);
  });

  it("accepts real floors, >0 on a count, ≥0 on a growth rate and ≤100 on a non-percentage", () => {
    const targets: [string, string][] = [
      ["补贴审核及时率", "≥95%"],
      ["扶持项目数量", ">0家"],
      ["营业收入增长率", "≥0%"],
      ["营业收入增长率", ">0%"],
      ["活动投诉数量", "≤100次"],
      ["差错率", "<100%"],
      ["扶持项目数量", "≥0.01家"],
      ["保险赔付率", "±0%"],
      ["展厅运营水平", "良好"],
      ["年度巨灾指数保险完成率", "无"],
    ];
    for (const [name, period] of targets) expect(runOnIndicators(rule, [{ name, period }]), `${name} ${period}`).toEqual([]);
  });

  it("skips an indicator that did not parse", () => {
    expect(runOnIndicators(rule, [{ period: "≥0%", error: "missing ；" }])).toEqual([]);
  });
});
