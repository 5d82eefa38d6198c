import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";
import type { Diagnostic } from "../../../src/types.js";

describe("table/ambiguous-row", () => {
  it("passes on the seed (its two unit rows add up)", () => expect(findings(SEED, "table/ambiguous-row")).toEqual([]));

  it("fires on a bare row whose amounts fit neither as unit nor as project", () => {
    const text = editSeed("金融风险防控经费\t105.00", "某行\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00");
    expect(findings(text, "table/ambiguous-row")).toEqual([expect.objectContaining({ line: 19, column: 1, endColumn: 3, severity: "warning" })]);
    expect(messages(text, "table/ambiguous-row", "en")[0]).toMatch(/^cannot tell whether “某行” is a unit or a project/);
  });

  it("does not fire on a bare row that completes its unit (a project without goal and indicators)", () => {
    const text = editSeed("广州开发区民营及中小微企业信用信息和融资对接平台运维服务\t36.52\t36.52\t\t\t通过", "某项目\t36.52\t36.52\t\t\t\t\n广州开发区民营及中小微企业信用信息和融资对接平台运维服务\t0.00\t\t\t\t通过");
    expect(findings(text, "table/ambiguous-row")).toEqual([]);
    expect(findings(text, "project/missing-goal").map((d) => d.project)).toEqual(["某项目"]);
  });
});

describe("table/ambiguous-row on a name with doubled quotes", () => {
  /** The file's text from a finding's column to its end column (a doubled quote is two columns). */
  const spanText = (text: string, d: Diagnostic) => [...text.split("\n")[d.line - 1]!].slice(d.column - 1, d.endColumn - 1).join("");

  it("underlines the whole quoted name, each \"\" two columns (a spreadsheet's text export)", () => {
    const text = editSeed("金融风险防控经费\t105.00", '"某""十四五""项目"\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00');
    const found = findings(text, "table/ambiguous-row");
    expect(found.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.project])).toEqual([[19, 2, 19, 12, '某"十四五"项目']]);
    expect(spanText(text, found[0]!)).toBe('某""十四五""项目');
  });

  it("underlines a unit row's quoted name read as ambiguous at its unit's end (no project under it)", () => {
    // The seed's second unit renamed in the spreadsheet, its one project row deleted.
    const renamed = editSeed("广州开发区金融工作服务中心\t1.60\t1.60", '"广州开发区""金融""工作服务中心"\t1.60\t1.60');
    const text = renamed.slice(0, renamed.indexOf("综合工作经费\t1.60"));
    const found = findings(text, "table/ambiguous-row");
    expect(found.map((d) => spanText(text, d))).toEqual(['广州开发区""金融""工作服务中心']);
  });
});
