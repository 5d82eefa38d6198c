import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-indicators.js";
import { buildTable, runRule } from "../run-rule.js";

describe("project/missing-indicators", () => {
  it("reports a project with an empty 绩效指标 cell at its name", () => {
    const doc = buildTable({ name: "项目甲", indicators: [] }, { name: "金融交流专项经费", indicators: [], indicatorsRaw: " " });
    expect(runRule(rule, doc)).toEqual([
      { messageId: "missing", data: { name: "项目甲" }, span: { line: 12, column: 1, endLine: 12, endColumn: 4 }, project: "项目甲" },
      {
        messageId: "missing",
        data: { name: "金融交流专项经费" },
        span: { line: 13, column: 1, endLine: 13, endColumn: 9 },
        project: "金融交流专项经费",
      },
    ]);
  });

  it("accepts indicators, and leaves an unparsable cell to indicator/syntax", () => {
    expect(runRule(rule, buildTable({ indicators: [{}] }))).toEqual([]);
    expect(runRule(rule, buildTable({ indicators: [], indicatorsRaw: "见附件" }))).toEqual([]);
  });
});
