import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-effect.js";
import { buildTable, runRule } from "../run-rule.js";

const EFFECT = { level1: "2-效益指标", level2: "24-可持续影响", name: "灾害防治能力", period: "提高" };
const SATISFACTION = { level1: "3-满意度指标", level2: "31-服务对象满意度", name: "扶持企业满意度", period: "95%" };

describe("project/missing-effect", () => {
  it("reports a project with outputs and satisfaction only", () => {
    const doc = buildTable({ name: "项目乙", indicators: [{}, SATISFACTION] });
    expect(runRule(rule, doc)).toEqual([
      { messageId: "missing", data: { name: "项目乙" }, span: { line: 12, column: 1, endLine: 12, endColumn: 4 }, project: "项目乙" },
    ]);
  });

  it("accepts a 效益指标 and skips projects without indicators", () => {
    expect(runRule(rule, buildTable({ indicators: [{}, EFFECT] }))).toEqual([]);
    expect(runRule(rule, buildTable({ indicators: [] }))).toEqual([]);
  });
});
