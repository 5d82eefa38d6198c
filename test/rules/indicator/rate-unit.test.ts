import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/rate-unit.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/rate-unit", () => {
  it("reports a rate given as a count", () => {
    // 补贴审核及时率 (7): period value at 53 ("≥95家", 4), annual at 64, ends at 68.
    const reports = runOnIndicators(rule, [{ name: "补贴审核及时率", period: "≥95家" }]);
    expect(reports).toEqual([
      {
        messageId: "rateNotPercentBoth",
        data: { value: "≥95家", name: "补贴审核及时率" },
        span: { line: 12, column: 53, endLine: 12, endColumn: 68 },
        project: "项目甲",
        indicator: "补贴审核及时率",
      },
    ]);
  });

  it("reports a count given in %, and a bare number on a rate", () => {
    const count = runOnIndicators(rule, [{ name: "培育上市企业数量", period: "5家次", annual: "50%" }]);
    expect(count.map((r) => [r.messageId, r.data])).toEqual([
      ["countInPercentAnnual", { value: "50%", name: "培育上市企业数量" }],
    ]);
    expect(runOnIndicators(rule, [{ name: "维护工作按时完成率", period: "99" }]).map((r) => r.messageId)).toEqual([
      "rateNotPercentBoth",
    ]);
  });

  it("accepts the seed's names and other rate units", () => {
    const cases: [string, string][] = [
      ["活动投诉数量", "≤2次"],
      ["服务基地服务企业覆盖面", "500家"],
      ["保险赔付率", "≥0%"],
      ["年度巨灾指数保险完成率", "无"],
      ["系统运行无故障率", "96%"],
      ["不良贷款率", "≤3‰"],
      ["营业收入增长率", "≥2个百分点"],
      ["服务对象满意率", "≥100百分比"],
      ["扶持项目数量", "≥495家次"],
      ["机构主动邀约企业融资贷款业务数", "≥40"],
      ["补贴审核及时率", "提高"],
    ];
    for (const [name, period] of cases) expect(runOnIndicators(rule, [{ name, period }]), `${name} ${period}`).toEqual([]);
  });
});
