import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-satisfaction.js";
import { buildDocument, runRule } from "../run-rule.js";

describe("project/missing-satisfaction", () => {
  it("reports the seed's 金融项目评审专项经费 (outputs and effects only), not the project with 活动投诉数量", () => {
    const doc = buildDocument([
      {
        name: "广州开发区金融工作局",
        projects: [
          {
            name: "金融项目评审专项经费",
            indicators: [
              { name: "财务顾问服务项目数量", period: "8家" },
              { level2: "12-质量指标", name: "资金使用合规性", period: "100%" },
              { level1: "2-效益指标", level2: "22-社会效益", name: "提高项目评审效率", period: "提高" },
            ],
          },
          {
            name: "金融交流专项经费",
            indicators: [
              { name: "参加大型金融展会", period: "1" },
              { level1: "3-满意度指标", level2: "31-服务对象满意度", name: "活动投诉数量", period: "≤2次" },
            ],
          },
        ],
      },
    ]);
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "missing",
        data: { name: "金融项目评审专项经费" },
        span: { line: 12, column: 1, endLine: 12, endColumn: 11 },
        project: "金融项目评审专项经费",
      },
    ]);
  });

  it("skips projects without indicators", () => {
    expect(runRule(rule, buildDocument([{ name: null, projects: [{ indicators: [] }] }]))).toEqual([]);
  });
});
