import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/direction.js";
import { classifyDirection } from "../../../src/rules/indicator/util.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/direction", () => {
  it("reports a positive indicator with a ceiling on both targets once", () => {
    // 补贴审核及时率 (7): period value at 53 ("≤95%", 4), annual at 64, ends at 68.
    const reports = runOnIndicators(rule, [{ name: "补贴审核及时率", period: "≤95%", annual: "≤95%" }]);
    expect(reports).toEqual([
      {
        messageId: "positiveCeilingBoth",
        data: { value: "≤95%", name: "补贴审核及时率" },
        span: { line: 12, column: 53, endLine: 12, endColumn: 68 },
        project: "项目甲",
        indicator: "补贴审核及时率",
      },
    ]);
  });

  it("reports a reverse indicator with a floor on one target", () => {
    // 客户投诉率 (5): period value at 51 ("≤5%", 3), annual at 61 (">5%", 3).
    expect(runOnIndicators(rule, [{ name: "客户投诉率", period: "≤5%", annual: ">5%" }])).toEqual([
      expect.objectContaining({
        messageId: "reverseFloorAnnual",
        data: { value: ">5%", name: "客户投诉率" },
        span: { line: 12, column: 61, endLine: 12, endColumn: 64 },
      }),
    ]);
    expect(runOnIndicators(rule, [{ name: "系统故障率", period: "≥1%" }]).map((r) => r.messageId)).toEqual([
      "reverseFloorBoth",
    ]);
  });

  it("accepts the seed's indicators: 无故障率 is positive, 投诉数量 is not a rate", () => {
    const cases: [string, string][] = [
      ["系统运行无故障率", "96%"],
      ["系统运行无故障率", "≥96%"],
      ["活动投诉数量", "≤2次"],
      ["服务对象满意率", "≥90%"],
      ["小额贷款公司、融资租赁公司、商业保理公司公司现场检查覆盖率", "100%"],
      ["投诉处理及时率", "≥95%"],
      ["安全事故发生率", "≤1%"],
      ["安全事故发生率", "0%"],
      ["补贴审核及时率", "提高"],
    ];
    for (const [name, period] of cases) expect(runOnIndicators(rule, [{ name, period }]), `${name} ${period}`).toEqual([]);
  });

  it("classifies names by their words", () => {
    expect(classifyDirection("扶持企业满意度")).toBe("positive");
    expect(classifyDirection("系统运行无故障率")).toBe("positive");
    expect(classifyDirection("系统故障率")).toBe("reverse");
    expect(classifyDirection("会计差错率")).toBe("reverse");
    expect(classifyDirection("活动投诉数量")).toBe(null);
    expect(classifyDirection("保险赔付率")).toBe(null);
  });

  it("reads a positive word after 不 / 未 / 非 as reverse (不合格率, 不满意率, 未完成率)", () => {
    expect(classifyDirection("产品不合格率")).toBe("reverse");
    expect(classifyDirection("服务对象不满意率")).toBe("reverse");
    expect(classifyDirection("工程未完成率")).toBe("reverse");
    expect(classifyDirection("产品合格率")).toBe("positive");
    expect(runOnIndicators(rule, [{ name: "产品不合格率", period: "≤2%" }])).toEqual([]);
    expect(runOnIndicators(rule, [{ name: "产品不合格率", period: "≥2%" }]).map((r) => r.messageId)).toEqual(["reverseFloorBoth"]);
  });
});

