import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/indicator/category.js";
import { runOnIndicators } from "../run-rule.js";

describe("indicator/category", () => {
  it("reports a level-2 under the wrong level-1, underlining both categories", () => {
    const reports = runOnIndicators(rule, [{ level1: "1-产出指标", level2: "22-社会效益" }]);
    // "1、" ends at column 21; "1-产出指标；22-社会效益" is 14 code points (22–35).
    expect(reports).toEqual([
      {
        messageId: "level2NotUnderLevel1",
        data: { level1: "1-产出指标", level2: "22-社会效益" },
        span: { line: 12, column: 22, endLine: 12, endColumn: 36 },
        project: "项目甲",
        indicator: "扶持项目数量",
      },
    ]);
  });

  it("reports unknown categories and codes that belong to another name", () => {
    const first = (level1: string, level2: string) => {
      const [r] = runOnIndicators(rule, [{ level1, level2 }]);
      return r && [r.messageId, r.data];
    };
    expect(first("4-其他指标", "11-数量指标")).toEqual([
      "unknownLevel1",
      { level: "1", code: "4", name: "其他指标", category: "4-其他指标" },
    ]);
    expect(first("1-产出指标", "15-效率指标")).toEqual([
      "unknownLevel2",
      { level: "2", code: "15", name: "效率指标", category: "15-效率指标" },
    ]);
    expect(first("1-产出指标", "11-质量指标")).toEqual([
      "codeNameMismatch",
      { level: "2", code: "11", name: "质量指标", category: "11-质量指标", expected: "12" },
    ]);
  });

  it("accepts the catalogue with its aliases and the 2021 cost structure", () => {
    const cases: [string, string][] = [
      ["1-产出指标", "11-数量指标"],
      ["1-产出指标", "13-进度指标"],
      ["1-产出指标", "14-成本指标"],
      ["2-效益指标", "23-环境效益"],
      ["2-效益指标", "24-可持续影响"],
      ["3-满意度指标", "31-服务对象满意度"],
      ["3-满意度指标", "31-社会公众或服务对象满意度指标"],
      ["4-成本指标", "41-经济成本指标"],
    ];
    for (const [level1, level2] of cases) expect(runOnIndicators(rule, [{ level1, level2 }]), level2).toEqual([]);
  });

  it("skips an indicator that did not parse", () => {
    expect(runOnIndicators(rule, [{ level1: "9-不明", error: "unknown label" }])).toEqual([]);
  });
});
