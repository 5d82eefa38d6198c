import { describe, expect, it } from "vitest";
import rule from "../../../src/rules/project/missing-goal.js";
import { buildTable, runRule } from "../run-rule.js";

describe("project/missing-goal", () => {
  it("reports a project without a goal at its name", () => {
    const doc = buildTable({ name: "综合工作经费", goal: null, indicators: [{}] });
    expect(runRule(rule, doc)).toEqual([
      {
        messageId: "missing",
        data: { name: "综合工作经费" },
        span: { line: 12, column: 1, endLine: 12, endColumn: 7 },
        project: "综合工作经费",
      },
    ]);
  });

  it("measures the name in code points (a CJK Extension B character is one column)", () => {
    const [r] = runRule(rule, buildTable({ name: "𬌗项目", goal: null, indicators: [{}] }));
    expect(r?.span).toEqual({ line: 12, column: 1, endLine: 12, endColumn: 4 });
  });

  it("reports a blank goal and accepts a written one", () => {
    expect(runRule(rule, buildTable({ goal: "  ", indicators: [{}] })).length).toBe(1);
    expect(runRule(rule, buildTable({ goal: "印制金融超市等平台宣传品", indicators: [{}] }))).toEqual([]);
  });
});
