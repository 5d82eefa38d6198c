import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-cost.js";
import { buildTable, runRule } from "../run-rule.js";

describe("project/missing-cost", () => {
  it("is off by default and reports a project without a cost indicator when enabled", () => {
    expect(rule.meta.defaultSeverity).toBe("off");
    const doc = buildTable({ name: "综合工作经费", indicators: [{ name: "印制宣传品数量", period: "2000份" }] });
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "missing",
        data: { name: "综合工作经费" },
        span: { line: 12, column: 1, endLine: 12, endColumn: 7 },
        project: "综合工作经费",
      },
    ]);
  });

  it("accepts 14-成本指标 and the 2021 structure's level-1 成本指标", () => {
    const unitPrice = { level2: "14-成本指标", name: "宣传品印制单价", period: "≤8元/份" };
    expect(runRule(rule, buildTable({ indicators: [{}, unitPrice] }))).toEqual([]);
    const cost2021 = { level1: "4-成本指标", level2: "41-经济成本指标", name: "项目总成本", period: "≤1.6万元" };
    expect(runRule(rule, buildTable({ indicators: [{}, cost2021] }))).toEqual([]);
    expect(runRule(rule, buildTable({ indicators: [] }))).toEqual([]);
  });
});
