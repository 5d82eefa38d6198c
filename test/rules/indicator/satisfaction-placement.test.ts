import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/satisfaction-placement.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/satisfaction-placement", () => {
  it("reports a satisfaction indicator filed under 效益指标, at the indicator", () => {
    const reports = runOnIndicators(rule, [
      { level1: "2-效益指标", level2: "22-社会效益", name: "扶持企业满意度", period: "95%" },
    ]);
    // "1、2-效益指标；22-社会效益；扶持企业满意度；实施周期指标值:95%；年度指标值:95%" is 46 code points.
    expect(reports).toEqual([
      {
        messageId: "misplaced",
        data: { name: "扶持企业满意度", level1: "2-效益指标" },
        span: { line: 12, column: 20, endLine: 12, endColumn: 66 },
        project: "项目甲",
        indicator: "扶持企业满意度",
      },
    ]);
  });

  it("accepts satisfaction under 满意度指标, other names anywhere, and unknown categories", () => {
    const cases = [
      { level1: "3-满意度指标", level2: "31-服务对象满意度", name: "服务对象满意率" },
      { level1: "3-满意度指标", level2: "31-社会公众或服务对象满意度", name: "群众满意度" },
      { level1: "2-效益指标", level2: "22-社会效益", name: "培育上市企业数量" },
      { level1: "9-其他", level2: "91-其他", name: "群众满意度" },
    ];
    for (const c of cases) expect(runOnIndicators(rule, [c]), c.name).toEqual([]);
  });
});
