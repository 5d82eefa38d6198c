// The columns 序号 (row number) and 备注 (remarks) that published tables often have first and last:
// known optional columns, found by their header names like the others. No finding; their cells are
// kept in each row's `extra` as an unknown column's are (lossless); they never change how a row is
// read (a unit, the 合计 row, a note). Any other column the reader does not know is still reported.
import { describe, expect, it } from "vitest";
import type { Diagnostic, TableDocument } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import { onlyTable } from "../helpers/check.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

/** The seed's unit rows, numbered 一 and 二 in the 序号 column; its projects are numbered 1, 2 … */
const UNITS = new Set(["广州开发区金融工作局", "广州开发区金融工作服务中心"]);
/** Remarks written on two projects. */
const REMARKS: Record<string, string> = { 金融发展专项资金: "延续性项目", 综合工作经费: "新增项目" };

/**
 * The seed with a 序号 column first and a 备注 column last, as many departments publish it: the
 * 合计 row's 序号 empty, units numbered 一, 二, projects 1, 2 …, a remark on a few projects.
 */
function withSeqAndRemarks(text = SEED, header = ["序号", "备注"]): string {
  const lines = text.split("\n");
  const headerAt = lines.findIndex((l) => l.startsWith("项目名称"));
  let unit = 0;
  let project = 0;
  return lines
    .map((line, i) => {
      if (i < headerAt || line === "") return line;
      if (i === headerAt) return `${header[0]}\t${line}\t${header[1]}`;
      const name = line.slice(0, line.indexOf("\t"));
      const seq = name === "合计" ? "" : UNITS.has(name) ? "一二"[unit++]! : String(++project);
      return `${seq}\t${line}\t${REMARKS[name] ?? ""}`;
    })
    .join("\n");
}

/** Units and projects by name, with their money and indicators. */
function structure(doc: TableDocument): unknown {
  return {
    total: doc.total?.amounts,
    units: doc.units.map((u) => ({ name: u.name, amounts: u.amounts, projects: u.projects.map((p) => [p.name, p.amounts.total, p.goal, p.indicators.length]) })),
  };
}

/** A finding without its column (the cells moved right by the 序号 cell). */
const what = (d: Diagnostic) => `${d.line} ${d.ruleId} ${d.messageId} ${d.project ?? ""} ${d.indicator ?? ""} ${JSON.stringify(d.data)}`;

describe("序号 and 备注 columns", () => {
  const text = withSeqAndRemarks();

  it("give no table/header finding, and the same findings as the seed", () => {
    const report = checkInput(text, { path: "t.txt" });
    expect(report.diagnostics.filter((d) => d.ruleId === "table/header")).toEqual([]);
    expect(report.diagnostics.map(what)).toEqual(checkInput(SEED, { path: "t.txt" }).diagnostics.map(what));
  });

  it("are named in the header by their keys, seq and remarks", () => {
    const doc = onlyTable(text);
    expect(doc.header!.columns.map((c) => [c.key, c.name, c.column, c.index])).toEqual([
      ["seq", "序号", 1, 0],
      ["name", "项目名称（资金使用单位）", 4, 1],
      ["total", "总计", 17, 2],
      ["appropriation", "财政拨款", 20, 3],
      ["specialAccount", "财政专户拨款", 25, 4],
      ["other", "其他资金", 32, 5],
      ["goal", "绩效目标", 37, 6],
      ["indicators", "绩效指标", 42, 7],
      ["remarks", "备注", 47, 8],
    ]);
  });

  it("read the seed's 合计, units and projects: a 序号 never makes a row something else", () => {
    const doc = onlyTable(text);
    expect(structure(doc)).toEqual(structure(onlyTable(SEED)));
    expect(doc.units.map((u) => u.ambiguous)).toEqual([undefined, undefined]);
  });

  it("keep their cells in each row's extra, as published (an empty cell is not kept)", () => {
    const doc = onlyTable(text);
    expect(doc.total!.extra).toBeUndefined();
    expect(doc.units.map((u) => u.extra)).toEqual([{ 序号: "一" }, { 序号: "二" }]);
    const projects = doc.units.flatMap((u) => u.projects);
    expect(projects.map((p) => p.extra?.["序号"])).toEqual(projects.map((_, i) => String(i + 1)));
    expect(projects.filter((p) => p.extra?.["备注"] !== undefined).map((p) => [p.name, p.extra!["备注"]])).toEqual([
      ["金融发展专项资金", "延续性项目"],
      ["综合工作经费", "新增项目"],
    ]);
    // Written out and read back, the document is the same.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("are found with spaces in their names (序 号, 备　注)", () => {
    const spaced = withSeqAndRemarks(SEED, ["序 号", "备\u3000注"]);
    expect(checkInput(spaced, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header")).toEqual([]);
    const doc = onlyTable(spaced);
    expect(doc.header!.columns.map((c) => c.key)).toEqual(["seq", "name", "total", "appropriation", "specialAccount", "other", "goal", "indicators", "remarks"]);
    expect(doc.units[0]!.extra).toEqual({ "序 号": "一" });
  });

  it("leave a note after the table a note (in the 序号 column or in the 备注 column)", () => {
    const notes = `${text}\n注：1.本表金额单位为万元。\n${"\t".repeat(8)}备注：项目按资金使用单位排列。\n`;
    const doc = onlyTable(notes);
    expect(doc.footnotes?.map((f) => [f.text, f.line, f.column])).toEqual([
      ["注：1.本表金额单位为万元。", 29, 1],
      ["备注：项目按资金使用单位排列。", 30, 9],
    ]);
    expect(structure(doc)).toEqual(structure(onlyTable(SEED)));
  });

  it("read a 合计 written in the 序号 column (a cell merged over 序号 and 项目名称) as the 合计 row", () => {
    const merged = editSeed("\n\t合计\t15,812.52", "\n合计\t\t15,812.52", text);
    const report = checkInput(merged, { path: "t.txt" });
    expect(report.diagnostics.map(what)).toEqual(checkInput(SEED, { path: "t.txt" }).diagnostics.map(what));
    const doc = onlyTable(merged);
    expect(structure(doc)).toEqual(structure(onlyTable(SEED)));
    // Its name cell as published (empty), and the 序号 cell in extra: nothing lost.
    expect(doc.total).toMatchObject({ line: 10, name: "", extra: { 序号: "合计" } });
  });

  it("still report a column the reader does not know, and a repeated 序号", () => {
    const other = editSeed("\t备注\n", "\t资金性质\t备注\n", text);
    expect(checkInput(other, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header").map((d) => [d.messageId, d.data.name])).toEqual([["unknownColumn", "资金性质"]]);
    const twice = editSeed("\t备注\n", "\t序号\n", text);
    expect(checkInput(twice, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header").map((d) => [d.messageId, d.data.name])).toEqual([["duplicateColumn", "序号"]]);
  });

  it("keep both cells of two columns with the same header text (the second under `name#column`)", () => {
    const lines = text.split("\n");
    const headerAt = lines.findIndex((l) => l.startsWith("序号\t项目名称"));
    const twice = lines.map((line, i) => (i < headerAt || line === "" ? line : i === headerAt ? `${line}\t备注` : `${line}\t${line.includes("金融发展专项资金") ? "第二栏" : ""}`)).join("\n");
    const diags = checkInput(twice, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header");
    expect(diags.map((d) => [d.messageId, d.data.name])).toEqual([["duplicateColumn", "备注"]]);
    const project = onlyTable(twice).units[0]!.projects.find((p) => p.name === "金融发展专项资金")!;
    expect(project.extra).toEqual({ 序号: "1", 备注: "延续性项目", "备注#10": "第二栏" });
  });

  it("are known columns under a two-row header too (序号 merged over both rows)", () => {
    const twoRows = editSeed(
      "序号\t项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\t备注\n",
      "序号\t项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标\t备注\n\t\t\t财政拨款\t财政专户拨款\t其他资金\t\t\t\n",
      text,
    );
    expect(checkInput(twoRows, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header")).toEqual([]);
    const doc = onlyTable(twoRows);
    expect(doc.header!.columns.map((c) => c.key)).toEqual(["seq", "name", "total", "appropriation", "specialAccount", "other", "goal", "indicators", "remarks"]);
    expect(structure(doc)).toEqual(structure(onlyTable(SEED)));
  });
});
