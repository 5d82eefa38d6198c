import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/sequence.js";
import { buildTable, runOnIndicators, runRule } from "../run-rule.js";
import { findings } from "../../helpers/check.js";

describe("indicator/sequence", () => {
  it("reports a gap at the sequence number of the indicator after it", () => {
    const reports = runOnIndicators(rule, [{ seq: 1 }, { seq: 3, name: "投后管理企业数量" }]);
    // The cell starts at column 20; indicator 1 is 51 code points (20–70), then 。, so indicator 2 starts at 72.
    expect(reports).toEqual([
      {
        messageId: "unexpected",
        data: { seq: 3, expected: 2 },
        span: { line: 12, column: 72, endLine: 12, endColumn: 73 },
        project: "项目甲",
        indicator: "投后管理企业数量",
      },
    ]);
  });

  it("reports a repeat once and goes on counting from it", () => {
    const reports = runOnIndicators(rule, [{ seq: 1 }, { seq: 2 }, { seq: 2 }, { seq: 3 }]);
    expect(reports.map((r) => [r.messageId, r.data])).toEqual([["repeated", { seq: 2 }]]);
  });

  it("reports a list that does not start at 1 and a two-digit number's full width", () => {
    const reports = runOnIndicators(rule, [{ seq: 10 }]);
    expect(reports).toEqual([
      expect.objectContaining({
        messageId: "unexpected",
        data: { seq: 10, expected: 1 },
        span: { line: 12, column: 20, endLine: 12, endColumn: 22 },
      }),
    ]);
  });

  it("accepts 1, 2, 3 and restarts at 1 in every project", () => {
    const doc = buildTable({ indicators: [{}, {}, {}] }, { name: "项目乙", indicators: [{}, {}] });
    expect(runRule(rule, doc)).toEqual([]);
  });

  it("lets an unreadable number take its place", () => {
    expect(runOnIndicators(rule, [{ seq: 1 }, { seq: null, error: "bad" }, { seq: 3 }])).toEqual([]);
  });

  it("underlines only the number when it is in full-width digits or follows a space after the 。", () => {
    const ind = (n: string, name: string) => `${n}、1-产出指标；11-数量指标；${name}；实施周期指标值:≥1人；年度指标值:≥1人`;
    const cell = `${ind("1", "甲数量")}。${ind("１０", "乙数量")}。 ${ind("5", "丙数量")}。`;
    const text = `项目支出绩效目标表\n部门名称：示例局\n单位：万元\n项目名称\t总计\t财政拨款\t绩效目标\t绩效指标\n合计\t1.00\t1.00\t\t\n项目甲\t1.00\t1.00\t目标\t${cell}\n`;
    const at = (part: string) => 18 + [...cell.slice(0, cell.indexOf(part))].length;
    expect(findings(text, "indicator/sequence").map((d) => [d.data.seq, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      [10, 6, at("１０"), 6, at("１０") + 2],
      [5, 6, at("5、"), 6, at("5、") + 1],
    ]);
  });
});

