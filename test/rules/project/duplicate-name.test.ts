import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/duplicate-name.js";
import { buildDocument, runRule } from "../run-rule.js";

describe("project/duplicate-name", () => {
  it("reports the second project of the same name in one unit", () => {
    const doc = buildDocument([
      {
        name: "广州开发区金融工作局",
        projects: [
          { name: "金融工作业务经费", indicators: [{}] },
          { name: "金融风险防控经费", indicators: [{}] },
          { name: "金融工作业务经费", indicators: [{}] },
        ],
      },
    ]);
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "duplicate",
        data: { name: "金融工作业务经费", firstLine: 12 },
        span: { line: 14, column: 1, endLine: 14, endColumn: 9 },
        project: "金融工作业务经费",
      },
    ]);
  });

  it("accepts the same name under two units", () => {
    const doc = buildDocument([
      { name: "单位甲", projects: [{ name: "综合工作经费", indicators: [{}] }] },
      { name: "单位乙", projects: [{ name: "综合工作经费", indicators: [{}] }] },
    ]);
    expect(runRule(rule, doc)).toEqual([]);
  });
});
