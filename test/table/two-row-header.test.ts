// Two-row headers (tables exported from spreadsheets): a first row with a merged group cell
// (资金来源 over 财政拨款 / 财政专户拨款 / 其他资金) and a second row naming the columns under it. The
// reader combines them; the table then reads and checks as with a one-row header, and findings about
// the header name the row their cell is on.
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/api.js";
import { parseTable } from "../../src/table/parse.js";
import { mergeHeaderRows } from "../../src/table/reader.js";
import { splitLine } from "../../src/table/split.js";
import type { Diagnostic, TableDocument } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import { onlyTable as only } from "../helpers/check.js";
import { writeTableFormats } from "../helpers/convert-fixture.js";
import { editSeed, fixture, SEED } from "../helpers/fixtures.js";

const TWO_ROWS = fixture("layouts/two-row-header.txt");
const GROUPED = fixture("layouts/two-row-header-performance-group.txt");
const HEADER = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";
const KEYS = ["name", "total", "appropriation", "specialAccount", "other", "goal", "indicators"];

/** The seed with its header replaced by `rows`. */
function withHeader(...rows: string[]): string {
  return editSeed(HEADER, rows.join("\n"));
}

function structure(doc: TableDocument): unknown {
  return {
    total: doc.total?.amounts,
    units: doc.units.map((u) => ({ name: u.name, amounts: u.amounts, extra: u.extra, projects: u.projects.map((p) => [p.name, p.amounts, p.extra, p.indicators.length]) })),
  };
}

function what(d: Diagnostic): string {
  return `${d.ruleId} ${d.messageId} ${d.project ?? ""} ${d.indicator ?? ""} ${JSON.stringify(d.data)}`;
}

function header(text: string): Diagnostic[] {
  return checkInput(text, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "table/header");
}

describe("the two-row header fixture (资金来源 over three columns, repeated at a page break)", () => {
  const doc = only(TWO_ROWS);

  it("combines the two rows: the second row names the columns under the group", () => {
    expect(doc.header).toEqual({
      line: 9,
      columns: [
        { key: "name", name: "项目名称（资金使用单位）", column: 1, index: 0 },
        { key: "total", name: "总计", column: 14, index: 1 },
        { key: "appropriation", name: "财政拨款", column: 3, index: 2, line: 10, group: "资金来源" },
        { key: "specialAccount", name: "财政专户拨款", column: 8, index: 3, line: 10 },
        { key: "other", name: "其他资金", column: 15, index: 4, line: 10 },
        { key: "goal", name: "绩效目标", column: 24, index: 5 },
        { key: "indicators", name: "绩效指标", column: 29, index: 6 },
      ],
    });
  });

  it("reads the seed's amounts, units and projects (the repeated header rows are skipped)", () => {
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(doc.total).toMatchObject({ line: 11, amounts: { total: "15812.52", appropriation: "15812.52" } });
  });

  it("gives the seed's findings and no table/header finding", () => {
    const report = checkInput(TWO_ROWS, { path: "t.txt" });
    expect(report.diagnostics.map(what)).toEqual(checkInput(SEED, { path: "t.txt" }).diagnostics.map(what));
    expect(report.errorCount).toBe(0);
  });

  it("still checks every row's sum against its money columns", () => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00\t\t", "金融交流专项经费\t70.00\t60.00\t\t10.50", TWO_ROWS);
    const sums = checkInput(text, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === "amount/row-sum");
    expect(sums.map((d) => [d.line, d.project ?? d.data.name])).toEqual([[17, "金融交流专项经费"]]);
  });

  it("is read the same from .csv and .xlsx (the second row is the sheet's next row)", async () => {
    const { csv, xlsx } = await writeTableFormats(TWO_ROWS);
    for (const file of [csv, xlsx]) {
      const read = (await parseFile(file)).value[0]!;
      expect(read.header!.columns.map((c) => [c.key, c.line ?? 9])).toEqual(KEYS.map((k, i) => [k, i >= 2 && i <= 4 ? 10 : 9]));
      expect(structure(read)).toEqual(structure(doc));
    }
  });
});

describe("the two-row shapes understood", () => {
  it.each([
    ["资金来源 over 总计 and the three sources", ["项目名称（资金使用单位）\t资金来源\t\t\t\t绩效目标\t绩效指标", "\t总计\t财政拨款\t财政专户拨款\t其他资金\t\t"], 1],
    ["其中 over the three sources", ["项目名称（资金使用单位）\t总计\t其中\t\t\t绩效目标\t绩效指标", "\t\t财政拨款\t财政专户拨款\t其他资金\t\t"], 2],
    ["a second row that repeats the merged cells' text", ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标", HEADER], 2],
    ["the second row with only the sources named (no empty trailing cells)", ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标", "\t\t财政拨款\t财政专户拨款\t其他资金"], 2],
  ])("%s", (_name, rows, grouped) => {
    const doc = only(withHeader(...rows));
    expect(doc.header!.columns.map((c) => c.key)).toEqual(KEYS);
    expect(doc.header!.columns.filter((c) => c.group !== undefined).map((c) => c.index)).toEqual([grouped]);
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(header(withHeader(...rows))).toEqual([]);
  });

  it("an unknown name on the second row is reported at its own row and column, its cells kept", () => {
    const rows = ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标", "\t\t财政拨款\t财政专户拨款\t事业收入\t\t"];
    const text = withHeader(...rows);
    const findings = header(text);
    expect(findings.map((d) => [d.messageId, d.line, d.column, d.endColumn, d.data.name])).toEqual([["unknownColumn", 10, 15, 19, "事业收入"]]);
    const doc = only(text.replace("金融交流专项经费\t70.00\t70.00\t\t", "金融交流专项经费\t70.00\t60.00\t\t10.00"));
    const project = doc.units[0]!.projects.find((p) => p.name === "金融交流专项经费")!;
    expect(project.extra).toEqual({ 事业收入: "10.00" });
  });

  it("a column named on both rows is reported as repeated at the second row's cell", () => {
    const rows = ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t\t绩效目标\t绩效指标", "\t\t总计\t财政拨款\t财政专户拨款\t其他资金\t\t"];
    const findings = header(withHeader(...rows));
    expect(findings.map((d) => [d.messageId, d.line, d.column, d.data.name])).toEqual([["duplicateColumn", 10, 3, "总计"]]);
  });

  it("a required column missing from both rows is reported at the header's first row", () => {
    const rows = ["项目名称（资金使用单位）\t资金来源\t\t\t\t绩效目标\t绩效指标", "\t\t财政拨款\t财政专户拨款\t其他资金\t\t"];
    const findings = header(withHeader(...rows));
    expect(findings.map((d) => [d.messageId, d.line, d.column, d.data.column])).toEqual([
      ["missingColumn", 9, 1, "total"],
      ["unknownColumn", 9, 14, undefined],
    ]);
  });
});

describe("a group over 绩效目标 and 绩效指标 (the performance-group fixture)", () => {
  const doc = only(GROUPED);

  it("combines the two rows although the first names too few columns to be a header alone", () => {
    expect(doc.header!.line).toBe(9);
    expect(doc.header!.columns.map((c) => [c.key, c.name, c.line ?? 9, c.group ?? null])).toEqual([
      ["name", "项目名称（资金使用单位）", 9, null],
      ["total", "总计", 9, null],
      ["appropriation", "财政拨款", 10, "资金来源"],
      ["specialAccount", "财政专户拨款", 10, null],
      ["other", "其他资金", 10, null],
      ["goal", "绩效目标", 10, "绩效信息"],
      ["indicators", "绩效指标", 10, null],
    ]);
    expect(doc.notes).toBeUndefined();
  });

  it("reads and checks as the seed (both rows repeated at the page break are skipped)", () => {
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(checkInput(GROUPED, { path: "t.txt" }).diagnostics.map(what)).toEqual(checkInput(SEED, { path: "t.txt" }).diagnostics.map(what));
  });

  it("is read the same from .csv and .xlsx", async () => {
    const { csv, xlsx } = await writeTableFormats(GROUPED);
    for (const file of [csv, xlsx]) {
      const read = (await parseFile(file)).value;
      expect(read).toHaveLength(1);
      expect(read[0]!.header!.columns.map((c) => c.key)).toEqual(KEYS);
      expect(structure(read[0]!)).toEqual(structure(doc));
    }
  });

  it.each([
    ["绩效目标及指标 (read alone as 绩效目标)", ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标及指标\t", "\t\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"], [2, 5]],
    ["绩效目标和指标", ["项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标和指标\t", "\t\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"], [2, 5]],
    ["绩效信息 and the sources on the first row", ["项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效信息\t", "\t\t\t\t\t绩效目标\t绩效指标"], [5]],
    ["绩效目标及指标 and the sources on the first row", ["项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标及指标\t", "\t\t\t\t\t绩效目标\t绩效指标"], [5]],
    ["资金来源 over 总计 and the sources, 绩效信息", ["项目名称（资金使用单位）\t资金来源\t\t\t\t绩效信息\t", "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"], [1, 5]],
    ["the merged cells' text in every cell of them", ["项目名称（资金使用单位）\t总计\t资金来源\t资金来源\t资金来源\t绩效信息\t绩效信息", HEADER], [2, 3, 4, 5, 6]],
  ])("%s", (_name, rows, grouped) => {
    const text = withHeader(...rows);
    const read = only(text);
    expect(read.header!.columns.map((c) => c.key)).toEqual(KEYS);
    expect(read.header!.columns.filter((c) => c.group !== undefined).map((c) => c.index)).toEqual(grouped);
    expect(structure(read)).toEqual(structure(only(SEED)));
    expect(checkInput(text, { path: "t.txt" }).diagnostics.map(what)).toEqual(checkInput(SEED, { path: "t.txt" }).diagnostics.map(what));
  });

  it("a first row with the group is a preamble line when the next row does not complete the header", () => {
    // No 绩效指标 under the group: no header, so no table.
    const short = withHeader("项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效信息\t", "\t\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t");
    expect(parseTable(short).value).toEqual([]);
    expect(checkInput(short, { path: "t.txt" }).diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "noTable"]]);
    // A line naming 项目名称 and 绩效信息 above a one-row header: kept in the notes, the header read as usual.
    const above = editSeed(HEADER, `项目名称\t绩效信息\n${HEADER}`);
    const doc = only(above);
    expect(doc.header!.line).toBe(10);
    expect(doc.notes).toEqual([
      { line: 9, text: "项目名称" },
      { line: 9, text: "绩效信息" },
    ]);
    expect(structure(doc)).toEqual(structure(only(SEED)));
  });
});

describe("rows that are not a header's second row", () => {
  const top = splitLine("项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标", 9);

  it.each([
    ["合计 under 项目名称", "合计\t15,812.52\t15,812.52\t\t\t\t"],
    ["a row with no name and amounts", "\t15,812.52\t15,812.52\t\t\t\t"],
    ["a unit row", "广州开发区金融工作局\t15,810.92\t15,810.92\t\t\t\t"],
    ["text under the group that is no column name", "\t\t说明\t\t\t\t"],
    ["the first row again (a repeated header)", "项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标"],
  ])("%s", (_name, line) => {
    expect(mergeHeaderRows(top, splitLine(line, 10))).toBeNull();
  });

  it.each([
    ["a project row", "金融交流专项经费\t70.00\t70.00\t\t\t通过组织参展金交会…\t1、1-产出指标；…"],
    ["a goal under the group with its name", "金融交流专项经费\t\t\t\t\t通过组织参展金交会…\t"],
  ])("under a first row with 绩效目标及指标: %s", (_name, line) => {
    const grouped = splitLine("项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标及指标\t", 9);
    expect(mergeHeaderRows(grouped, splitLine(line, 10))).toBeNull();
  });

  it("the seed's one-row header is left as it is", () => {
    const doc = only(SEED);
    expect(doc.header!.columns.every((c) => c.line === undefined && c.group === undefined)).toBe(true);
  });
});
