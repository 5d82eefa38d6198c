import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/satisfaction-threshold.js";
import { runOnIndicators } from "../run-rule.js";

const SAT = { level1: "3-满意度指标", level2: "31-服务对象满意度" };

describe("indicator/satisfaction-threshold", () => {
  it("reports a satisfaction floor below 80 %", () => {
    // 3-/31-categories and 扶持企业满意度 (7): period value at 20 + 30 + 7 = 57 ("≥60%"), annual at 68.
    const reports = runOnIndicators(rule, [{ ...SAT, name: "扶持企业满意度", period: "≥60%" }]);
    expect(reports).toEqual([
      {
        messageId: "belowFloorBoth",
        data: { name: expect.any(String), value: "≥60%", floor: 80 },
        span: { line: 12, column: 57, endLine: 12, endColumn: 72 },
        project: "项目甲",
        indicator: "扶持企业满意度",
      },
    ]);
  });

  it("uses the floor option and names a satisfaction indicator filed elsewhere", () => {
    const high = runOnIndicators(rule, [{ ...SAT, name: "服务对象满意率", period: "90%", annual: "85%" }], { floor: 90 });
    expect(high.map((r) => [r.messageId, r.data])).toEqual([["belowFloorAnnual", { name: expect.any(String), value: "85%", floor: 90 }]]);
    const elsewhere = runOnIndicators(rule, [{ level1: "2-效益指标", level2: "22-社会效益", name: "群众满意度", period: "70%" }]);
    expect(elsewhere.map((r) => r.messageId)).toEqual(["belowFloorBoth"]);
  });

  it("takes a change (比上年提高5%, ±5%) for no level of satisfaction, but reads a level in words or with （含）", () => {
    for (const period of ["比上年提高5%", "较上年增长10%", "提升5%", "±5%"]) {
      expect(runOnIndicators(rule, [{ ...SAT, name: "扶持企业满意度", period }]), period).toEqual([]);
    }
    const low = (period: string) => runOnIndicators(rule, [{ ...SAT, name: "扶持企业满意度", period }]).map((r) => r.messageId);
    expect(low("达到60%")).toEqual(["belowFloorBoth"]);
    expect(low("不低于百分之六十")).toEqual(["belowFloorBoth"]);
    expect(low("≥60%（含）")).toEqual(["belowFloorBoth"]);
  });

  it("accepts the seed's satisfaction targets, complaints, ceilings and non-percentages", () => {
    const cases = [
      { ...SAT, name: "扶持企业满意度", period: "95%" },
      { ...SAT, name: "服务企业满意度", period: "≥90%" },
      { ...SAT, name: "服务对象满意率", period: "80%" },
      { ...SAT, name: "活动投诉数量", period: "≤2次" },
      { ...SAT, name: "服务对象投诉率", period: "5%" },
      { ...SAT, name: "服务对象满意度", period: "≤70%" },
      { ...SAT, name: "服务对象满意度", period: "良好" },
      { level1: "1-产出指标", level2: "12-质量指标", name: "资金使用合规性", period: "50%" },
    ];
    for (const c of cases) expect(runOnIndicators(rule, [c]), `${c.name} ${c.period}`).toEqual([]);
  });
});
