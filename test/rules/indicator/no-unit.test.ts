import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/no-unit.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/no-unit", () => {
  it("reports the seed's bare 1 once for both targets", () => {
    // 参加大型金融展会 (8): period value at 54 ("1"), annual at 54 + 1 + 7 = 62, ends at 63.
    const reports = runOnIndicators(rule, [{ name: "参加大型金融展会", period: "1" }]);
    expect(reports).toEqual([
      {
        messageId: "noUnitBoth",
        data: { name: expect.any(String), value: "1" },
        span: { line: 12, column: 54, endLine: 12, endColumn: 63 },
        project: "项目甲",
        indicator: "参加大型金融展会",
      },
    ]);
  });

  it("reports ≥40 and a single unitless target", () => {
    const seed = runOnIndicators(rule, [
      { level1: "2-效益指标", level2: "21-经济效益", name: "机构主动邀约企业融资贷款业务数", period: "≥40" },
    ]);
    expect(seed.map((r) => [r.messageId, r.data.value])).toEqual([["noUnitBoth", "≥40"]]);
    const one = runOnIndicators(rule, [{ period: "5家", annual: "5" }]);
    expect(one.map((r) => [r.messageId, r.data.value])).toEqual([["noUnitAnnual", "5"]]);
  });

  it("accepts units, percentages, leading text and non-numbers", () => {
    const cases = ["1份", "3万人", "95%", "系统吞吐量每秒处理≥30个业务", "提高", "无", "2023年底"];
    for (const period of cases) expect(runOnIndicators(rule, [{ period }]), period).toEqual([]);
  });
});
