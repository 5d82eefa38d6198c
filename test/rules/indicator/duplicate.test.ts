import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/duplicate.js";
import { buildTable, runOnIndicators, runRule } from "../run-rule.js";

describe("indicator/duplicate", () => {
  it("reports the second indicator of the same name, at that indicator", () => {
    const reports = runOnIndicators(rule, [{}, { name: "投后管理企业数量" }, { period: "≥10家次" }]);
    // Indicators 1 and 2 are 51 and 53 code points from column 20: indicator 3 (49) spans 126–174.
    expect(reports).toEqual([
      {
        messageId: "duplicate",
        data: { name: "扶持项目数量", firstSeq: 1 },
        span: { line: 12, column: 126, endLine: 12, endColumn: 175 },
        project: "项目甲",
        indicator: "扶持项目数量",
      },
    ]);
  });

  it("accepts the same name in two projects (the seed's 服务企业满意度)", () => {
    const doc = buildTable(
      { name: "企业服务工作经历", indicators: [{ name: "服务企业满意度", period: "90%" }] },
      { name: "广州科创金融服务基地项目经费", indicators: [{ name: "服务企业满意度", period: "≥90%" }] },
    );
    expect(runRule(rule, doc)).toEqual([]);
    expect(runOnIndicators(rule, [{ name: "扶持项目数量" }, { name: "扶持企业满意度" }])).toEqual([]);
  });
});
