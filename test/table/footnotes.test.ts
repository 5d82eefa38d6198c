// Note rows (注：…, 说明：…) after a table's last project or between its rows (a page's foot): kept in
// the document as footnotes with their place, never read as a unit or a project, never joined to a
// row; the rest of the table reads and checks as it does without them.
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/api.js";
import { parseTable } from "../../src/table/parse.js";
import type { Diagnostic, FileReport, TableDocument } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import { onlyTable as only } from "../helpers/check.js";
import { writeTableFormats } from "../helpers/convert-fixture.js";
import { editSeed, fixture, SEED } from "../helpers/fixtures.js";

const FOOTNOTES = fixture("layouts/footnotes.txt");
/** The seed ends without a line break. */
const SEED_LINES = `${SEED}\n`;
const TABS = "\t".repeat(6);

/** Units and projects by name, with their money and indicators: what must not change. */
function structure(doc: TableDocument): unknown {
  return {
    total: doc.total?.amounts,
    units: doc.units.map((u) => ({ name: u.name, amounts: u.amounts, projects: u.projects.map((p) => [p.name, p.amounts.total, p.goal, p.indicators.length]) })),
  };
}

function check(text: string): FileReport {
  return checkInput(text, { path: "t.txt" });
}

/** A finding without its place (rows move when lines are added above them). */
function what(d: Diagnostic): string {
  return `${d.ruleId} ${d.messageId} ${d.project ?? ""} ${d.indicator ?? ""} ${JSON.stringify(d.data)}`;
}

describe("the footnotes fixture (the seed with notes between rows and after the last project)", () => {
  const doc = only(FOOTNOTES);

  it("keeps every note with its line and column; a note's continuation lines join it", () => {
    expect(doc.footnotes).toEqual([
      { text: "注：本页金额单位为万元，下页续。", line: 20, column: 1 },
      { text: "说明：以下为下属事业单位的项目。", line: 28, column: 1 },
      { text: "注：1.本表金额单位为万元，保留两位小数。\n2.“其他资金”含上年结转资金和单位自有资金。", line: 32, column: 1, endLine: 33 },
      { text: "说明：数据来源于2024年部门预算编制系统，\n按项目支出绩效目标申报口径汇总。", line: 34, column: 1, endLine: 35 },
    ]);
  });

  it("reads the seed's 合计, units and projects (the row after each note too)", () => {
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(doc.units.map((u) => [u.name, u.line])).toEqual([
      ["广州开发区金融工作局", 11],
      ["广州开发区金融工作服务中心", 29],
    ]);
    // The project after the mid-table note, and the last one before the notes at the end.
    expect(doc.units[0]!.projects.map((p) => p.line)).toContain(22);
    expect(doc.units[1]!.projects[0]).toMatchObject({ name: "综合工作经费", line: 30 });
    expect(doc.units[1]!.projects[0]!.indicatorsRaw).toBeUndefined();
  });

  it("gives the seed's findings, at the same rows, and none at a note", () => {
    const report = check(FOOTNOTES);
    expect(report.diagnostics.map(what)).toEqual(check(SEED).diagnostics.map(what));
    expect([report.errorCount, report.warningCount, report.infoCount]).toEqual([0, 8, 9]);
    const noteLines = new Set([20, 28, 32, 33, 34, 35]);
    expect(report.diagnostics.filter((d) => noteLines.has(d.line))).toEqual([]);
  });

  it("still checks the roll-ups across a note", () => {
    // The first project after the mid-table note, 0.10 more: its unit no longer adds up.
    const text = editSeed("广州市年度巨灾指数保险经费\t124.46\t124.46", "广州市年度巨灾指数保险经费\t124.56\t124.56", FOOTNOTES);
    const rollup = check(text).diagnostics.filter((d) => d.ruleId === "amount/unit-rollup");
    expect(rollup.map((d) => [d.line, d.data.name, d.data.column])).toEqual([
      [11, "广州开发区金融工作局", "total"],
      [11, "广州开发区金融工作局", "appropriation"],
    ]);
  });

  it("is read the same from .csv and .xlsx, with each note's cell", async () => {
    const { csv, xlsx } = await writeTableFormats(FOOTNOTES);
    const fromCsv = (await parseFile(csv)).value[0]!;
    const fromXlsx = (await parseFile(xlsx)).value[0]!;
    expect(fromCsv.footnotes!.map((n) => [n.text, n.line, n.ref])).toEqual(doc.footnotes!.map((n) => [n.text, n.line, `A${n.line}`]));
    expect(fromXlsx.footnotes!.map((n) => [n.text, n.line, n.ref])).toEqual(doc.footnotes!.map((n) => [n.text, n.line, `绩效目标表!A${n.line}`]));
    expect(structure(fromCsv)).toEqual(structure(doc));
    expect(structure(fromXlsx)).toEqual(structure(doc));
  });
});

describe("what makes a note row", () => {
  it.each([
    ["注：本表金额单位为万元。"],
    ["注:本表金额单位为万元。"],
    ["注 ：本表金额单位为万元。"],
    ["注1：本表金额单位为万元。"],
    ["注１.本表金额单位为万元。"],
    ["说明：数据来源于部门预算。"],
    ["说明2：数据来源于部门预算。"],
    ["备注：数据来源于部门预算。"],
    ["附注：数据来源于部门预算。"],
    ["填表说明：金额保留两位小数。"],
    ["说明：本表依据《项目支出绩效目标表》填报。"], // (names a table, yet starts no new one)
  ])("%s after the last project: a footnote, not a unit", (note) => {
    for (const row of [note, note + TABS, "\t\t\t\t\t" + note + "\t"]) {
      const doc = only(`${SEED_LINES}${row}\n`);
      expect(doc.footnotes).toEqual([{ text: note, line: 29, column: row.startsWith("\t") ? 6 : 1 }]);
      expect(structure(doc)).toEqual(structure(only(SEED)));
    }
  });

  it.each([
    ["说明书印制经费", "a name starting with 说明 (no colon)"],
    ["备注信息系统运维经费", "a name starting with 备注"],
    ["注册资本金注入", "a name starting with 注"],
    ["注：", "a note's marker with text in two other cells"],
  ])("%s (%s) is read as a row", (name) => {
    // A bare row after the last unit's project: its amounts make it a project of that unit.
    const doc = only(`${SEED_LINES}${name}\t0.00\t0.00\t\t\t\t补充说明\n`);
    expect(doc.footnotes).toBeUndefined();
    expect(doc.units.at(-1)!.projects.map((p) => p.name)).toEqual(["综合工作经费", name]);
  });

  it.each([
    ["注：", "本表金额单位为万元。"],
    ["注1.", "本表金额单位为万元。"],
    ["说明：", "数据来源于部门预算。"],
    ["填表说明：", "金额保留两位小数。"],
  ])("%s with its text in the next cell (a spreadsheet's layout) is one footnote, not a unit", (label, note) => {
    for (const row of [`${label}\t${note}`, `${label}\t${note}\t\t\t\t\t`, `${label}\t\t${note}\t\t\t\t`]) {
      const text = `${SEED_LINES}${row}\n`;
      const doc = only(text);
      expect(doc.footnotes).toEqual([{ text: label + note, line: 29, column: 1 }]);
      expect(structure(doc)).toEqual(structure(only(SEED)));
      expect(check(text).diagnostics.map(what)).toEqual(check(SEED).diagnostics.map(what));
    }
  });

  it("a note in two cells is read the same from .csv and .xlsx, at its label's cell", async () => {
    const { csv, xlsx } = await writeTableFormats(`${SEED_LINES}注：\t本表金额单位为万元。\n`);
    for (const [file, ref] of [[csv, "A29"], [xlsx, "绩效目标表!A29"]] as const) {
      const doc = (await parseFile(file)).value[0]!;
      expect(doc.footnotes).toEqual([{ text: "注：本表金额单位为万元。", line: 29, column: 1, ref }]);
      expect(structure(doc)).toEqual(structure(only(SEED)));
    }
  });

  it("a note in two cells between a unit's projects, continued under its text, leaves the unit whole", () => {
    const text = editSeed("金融交流专项经费\t70.00", `注：\t1.本页金额单位为万元。${"\t".repeat(5)}\n\t2.下页续。${"\t".repeat(5)}\n金融交流专项经费\t70.00`);
    const doc = only(text);
    expect(doc.footnotes).toEqual([{ text: "注：1.本页金额单位为万元。\n2.下页续。", line: 16, column: 1, endLine: 17 }]);
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(check(text).diagnostics.map(what)).toEqual(check(SEED).diagnostics.map(what));
  });

  it("a numbered line continues a note; the row after it with more than one cell is read as a row", () => {
    const text = editSeed("金融交流专项经费\t70.00", "注：下页续。\n2.以下为第二页\n金融交流专项经费\t70.00");
    const doc = only(text);
    expect(doc.footnotes).toEqual([{ text: "注：下页续。\n2.以下为第二页", line: 16, column: 1, endLine: 17 }]);
    expect(structure(doc)).toEqual(structure(only(SEED)));
    expect(doc.units[0]!.projects.find((p) => p.name === "金融交流专项经费")!.line).toBe(18);
  });

  it("a line with tabs that is not a numbered item is read as a row after a note (as without the note)", () => {
    const doc = only(`${SEED_LINES}注：下页续。\n数据来源于部门预算。${TABS}\n`);
    expect(doc.footnotes).toEqual([{ text: "注：下页续。", line: 29, column: 1 }]);
    expect(doc.units.map((u) => u.name)).toEqual(["广州开发区金融工作局", "广州开发区金融工作服务中心", "数据来源于部门预算。"]);
  });

  it("a title after a note starts the next table (it does not continue the note)", () => {
    const result = parseTable(`${SEED_LINES}注：1.本表金额单位为万元。\n${SEED}`);
    expect(result.value).toHaveLength(2);
    const [first, second] = result.value;
    expect(first!.footnotes).toEqual([{ text: "注：1.本表金额单位为万元。", line: 29, column: 1 }]);
    expect(second!.title).toBe("项目支出绩效目标表（含转移支付项目）");
    expect(second!.footnotes).toBeUndefined();
    expect(structure(second!)).toEqual(structure(only(SEED)));
  });

  it("a note between the header and 合计 leaves 合计 read", () => {
    const doc = only(editSeed("合计\t15,812.52", "注：金额单位为万元。\n合计\t15,812.52"));
    expect(doc.footnotes).toEqual([{ text: "注：金额单位为万元。", line: 10, column: 1 }]);
    expect(doc.total?.line).toBe(11);
    expect(structure(doc)).toEqual(structure(only(SEED)));
  });

  it("in a table without unit rows a note is no project without goal and indicators", () => {
    const flat = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92\t\t\t\t\n", "").replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n", "");
    const text = editSeed("金融交流专项经费\t70.00", "注：下页续。\n金融交流专项经费\t70.00", flat) + "\n备注：本表不含转移支付。\n";
    const doc = only(text);
    expect(doc.footnotes!.map((n) => n.text)).toEqual(["注：下页续。", "备注：本表不含转移支付。"]);
    expect(structure(doc)).toEqual(structure(only(flat)));
    expect(check(text).diagnostics.map(what)).toEqual(check(flat).diagnostics.map(what));
  });
});
