import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-output.js";
import { buildTable, runRule } from "../run-rule.js";

const EFFECT = { level1: "2-效益指标", level2: "22-社会效益", name: "培育上市企业数量", period: "5家次" };
const SATISFACTION = { level1: "3-满意度指标", level2: "31-服务对象满意度", name: "扶持企业满意度", period: "95%" };

describe("project/missing-output", () => {
  it("reports a project whose indicators are all effects and satisfaction", () => {
    const doc = buildTable({ name: "金融发展专项资金", indicators: [EFFECT, SATISFACTION] });
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "missing",
        data: { name: "金融发展专项资金" },
        span: { line: 12, column: 1, endLine: 12, endColumn: 9 },
        project: "金融发展专项资金",
      },
    ]);
  });

  it("accepts a 产出指标, and skips projects with no or unparsable indicators", () => {
    expect(runRule(rule, buildTable({ indicators: [{}, EFFECT, SATISFACTION] }))).toEqual([]);
    expect(runRule(rule, buildTable({ indicators: [] }))).toEqual([]);
    expect(runRule(rule, buildTable({ indicators: [{ error: "missing ；" }, EFFECT] }))).toEqual([]);
  });
});
