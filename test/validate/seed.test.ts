// The seed must yield exactly the findings SPEC §5 lists (verified by hand), and no error.
import { describe, expect, it } from "vitest";
import { checkInput } from "../../src/validate/run.js";
import { SEED } from "../helpers/fixtures.js";

describe("check of the seed table", () => {
  const report = checkInput(SEED, { path: "seed.txt" });
  const byRule = (id: string) => report.diagnostics.filter((d) => d.ruleId === id);

  it("has no error", () => {
    expect(report.errorCount).toBe(0);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("lacks satisfaction indicators in the 6 projects on lines 14, 17, 19, 21, 24 and 28", () => {
    expect(byRule("project/missing-satisfaction").map((d) => [d.line, d.project])).toEqual([
      [14, "金融项目评审专项经费"],
      [17, "金融工作业务经费"],
      [19, "金融风险防控经费"],
      [21, "广州市年度巨灾指数保险经费"],
      [24, "广州开发区金融工作局金融超市整合改造项目"],
      [28, "综合工作经费"],
    ]);
  });

  it("finds the vacuous ≥0% of 保险赔付率 and the missing 实施周期指标值", () => {
    expect(byRule("indicator/vacuous-target").map((d) => [d.line, d.indicator])).toEqual([[21, "保险赔付率"]]);
    expect(byRule("indicator/missing-value").map((d) => [d.line, d.indicator])).toEqual([[21, "年度巨灾指数保险完成率"]]);
  });

  it("finds the 6 qualitative targets and the 2 numbers without unit", () => {
    expect(byRule("indicator/qualitative").map((d) => d.indicator)).toEqual([
      "提高项目评审效率",
      "我区金融显示度提升",
      "提升我区金融招商能力",
      "灾害防治能力",
      "展厅运营水平",
      "提升我区金融招商能力",
    ]);
    expect(byRule("indicator/no-unit").map((d) => [d.line, d.indicator])).toEqual([
      [16, "参加大型金融展会"],
      [24, "机构主动邀约企业融资贷款业务数"],
    ]);
  });

  it("finds 综合工作经费 with few indicators", () => {
    expect(byRule("project/few-indicators").map((d) => d.project)).toEqual(["综合工作经费"]);
  });

  it("finds nothing else", () => {
    const counts: Record<string, number> = {};
    for (const d of report.diagnostics) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
    expect(counts).toEqual({
      "project/missing-satisfaction": 6,
      "indicator/vacuous-target": 1,
      "indicator/missing-value": 1,
      "indicator/qualitative": 6,
      "indicator/no-unit": 2,
      "project/few-indicators": 1,
    });
    expect([report.warningCount, report.infoCount]).toEqual([8, 9]);
  });

  it("summarises the table", () => {
    expect(report.tables).toEqual([
      expect.objectContaining({ department: "广州开发区金融工作局（部门）", moneyUnit: "万元", units: 2, projects: 13, indicators: 53, moneyTotal: "15812.52" }),
    ]);
  });

  it("is sorted by line, column and rule id", () => {
    const keys = report.diagnostics.map((d) => [d.line, d.column, d.ruleId]);
    const sorted = [...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || String(a[2]).localeCompare(String(b[2])));
    expect(keys).toEqual(sorted);
  });
});
