import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/few-indicators.js";
import { buildDocument, buildTable, runRule } from "../run-rule.js";
import { formatMessage } from "../../../src/i18n/format.js";

describe("project/few-indicators", () => {
  it("reports the seed's 综合工作经费 with 2 indicators, on its own row", () => {
    const doc = buildDocument([
      { name: "广州开发区金融工作局", projects: [{ name: "金融项目评审专项经费", indicators: [{}, {}, {}] }] },
      { name: "广州开发区金融工作服务中心", projects: [{ name: "综合工作经费", indicators: [{}, {}] }] },
    ]);
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "few",
        data: { name: "综合工作经费", count: 2, min: 3 },
        span: { line: 14, column: 1, endLine: 14, endColumn: 7 },
        project: "综合工作经费",
      },
    ]);
  });

  it("uses the min option and leaves empty projects to project/missing-indicators", () => {
    expect(runRule(rule, buildTable({ indicators: [{}, {}, {}] }), { min: 5 }).map((r) => r.data)).toEqual([
      { name: "项目甲", count: 3, min: 5 },
    ]);
    expect(runRule(rule, buildTable({ indicators: [] }))).toEqual([]);
  });

  it("says one indicator in the singular in English", () => {
    const [r] = runRule(rule, buildTable({ indicators: [{}] }));
    const d = { ruleId: "project/few-indicators", messageId: r!.messageId, data: r!.data };
    expect(formatMessage(d, "en")).toBe("project “项目甲” has only 1 indicator, fewer than 3");
    expect(formatMessage(d, "zh")).toBe("项目“项目甲”只有 1 个绩效指标，少于 3 个");
  });
});

