import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("table/preamble", () => {
  it("passes on the seed", () => expect(findings(SEED, "table/preamble")).toEqual([]));

  it("fires without 部门名称 and 单位, as a warning", () => {
    const text = editSeed("部门名称：广州开发区金融工作局（部门）\n", "").replace("单位：万元\n", "");
    expect(findings(text, "table/preamble").map((d) => [d.messageId, d.severity])).toEqual([
      ["missingDepartment", "warning"],
      ["missingMoneyUnit", "warning"],
    ]);
    expect(messages(text, "table/preamble", "zh")).toEqual(["表格缺少“部门名称：”行", "表格缺少“单位：万元”或“单位：元”行"]);
  });

  it("accepts 元 and the half-width colon", () => {
    expect(findings(editSeed("单位：万元", "单位:元"), "table/preamble")).toEqual([]);
  });

  it("points an unknown money unit at the unit's text on its line, not at the title", () => {
    // The seed's 单位 line is line 7: `单位：千元` → 千元 at columns 4–5.
    const [d, ...rest] = findings(editSeed("单位：万元", "单位： 千元"), "table/preamble");
    expect(rest).toEqual([]);
    expect([d!.messageId, d!.line, d!.column, d!.endLine, d!.endColumn]).toEqual(["unknownMoneyUnit", 7, 5, 7, 7]);
  });

  it("points an unknown money unit in the cell after its label at that cell", () => {
    const [d, ...rest] = findings(editSeed("单位：万元", "单位：\t千元"), "table/preamble");
    expect(rest).toEqual([]);
    expect([d!.messageId, d!.data.unit, d!.line, d!.column, d!.endLine, d!.endColumn]).toEqual(["unknownMoneyUnit", "千元", 7, 5, 7, 7]);
  });
});
