import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/percent-range.js";
import { runOnIndicators } from "../run-rule.js";
import { editSeed } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";
import { checkInput } from "../../../src/validate/run.js";
import { resolveConfig } from "../../../src/validate/config.js";

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

  it("reports a growth rate outside 0–100 % one step milder (SPEC §5: a warning instead)", () => {
    const growth = (name: string, period: string) => runOnIndicators(rule, [{ name, period }]).map((r) => [r.messageId, r.milder]);
    expect(growth("营业收入增长率", "≥150%")).toEqual([["growthOutOfRangeBoth", true]]);
    expect(growth("融资规模增幅", "-20%")).toEqual([["growthOutOfRangeBoth", true]]);
    expect(growth("营业收入增长率", "-150%")).toEqual([["growthOutOfRangeBoth", true]]);
    expect(growth("营业收入增长率", "≥15%")).toEqual([]);
  });

  it("takes a target that states a change (比上年增长150%, 下降5%) as a growth rate, whatever the name", () => {
    const range = (period: string) => runOnIndicators(rule, [{ name: "企业营业收入", period }]).map((r) => [r.messageId, r.milder]);
    expect(range("比上年增长150%")).toEqual([["growthOutOfRangeBoth", true]]);
    expect(range("较上年提高120%")).toEqual([["growthOutOfRangeBoth", true]]);
    expect(range("150%")).toEqual([["outOfRangeBoth", undefined]]);
    // `（含）` no longer hides the percentage: 950% with it is out of range
    expect(runOnIndicators(rule, [{ name: "补贴审核及时率", period: "≥950%（含）" }]).map((r) => r.messageId)).toEqual(["outOfRangeBoth"]);
  });

  it("gives a growth rate a warning in a check where the rule is an error, an info where it is a warning", () => {
    const text = editSeed("扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次", "扶持企业营业收入增长率；实施周期指标值:≥150%；年度指标值:≥950%");
    expect(findings(text, "indicator/percent-range").map((d) => [d.messageId, d.severity])).toEqual([["growthOutOfRangeBoth", "warning"]]);
    expect(messages(text, "indicator/percent-range", "en")).toEqual(["“扶持企业营业收入增长率”: the period and annual targets “≥150% / ≥950%” of a growth rate are outside 0–100 %: worth checking"]);
    const asWarning = checkInput(text, { path: "t.txt", config: resolveConfig(null, ["indicator/percent-range=warning"]) });
    expect(asWarning.diagnostics.filter((d) => d.ruleId === "indicator/percent-range").map((d) => d.severity)).toEqual(["info"]);
    const share = editSeed("扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次", "扶持企业覆盖率；实施周期指标值:≥150%；年度指标值:≥95%");
    expect(findings(share, "indicator/percent-range").map((d) => [d.messageId, d.severity])).toEqual([["outOfRangePeriod", "error"]]);
  });

  it("accepts 0 %, 100 % and numbers that are not percentages", () => {
    const cases = ["0%", "100%", "100.00%", "≥95%", "120家", "3‰", "提高", "无"];
    for (const period of cases) expect(runOnIndicators(rule, [{ name: "覆盖率", period }]), period).toEqual([]);
  });
});
