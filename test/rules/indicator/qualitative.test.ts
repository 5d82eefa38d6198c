import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/qualitative.js";
import { runOnIndicators, runRule, buildTable } from "../run-rule.js";

describe("indicator/qualitative", () => {
  it("reports the seed's 提高 once for both targets, underlining both values", () => {
    // 提高项目评审效率 (8): period value at 46 + 8 = 54 ("提高"), annual at 54 + 2 + 7 = 63, ends at 65.
    const reports = runOnIndicators(rule, [
      { level1: "2-效益指标", level2: "22-社会效益", name: "提高项目评审效率", period: "提高" },
    ]);
    expect(reports).toEqual([
      {
        messageId: "qualitativeBoth",
        data: { name: expect.any(String), value: "提高" },
        span: { line: 12, column: 54, endLine: 12, endColumn: 65 },
        project: "项目甲",
        indicator: "提高项目评审效率",
      },
    ]);
  });

  it("names the one text target and counts its width in code points", () => {
    const reports = runOnIndicators(rule, [{ name: "展厅运营水平", period: "≥90分", annual: "𠀋好" }]);
    // 展厅运营水平 (6): period value at 52 ("≥90分", 4), annual at 52 + 4 + 7 = 63; "𠀋好" is 2 code points.
    expect(reports.map((r) => [r.messageId, r.data, r.span])).toEqual([
      ["qualitativeAnnual", { name: "展厅运营水平", value: "𠀋好" }, { line: 12, column: 63, endLine: 12, endColumn: 65 }],
    ]);
  });

  it("reports each text indicator of a project with its own name", () => {
    const doc = buildTable({
      name: "综合工作经费",
      indicators: [
        { name: "印制宣传品数量", period: "2000份" },
        { level1: "2-效益指标", level2: "22-社会效益", name: "提升我区金融招商能力", period: "金融招商能力提升" },
      ],
    });
    expect(runRule(rule, doc).map((r) => [r.project, r.indicator, r.data.value])).toEqual([
      ["综合工作经费", "提升我区金融招商能力", "金融招商能力提升"],
    ]);
  });

  it("does not call text with a number in it qualitative (a fraction, a ratio), nor a Chinese numeral or a deadline", () => {
    const cases = ["1/3", "≥1/3", "1:1", "≥1次/季度，全年≥4次", "三个", "不少于两次", "百分之百", "年底前"];
    for (const period of cases) expect(runOnIndicators(rule, [{ name: "开展监督检查", period }]), period).toEqual([]);
    expect(runOnIndicators(rule, [{ name: "开展监督检查", period: "一流" }]).map((r) => r.messageId)).toEqual(["qualitativeBoth"]);
  });

  it("accepts numbers, comparators inside text, dates and missing values", () => {
    const cases = ["≥495家次", "系统吞吐量每秒处理≥30个业务", "2023年底", "无", "1"];
    for (const period of cases) expect(runOnIndicators(rule, [{ period }]), period).toEqual([]);
  });
});
