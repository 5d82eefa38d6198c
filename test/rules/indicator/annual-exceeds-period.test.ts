import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/annual-exceeds-period.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/annual-exceeds-period", () => {
  it("reports an annual floor above the period floor, underlining both values", () => {
    // Period value at 52 ("≥100家次", 6), annual at 52 + 6 + 7 = 65 ("≥495家次", 6).
    const reports = runOnIndicators(rule, [{ period: "≥100家次", annual: "≥495家次" }]);
    expect(reports).toEqual([
      {
        messageId: "exceeds",
        data: { period: "≥100家次", annual: "≥495家次" },
        span: { line: 12, column: 52, endLine: 12, endColumn: 71 },
        project: "项目甲",
        indicator: "扶持项目数量",
      },
    ]);
  });

  it("compares scaled values and equalities", () => {
    const fire = (period: string, annual: string, name = "参加展会人数") =>
      runOnIndicators(rule, [{ name, period, annual }]).length;
    expect(fire("3万人", "40000人")).toBe(1);
    expect(fire("≥50亿元", "≥5000000001元", "实现融资金额总量")).toBe(1);
    expect(fire("3万人", "30000人")).toBe(0);
    expect(fire("5家", "6家")).toBe(1);
  });

  it("skips ceilings, percentages, rates, durations, per-unit values, bare numbers and other units", () => {
    const cases: [string, string, string][] = [
      ["扶持项目数量", "≥495家次", "≥495家次"],
      ["扶持项目数量", "≥495家次", "≥100家次"],
      ["活动投诉数量", "≤2次", "≤5次"],
      ["重点关注企业覆盖率", "90%", "95%"],
      ["补贴审核及时率", "≥9", "≥10"],
      ["项目评审平均用时", "≥3天", "≥5天"],
      ["人均补助标准", "≥500元/人", "≥600元/人"],
      ["系统运行质量", "系统吞吐量每秒处理≥30个业务", "系统吞吐量每秒处理≥40个业务"],
      ["机构主动邀约企业融资贷款业务数", "≥40", "≥50"],
      ["发布金融产品数量", "≥180个", "≥200家"],
      ["发布金融产品数量", "提高", "≥200个"],
    ];
    for (const [name, period, annual] of cases) {
      expect(runOnIndicators(rule, [{ name, period, annual }]), `${name} ${period} ${annual}`).toEqual([]);
    }
  });
});
