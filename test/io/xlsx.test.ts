// Tests of the .xlsx reader: the seed saved as a workbook reads into the same document and findings
// as the text; sheet choice, cell text as shown (number formats, formulas, merges), broken files, .xls.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { applyBaseline, createBaseline } from "../../src/validate/baseline.js";
import { runCli } from "../helpers/cli.js";
import { Decimal } from "decimal.js";
import { formatNumber, readXlsxSheets, showNumber } from "../../src/io/xlsx.js";
import type { Diagnostic, TableDocument } from "../../src/types.js";
import { makeTempDir, sheetsToXlsx, tsvToXlsx, withoutColumns, writeTableFormats } from "../helpers/convert-fixture.js";
import { editSeed, SEED } from "../helpers/fixtures.js";
import { withChartSheet } from "../helpers/zip.js";

function findingKeys(ds: Diagnostic[]) {
  return ds.map((d) => ({ ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, line: d.line, endLine: d.endLine, project: d.project, indicator: d.indicator, data: d.data }));
}

async function bookBytes(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function writeTemp(name: string, content: Uint8Array | string): string {
  const path = join(makeTempDir(), name);
  writeFileSync(path, content);
  return path;
}

describe("the seed as .xlsx", () => {
  test("gives the same document as the tab-separated seed, except columns and refs", async () => {
    const f = await writeTableFormats();
    const txt = await parseFile(f.txt);
    const xlsx = await parseFile(f.xlsx);
    expect(xlsx.diagnostics).toEqual([]);
    expect(withoutColumns(xlsx.value)).toEqual(withoutColumns(txt.value));
    const doc = xlsx.value[0]!;
    // Amounts are numbers formatted #,##0.00 in the sheet: shown, and so published, as in the text.
    expect(doc.total).toMatchObject({ line: 10, amountsRaw: { total: "15,812.52" }, amounts: { total: "15812.52" }, ref: "绩效目标表!A10" });
    const project = doc.units[0]!.projects[0]!;
    expect(project).toMatchObject({ name: "金融发展专项资金", line: 12, ref: "绩效目标表!A12", nameColumn: 1, indicatorsColumn: 7, amountColumns: { total: 2, appropriation: 3 } });
    expect(project.indicators[0]).toMatchObject({ line: 12, column: 7 });
  });

  test("gives the same findings (rule, line, project, data) as the seed", async () => {
    const f = await writeTableFormats();
    const txt = await checkFile(f.txt);
    const xlsx = await checkFile(f.xlsx);
    expect(txt.diagnostics.length).toBeGreaterThan(0);
    expect(findingKeys(xlsx.diagnostics)).toEqual(findingKeys(txt.diagnostics));
    // The same tables, the workbook's naming its sheet.
    expect(xlsx.tables).toEqual(txt.tables!.map((t) => ({ ...t, sheet: "绩效目标表" })));
    expect(xlsx.encoding).toBe("utf-8");
  });

  test("findings name their sheet and cell", async () => {
    const f = await writeTableFormats();
    const xlsx = await checkFile(f.xlsx);
    const refs = xlsx.diagnostics.map((d) => `${d.ruleId} ${d.ref}`);
    // project rows are reported at the name cell, target findings in the 绩效指标 cell (column G)
    expect(refs).toContain("project/missing-satisfaction 绩效目标表!A14");
    expect(refs).toContain("indicator/vacuous-target 绩效目标表!G21");
    expect(xlsx.diagnostics.every((d) => d.ref !== undefined)).toBe(true);
    const { formatJson } = await import("../../src/reporters/json.js");
    const json = JSON.parse(formatJson([xlsx], { lang: "en", color: false, cwd: "/" }));
    expect(json.files[0].diagnostics[0].ref).toMatch(/^绩效目标表!/);
    const { formatPretty } = await import("../../src/reporters/pretty.js");
    expect(formatPretty([xlsx], { lang: "en", color: false, cwd: "/" })).toMatch(/:14:1 \(绩效目标表!A14\) {2}warning/);
    const csv = await checkFile(f.csv);
    expect(csv.diagnostics.map((d) => `${d.ruleId} ${d.ref}`)).toContain("indicator/vacuous-target G21");
  });

  test("indicator cells with line breaks (Alt+Enter): findings stay on the cell's row and name that cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    ws.eachRow((row) => {
      const cell = row.getCell(7);
      if (typeof cell.value === "string") cell.value = cell.value.replace(/。(?=\d+、)/g, "。\n");
    });
    const broken = await checkFile(writeTemp("breaks.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())));
    const plain = await checkFile((await writeTableFormats()).xlsx);
    // The same findings at the same rows and cells; only columns inside the cells move (one per break).
    const keys = (ds: Diagnostic[]) => ds.map((d) => [d.ruleId, d.line, d.endLine, d.ref, d.project, d.indicator]);
    expect(keys(broken.diagnostics)).toEqual(keys(plain.diagnostics));
    expect(broken.diagnostics.every((d) => d.ref === `绩效目标表!${d.ref!.replace(/^.*!([A-Z]+)\d+$/, "$1")}${d.line}`)).toBe(true);
    const doc = (await parseFile(writeTemp("breaks.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())))).value[0]!;
    const second = doc.units[0]!.projects[0]!.indicators[1]!;
    expect(second).toMatchObject({ line: 12 });
    expect(second.raw).toMatch(/^\n2、/);
  });

  test("a column after 绩效指标 (备注): findings inside the 绩效指标 cell still name that cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    ws.getCell("H9").value = "备注";
    ws.eachRow((row, n) => {
      if (n > 11 && row.getCell(7).value !== null) row.getCell(8).value = "已审核";
    });
    const report = await checkFile(writeTemp("remark.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())));
    const plain = await checkFile((await writeTableFormats()).xlsx);
    const refs = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId !== "table/header").map((d) => [d.ruleId, d.line, d.ref]);
    expect(refs(report.diagnostics)).toEqual(refs(plain.diagnostics));
    expect(report.diagnostics.find((d) => d.ruleId === "indicator/vacuous-target")!.ref).toBe("绩效目标表!G21");
  });

  test("a workbook with very many findings (kept compactly) still names each finding's cell", async () => {
    const f = await writeTableFormats();
    const plain = await checkFile(f.xlsx);
    // Past 5 findings the runner keeps them compactly (the real threshold is 100,000).
    const compact = await checkFile(f.xlsx, { compactAfter: 5 });
    expect(compact.eachDiagnostic).toBeDefined();
    const refs = (ds: Iterable<Diagnostic>) => [...ds].map((d) => [d.ruleId, d.line, d.ref]);
    expect(refs(compact.eachDiagnostic!())).toEqual(refs(plain.diagnostics));
    expect(refs(compact.diagnostics)).toEqual(refs(plain.diagnostics));
    const { formatJson } = await import("../../src/reporters/json.js");
    expect(formatJson([compact], { lang: "en", color: false, cwd: "/" })).toBe(formatJson([plain], { lang: "en", color: false, cwd: "/" }));
    const csv = await checkFile(f.csv, { compactAfter: 5 });
    expect([...csv.eachDiagnostic!()].every((d) => d.ref !== undefined)).toBe(true);
  });

  test("the first sheet with a table header is chosen over an unrelated first sheet", async () => {
    const read = await readXlsxSheets(await tsvToXlsx(SEED));
    expect(read.value.map((s) => s.name)).toEqual(["绩效目标表"]);
    expect(read.diagnostics).toEqual([]);
    expect(read.value[0]!.rows[0]).toMatchObject({ line: 3, cells: [{ text: "项目支出绩效目标表（含转移支付项目）", line: 3, column: 1, ref: "绩效目标表!A3" }] });
  });

  test("a sheet in view is chosen over a hidden one that comes first (a template with the header only)", async () => {
    const lines = SEED.split("\n");
    const header = lines.findIndex((l) => l.startsWith("项目名称"));
    const bytes = await bookBytes((wb) => {
      const template = wb.addWorksheet("模板", { state: "hidden" });
      lines.slice(0, header + 1).forEach((line, i) => line.split("\t").forEach((cell, k) => cell && (template.getCell(i + 1, k + 1).value = cell)));
      const ws = wb.addWorksheet("绩效目标表");
      lines.forEach((line, i) => line.split("\t").forEach((cell, k) => cell && (ws.getCell(i + 1, k + 1).value = cell)));
    });
    const read = await readXlsxSheets(bytes);
    expect(read.value.map((s) => s.name)).toEqual(["绩效目标表"]);
    const report = await checkFile(writeTemp("hidden-template.xlsx", bytes));
    expect(report.diagnostics.some((d) => d.ruleId === "table/empty")).toBe(false);
    expect(report.tables).toHaveLength(1);
    // Named, a hidden sheet is still read.
    expect((await readXlsxSheets(bytes, "模板")).value.map((s) => s.name)).toEqual(["模板"]);
  });

  test("keepSource has nothing to keep for a workbook", async () => {
    const f = await writeTableFormats();
    expect((await checkFile(f.xlsx, { keepSource: true })).source).toBeUndefined();
  });
});

describe("choosing the sheet", () => {
  const other = editSeed("部门名称：广州开发区金融工作局（部门）", "部门名称：另一部门");
  const twoTables = () =>
    bookBytes((wb) => {
      for (const [name, text] of [
        ["说明", "导出说明"],
        ["2023", SEED],
        ["2024 调整", other],
      ] as const) {
        const ws = wb.addWorksheet(name);
        text.split("\n").forEach((line, i) => line.split("\t").forEach((cell, k) => cell && (ws.getCell(i + 1, k + 1).value = cell)));
      }
    });

  test("--sheet picks the named sheet; refs quote a name with a space", async () => {
    const path = writeTemp("two.xlsx", await twoTables());
    const doc = (await parseFile(path, { sheet: "2024 调整" })).value[0]!;
    expect(doc.department).toBe("另一部门");
    expect(doc.units[0]!.projects[0]!.ref).toBe("'2024 调整'!A12");
    expect((await parseFile(path)).value[0]!.department).toBe("广州开发区金融工作局（部门）");
  });

  test("without --sheet every sheet in view with a table is read, in the workbook's order", async () => {
    const path = writeTemp("two.xlsx", await twoTables());
    const report = await checkFile(path);
    expect(report.tables!.map((t) => t.department)).toEqual(["广州开发区金融工作局（部门）", "另一部门"]);
    // Each sheet's findings as when it is read alone, the first sheet's first (rows of both start at 1).
    const first = (await checkFile(path, { sheet: "2023" })).diagnostics;
    const second = (await checkFile(path, { sheet: "2024 调整" })).diagnostics;
    expect(first.length).toBeGreaterThan(0);
    expect(report.diagnostics).toEqual([...first, ...second]);
    expect(report.diagnostics.map((d) => d.ref!.replace(/!.*/, ""))).toEqual([...first.map(() => "'2023'"), ...second.map(() => "'2024 调整'")]);
    // The seed's 8 warnings and 9 infos, on each sheet.
    expect([report.errorCount, report.warningCount, report.infoCount]).toEqual([0, 16, 18]);
    const docs = (await parseFile(path)).value;
    expect(docs.map((d) => [d.sheet, d.department, d.units[0]!.projects[0]!.ref])).toEqual([
      ["2023", "广州开发区金融工作局（部门）", "'2023'!A12"],
      ["2024 调整", "另一部门", "'2024 调整'!A12"],
    ]);
    // Named, one sheet is read.
    expect((await parseFile(path, { sheet: "2023" })).value.map((d) => d.sheet)).toEqual(["2023"]);
  });

  test("a sheet per department: an error on the second sheet fails the check; a sheet without preamble is a table of its own", async () => {
    const lines = SEED.split("\n");
    const header = lines.findIndex((l) => l.startsWith("项目名称"));
    // 教育局: the header on row 1, no title, 部门名称 or 单位, and a 合计 that does not add up.
    const bare = lines.slice(header).join("\n").replace("合计\t15,812.52\t15,812.52", "合计\t15,900.00\t15,900.00");
    const path = writeTemp("departments.xlsx", await sheetsToXlsx([["金融工作局", SEED], ["教育局", bare]]));
    const report = await checkFile(path);
    expect(report.tables).toHaveLength(2);
    const onSecond = report.diagnostics.filter((d) => d.ref!.startsWith("教育局!"));
    expect(onSecond.filter((d) => d.severity === "error").map((d) => [d.ruleId, d.ref])).toEqual([
      ["amount/total-rollup", "教育局!B2"],
      ["amount/total-rollup", "教育局!C2"],
    ]);
    expect(onSecond.filter((d) => d.ruleId === "table/preamble").map((d) => [d.messageId, d.line])).toEqual([
      ["missingTitle", 1],
      ["missingDepartment", 1],
      ["missingMoneyUnit", 1],
    ]);
    expect(report.errorCount).toBe(2);
    // The second sheet's rows are not taken for rows of the first table after a repeated header.
    const docs = (await parseFile(path)).value;
    expect(docs.map((d) => [d.sheet, d.department, d.units.length, d.units[0]!.projects.length])).toEqual([
      ["金融工作局", "广州开发区金融工作局（部门）", 2, 12],
      ["教育局", null, 2, 12],
    ]);
  });

  test("findings of several sheets kept compactly (very many) come in the same order", async () => {
    const path = writeTemp("two.xlsx", await twoTables());
    const plain = await checkFile(path);
    const compact = await checkFile(path, { compactAfter: 5 });
    expect(compact.eachDiagnostic).toBeDefined();
    const keys = (ds: Iterable<Diagnostic>) => [...ds].map((d) => [d.ruleId, d.line, d.ref]);
    expect(keys(compact.eachDiagnostic!())).toEqual(keys(plain.diagnostics));
    expect(keys(compact.diagnostics)).toEqual(keys(plain.diagnostics));
    expect([compact.errorCount, compact.warningCount, compact.infoCount]).toEqual([plain.errorCount, plain.warningCount, plain.infoCount]);
  });

  test("an unknown sheet name: one ioError finding listing the sheets, no throw", async () => {
    const path = writeTemp("two.xlsx", await twoTables());
    const report = await checkFile(path, { sheet: "2025" });
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "ioError", data: { reason: "no sheet named 2025 (sheets: 说明, 2023, 2024 调整)" } });
    const parsed = await parseFile(path, { sheet: "2025" });
    expect(parsed.value).toEqual([]);
    expect(parsed.diagnostics.map((d) => d.data.reason)).toEqual(["no sheet named 2025 (sheets: 说明, 2023, 2024 调整)"]);
  });

  test("a chart sheet asked for by name: said to be a chart sheet without cells (en, zh), not missing", async () => {
    const path = writeTemp("chart.xlsx", await withChartSheet(await twoTables(), "图表1"));
    for (const sheet of ["图表1", " 图表1 "]) {
      const report = await checkFile(path, { sheet });
      expect(report.diagnostics).toHaveLength(1);
      expect(report.diagnostics[0]!.data).toMatchObject({
        reason: "sheet 图表1 is a chart sheet, not a worksheet: it has no cells to read (worksheets: 说明, 2023, 2024 调整)",
        reasonZh: "工作表“图表1”是图表工作表，不是普通工作表，没有可读取的单元格（现有工作表：说明、2023、2024 调整）",
      });
    }
    const zh = await runCli(["convert", path, "--sheet", "图表1", "--lang", "zh"]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain("图表1”是图表工作表");
    // The workbook's worksheets are read as before; another unknown name is still unknown.
    expect((await parseFile(path)).value.map((d) => d.sheet)).toEqual(["2023", "2024 调整"]);
    expect((await checkFile(path, { sheet: "2025" })).diagnostics[0]!.data.reason).toBe("no sheet named 2025 (sheets: 说明, 2023, 2024 调整)");
    // A workbook of a chart sheet alone: not "no sheets".
    const alone = writeTemp("chart-only.xlsx", await withChartSheet(await bookBytes(() => {}), "图表1"));
    expect((await checkFile(alone)).diagnostics.map((d) => [d.data.reason, d.data.reasonZh])).toEqual([
      [
        "not a readable .xlsx file: the workbook has no worksheet, only chart sheets or other sheets without cells (图表1)",
        "不是可读取的 .xlsx 文件：工作簿中没有普通工作表，只有图表工作表等没有单元格的工作表（图表1）",
      ],
    ]);
  });

  test("a named sheet without a table gets noTable", async () => {
    const path = writeTemp("two.xlsx", await twoTables());
    const report = await checkFile(path, { sheet: "说明" });
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId, d.data.sheet])).toEqual([["input/unreadable", "noTableOnSheet", "说明"]]);
  });

  test("without any table header the first sheet is read", async () => {
    const bytes = await bookBytes((wb) => {
      wb.addWorksheet("甲").getCell("A1").value = "第一";
      wb.addWorksheet("乙").getCell("A1").value = "第二";
    });
    const read = await readXlsxSheets(bytes);
    expect(read.value.map((s) => s.name)).toEqual(["甲"]);
    expect(read.value[0]!.rows.map((r) => r.cells[0]!.text)).toEqual(["第一"]);
  });
});

describe("a workbook of several sheets in every output", () => {
  const lines = SEED.split("\n");
  const header = lines.findIndex((l) => l.startsWith("项目名称"));
  // 教育局: the header on row 1, a 合计 that does not add up (two errors on row 2).
  const bare = lines.slice(header).join("\n").replace("合计\t15,812.52\t15,812.52", "合计\t15,900.00\t15,900.00");
  // 金融工作局: a 合计 that does not add up either (two errors on row 10).
  const finance = SEED.replace("合计\t15,812.52\t15,812.52", "合计\t15,800.00\t15,800.00");
  const sheetOf = (ref: string | undefined) => ref!.slice(0, ref!.indexOf("!"));

  test("findings stay grouped by sheet through a baseline and --quiet", async () => {
    const path = writeTemp("departments.xlsx", await sheetsToXlsx([["金融工作局", finance], ["教育局", bare]]));
    const report = await checkFile(path);
    const order = report.diagnostics.map((d) => sheetOf(d.ref));
    expect(order.indexOf("教育局")).toBeGreaterThan(0);
    expect(order.lastIndexOf("金融工作局")).toBeLessThan(order.indexOf("教育局"));
    // A baseline that accepts nothing leaves the report as it was.
    const filtered = applyBaseline([report], { version: 1, entries: [] })[0]!;
    expect(filtered.diagnostics.map((d) => d.ref)).toEqual(report.diagnostics.map((d) => d.ref));
    // --quiet: the errors, 金融工作局's before 教育局's (rows 10 and 2).
    const quiet = await runCli(["check", path, "--quiet", "-f", "json"]);
    const errors = (JSON.parse(quiet.stdout) as { files: { diagnostics: Diagnostic[] }[] }).files[0]!.diagnostics;
    expect(errors.map((d) => d.ref)).toEqual(["金融工作局!B10", "金融工作局!C10", "教育局!B2", "教育局!C2"]);
  });

  test("a sheet whose header is more than 1,000 rows down: the finding names the sheet, the other sheets are read", async () => {
    const notes = Array.from({ length: 1001 }, (_, i) => `填报口径说明第${i + 1}条`).join("\n");
    const path = writeTemp("far.xlsx", await sheetsToXlsx([["金融工作局", finance], ["附表", `${notes}\n${SEED}`]]));
    const report = await checkFile(path);
    const unreadable = report.diagnostics.filter((d) => d.ruleId === "input/unreadable");
    expect(unreadable.map((d) => [d.messageId, d.data, d.ref])).toEqual([["noTableWithinSheet", { line: "1001", sheet: "附表" }, "附表!A1"]]);
    expect(report.tables!.map((t) => t.department)).toEqual(["广州开发区金融工作局（部门）"]);
    expect(report.diagnostics.at(-1)).toBe(unreadable[0]);
    const check = await runCli(["check", path, "--lang", "en"]);
    expect(check.stdout).toContain(
      "(附表!A1)  error    no performance table read on sheet 附表: no header row with 项目名称, 总计, 绩效目标 and 绩效指标 by row 1001, and the rest of the sheet was not read",
    );
    const convert = await runCli(["convert", path, "--lang", "zh"]);
    expect(convert.stderr).toContain(`far.xlsx:1:1 (附表!A1)  错误  工作表“附表”中没有读到绩效目标表：到第 1001 行仍未找到`);
    expect((JSON.parse(convert.stdout) as TableDocument).sheet).toBe("金融工作局");
  });

  test("a baseline names the sheet: a finding accepted on one sheet does not hide the same on another", async () => {
    const renamed = editSeed("综合工作经费", "综合经费");
    const before = writeTemp("before.xlsx", await sheetsToXlsx([["甲", SEED], ["乙", renamed]]));
    const baseline = createBaseline([await checkFile(before)]);
    expect(baseline.entries.find((e) => e.project === "综合工作经费" && e.ruleId === "project/missing-satisfaction")).toEqual({
      file: before,
      sheet: "甲",
      ruleId: "project/missing-satisfaction",
      project: "综合工作经费",
      count: 1,
    });
    // The sheets' tables swapped in the same file: each of the two projects' findings is on the other sheet now, so new.
    const swapped = before;
    writeFileSync(swapped, await sheetsToXlsx([["甲", renamed], ["乙", SEED]]));
    const kept = applyBaseline([await checkFile(swapped)], baseline)[0]!;
    const projects = [...new Set(kept.diagnostics.map((d) => `${sheetOf(d.ref)} ${d.project}`))];
    expect(projects).toEqual(["甲 综合经费", "乙 综合工作经费"]);
    // A baseline of entries without sheets (written before) still accepts a workbook's findings.
    const old = { version: 1 as const, entries: baseline.entries.map(({ sheet: _sheet, ...e }) => e) };
    expect(applyBaseline([await checkFile(swapped)], old)[0]!.diagnostics).toEqual([]);
  });
});

describe("cell text as the sheet shows it", () => {
  test("formulas, rich text, dates, booleans, hyperlinks, errors and merged cells", async () => {
    const bytes = await bookBytes((wb) => {
      const ws = wb.addWorksheet("表");
      ws.getCell("A1").value = { formula: "B1+C1", result: 15812.52 };
      ws.getCell("B1").value = { richText: [{ text: "金融" }, { font: { bold: true }, text: "发展" }] };
      ws.getCell("C1").value = new Date(Date.UTC(2024, 11, 31));
      ws.getCell("D1").value = true;
      ws.getCell("E1").value = { text: "链接", hyperlink: "https://example.org" };
      ws.getCell("F1").value = { error: "#DIV/0!" };
      ws.getCell("G1").value = 0.1 + 0.2;
      ws.getCell("A2").value = "  合并单元格\u3000";
      ws.mergeCells("A2:C3");
      ws.getCell("D3").value = { formula: "A1*2", result: 31625.04 };
      ws.getCell("D3").numFmt = "#,##0.00";
    });
    const rows = (await readXlsxSheets(bytes)).value[0]!.rows;
    expect(rows.map((r) => [r.line, r.cells.map((c) => c.text)])).toEqual([
      [1, ["15812.52", "金融发展", "2024-12-31", "TRUE", "链接", "#DIV/0!", "0.3"]],
      [2, ["合并单元格"]],
      [3, ["", "", "", "31,625.04"]],
    ]);
    expect(rows[2]!.cells[3]).toMatchObject({ line: 3, column: 4, ref: "表!D3" });
  });

  test("a 绩效目标 or 绩效指标 cell merged down over several projects is theirs, at the merged cell: no false missing-goal", async () => {
    // Three projects sharing one goal (F12:F14 merged), two sharing one list of indicators (G16:G17).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    const goal = ws.getCell("F12").text;
    const indicators = ws.getCell("G16").text;
    for (const ref of ["F13", "F14", "G17"]) ws.getCell(ref).value = null;
    ws.mergeCells("F12:F14");
    ws.mergeCells("G16:G17");
    // A unit name merged down over its project: the project has no name of its own (not the unit's).
    ws.getCell("A28").value = null;
    ws.mergeCells("A27:A28");
    const path = writeTemp("merged-down.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const report = await checkFile(path);
    const rules = report.diagnostics.map((d) => `${d.ruleId} ${d.ref}`);
    expect(rules.filter((r) => /missing-(goal|indicators)/.test(r))).toEqual([]);
    expect(rules).toContain("project/missing-name 绩效目标表!A28");
    const projects = (await parseFile(path)).value[0]!.units[0]!.projects;
    const byLine = (line: number) => projects.find((p) => p.line === line)!;
    // The goal is each project's; where it is written (F12) is kept: positions stay exact.
    expect([12, 13, 14].map((l) => [byLine(l).goal, byLine(l).goalColumn, byLine(l).goalLine])).toEqual([
      [goal, 6, undefined],
      [goal, 6, 12],
      [goal, 6, 12],
    ]);
    expect(byLine(17).indicators.map((i) => [i.seq, i.line, i.column])).toEqual(byLine(16).indicators.map((i) => [i.seq, i.line, i.column]));
    expect(byLine(17)).toMatchObject({ indicatorsColumn: 7, indicatorsLine: 16 });
    expect(byLine(17).indicators.map((i) => i.raw).join("。") + "。").toBe(indicators);
    // Findings on the shared indicators are made for each project and name the cell the text is in.
    const noUnit = report.diagnostics.filter((d) => d.ruleId === "indicator/no-unit" && d.indicator === "参加大型金融展会");
    expect(noUnit.map((d) => [d.project, d.line, d.ref])).toEqual([
      ["金融交流专项经费", 16, "绩效目标表!G16"],
      ["金融工作业务经费", 16, "绩效目标表!G16"],
    ]);
  });

  test("line breaks and tabs around a cell's text are trimmed like spaces (合计 with an Alt+Enter after it is still 合计)", async () => {
    const lines = SEED.split("\n");
    const bytes = await bookBytes((wb) => {
      const ws = wb.addWorksheet("绩效目标表");
      lines.forEach((line, i) =>
        line.split("\t").forEach((cell, k) => {
          if (cell === "") return;
          // every name, goal and indicator cell under the header gets a line break before and after
          ws.getCell(i + 1, k + 1).value = i >= 9 && [0, 5, 6].includes(k) ? `\n${cell}\r\n\t` : cell;
        }),
      );
    });
    const report = await checkFile(writeTemp("breaks-around.xlsx", bytes));
    const plain = await checkFile((await writeTableFormats()).xlsx);
    const keys = (ds: Diagnostic[]) => ds.map((d) => [d.ruleId, d.line, d.column, d.ref?.replace(/^.*!/, ""), d.project, d.indicator]);
    expect(keys(report.diagnostics)).toEqual(keys(plain.diagnostics));
    const doc = (await parseFile(writeTemp("breaks-around.xlsx", bytes))).value[0]!;
    expect(doc.total?.line).toBe(10);
    expect(doc.units[0]!.projects[0]!.name).toBe("金融发展专项资金");
  });

  test("a formula saved without its result reads as its formula, never as an empty cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    ws.getCell("B10").value = { formula: "B11+B27", result: 15812.52 } as ExcelJS.CellFormulaValue;
    ws.getCell("C10").value = { formula: "C11+C27" } as ExcelJS.CellFormulaValue;
    ws.getCell("C11").value = { formula: "SUM(C12:C26)", shareType: "shared", ref: "C11:C12" } as ExcelJS.CellFormulaValue;
    ws.getCell("C12").value = { sharedFormula: "C11" } as ExcelJS.CellSharedFormulaValue;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const rows = (await readXlsxSheets(bytes)).value[0]!.rows;
    const text = (line: number, column: number) => rows.find((r) => r.line === line)!.cells[column - 1]!.text;
    expect([text(10, 2), text(10, 3), text(11, 3), text(12, 3)]).toEqual(["15,812.52", "=C11+C27", "=SUM(C12:C26)", "=SUM(C13:C27)"]);
    const report = await checkFile(writeTemp("uncalculated.xlsx", bytes));
    const format = report.diagnostics.filter((d) => d.ruleId === "amount/format").map((d) => [d.ref, d.data.text]);
    expect(format).toEqual([
      ["绩效目标表!C10", "=C11+C27"],
      ["绩效目标表!C11", "=SUM(C12:C26)"],
      ["绩效目标表!C12", "=SUM(C13:C27)"],
    ]);
    // Not taken for "no money": no roll-up or row-sum finding built on an empty 财政拨款.
    expect(report.diagnostics.filter((d) => /rollup|row-sum/.test(d.ruleId))).toEqual([]);
  });

  test("a negative amount in a red-negatives format is found negative, not read as positive", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    ws.getCell("E13").value = -5;
    ws.getCell("E13").numFmt = "#,##0.00;[Red]#,##0.00";
    const report = await checkFile(writeTemp("red.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(report.diagnostics.filter((d) => d.ruleId === "amount/negative").map((d) => [d.ref, d.data.value])).toEqual([["绩效目标表!E13", "-5.00"]]);
  });

  test.each([
    [15812.52, "#,##0.00", "15,812.52"],
    [15812.52, undefined, "15812.52"],
    [15812.52, "General", "15812.52"],
    [1.6, "#,##0.00", "1.60"],
    [1.005, "0.00", "1.01"],
    [132.912, "#,##0.000", "132.912"],
    [1234567, "#,##0", "1,234,567"],
    [0.125, "0.0%", "12.5%"],
    [-3, "#,##0.00;[Red]-#,##0.00", "-3.00"],
    [-3, "#,##0.00;[Red]\\(#,##0.00\\)", "(3.00)"],
    [-3, "0.00", "-3.00"],
    // Excel's "red negative numbers" formats show the sign by colour alone: the minus is kept.
    [-13000, "#,##0.00;[Red]#,##0.00", "-13,000.00"],
    [-13000, "0.00;[红色]0.00", "-13000.00"],
    [-1.6, "#,##0.00_ ;[Red]#,##0.00 ", "-1.60"],
    [-3, '"△"#,##0.00;"▲"#,##0.00', "▲3.00"],
    [0, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', "-"],
    [1234.5, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', "1,234.50"],
    [12.5, '#,##0.00"万元"', "12.50万元"],
    [12.5, "[$¥-804]#,##0.00", "¥12.50"],
    [0.5, "#.##", ".5"],
    [1234567, "#,##0,", "1,235"],
    [45000, "yyyy-mm-dd", "45000"],
    [0.30000000000000004, undefined, "0.3"],
    // Literal characters (`!x`, `\\x`) between digit placeholders: digits fill them from the right.
    [12345678, "0!.0000", "1234.5678"],
    [12345678, "0\\.0000", "1234.5678"],
    [12345678, "#,##0!.0000", "1234.5678"],
    [12, "0!.0000", "0.0012"],
    [12345678.9, "0!.0000", "1234.5679"],
    [12345678, "0!.0,", "1234.6"],
    [1234567890, '0!.00,,"亿元"', "12.35亿元"],
    [13943210123, "000-0000-0000", "139-4321-0123"],
    [1324, '#"千"#"百"#"十"#"个"', "1千3百2十4个"],
    [57.3, 'General"万元"', "57.3万元"],
    [1234.5, "¥#,##0.00", "¥1,234.50"],
    [-1234.5, '"￥"#,##0.00', "-￥1,234.50"],
    // Excel's Chinese accounting format: currency sign, padding, and `-` for zero.
    [1234.5, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥1,234.50"],
    [-1234.5, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥-1,234.50"],
    [0, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥-"],
    [3, "0.00_);[Red](0.00)", "3.00"],
    [-3, "0.00_);[Red](0.00)", "(3.00)"],
    [-0.001, "0.00", "0.00"],
    // A number never shows as an empty cell (Excel shows nothing for 0 in `#,###`): that is no money.
    [0, "#,###", "0"],
  ] as const)("%s with %s → %s", (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });

  test.each([
    [1234.5, '#,##0.00"万元"', "1,234.50", "万元"],
    [1234.5, '#,##0.00"元"', "1,234.50", "元"],
    [1234.5, '"￥"#,##0.00"元"', "1,234.50", "元"],
    [1234.5, "[$¥-804]#,##0.00", "1,234.50", null],
    [-1234.5, '"￥"#,##0.00', "-1,234.50", null],
    [1234.5, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "1,234.50", null],
    [-1234.5, '_ ¥* #,##0.00_ ;_ ¥* \\-#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "-1,234.50", null],
    [0, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "0", null],
    [0, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', "0", null],
    [-3, "0.00_);[Red](0.00)", "-3.00", null],
    [-3, "#,##0.00;[Red]#,##0.00", "-3.00", null],
    [-3, '"△"#,##0.00;"▲"#,##0.00', "-3.00", null],
    [12345678, "0!.0000", "1234.5678", null],
    [1234567890, '0!.00,,"亿元"', "12.35", "亿元"],
    [57.3, 'General"万元"', "57.3", "万元"],
    [0.5, "#.##", "0.5", null],
    // A percentage is not an amount: it keeps its sign, and amount/format reports it.
    [0.125, "0.0%", "12.5%", null],
  ] as const)("in a money column, %s with %s reads as %s (unit %s)", (value, format, amount, unit) => {
    expect(showNumber(value, format)).toMatchObject({ amount, unit });
  });
});

describe("amounts in number formats with text, currency signs and literal characters", () => {
  /** The seed as a workbook whose money cells (rows 10 on, columns B–E) have `format`, each value through `scale`. */
  async function seedWithFormat(format: string, scale = 1, edit?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tsvToXlsx(SEED)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("绩效目标表")!;
    ws.eachRow((row, n) => {
      if (n < 10) return;
      for (let col = 2; col <= 5; col++) {
        const cell = row.getCell(col);
        if (typeof cell.value !== "number") continue;
        cell.value = Math.round(cell.value * scale * 1e6) / 1e6;
        cell.numFmt = format;
      }
    });
    edit?.(ws);
    return writeTemp("formatted.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  const keys = (ds: Diagnostic[]) => ds.map((d) => [d.ruleId, d.messageId, d.line, d.ref]);
  const moneyOf = (doc: TableDocument) => [doc.total!.amounts, ...doc.units.flatMap((u) => [u.amounts, ...u.projects.map((p) => p.amounts)])].map((a) => Object.values(a).map((v) => (v === null ? null : new Decimal(v).toFixed(2))));

  test.each([
    '#,##0.00"万元"',
    "¥#,##0.00",
    "[$¥-804]#,##0.00",
    '"￥"#,##0.00',
    '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ',
    '_ "￥"* #,##0.00_ ;_ "￥"* \\-#,##0.00_ ;_ "￥"* "-"??_ ;_ @_ ',
    "0.00_);[Red](0.00)",
    "#,##0.00;-#,##0.00",
    'General"万元"',
  ])("%s: the seed's findings, no amount/format, the same amounts", async (format) => {
    const plain = (await writeTableFormats()).xlsx;
    const path = await seedWithFormat(format);
    const report = await checkFile(path);
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith("amount/"))).toEqual([]);
    expect(keys(report.diagnostics)).toEqual(keys((await checkFile(plain)).diagnostics));
    const doc = (await parseFile(path)).value[0]!;
    expect(moneyOf(doc)).toEqual(moneyOf((await parseFile(plain)).value[0]!));
    // What the sheet shows is kept as published.
    expect(doc.total!.amountsRaw.total).toBe(formatNumber(15812.52, format));
  });

  test("an accounting zero shown as - is the amount 0, not an empty cell; a negative in parentheses is negative", async () => {
    const accounting = '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ';
    const path = await seedWithFormat(accounting, 1, (ws) => {
      // 其他资金 of 金融发展专项资金 (row 12): a real 0, shown `-`.
      ws.getCell("E12").value = 0;
      ws.getCell("E12").numFmt = accounting;
      ws.getCell("D13").value = -5;
      ws.getCell("D13").numFmt = "#,##0.00_);[Red](#,##0.00)";
    });
    const doc = (await parseFile(path)).value[0]!;
    const project = doc.units[0]!.projects[0]!;
    expect(project.amountsRaw.other).toBe("¥-");
    expect(project.amounts.other).toBe("0");
    const report = await checkFile(path);
    expect(report.diagnostics.filter((d) => d.ruleId === "amount/format")).toEqual([]);
    expect(report.diagnostics.filter((d) => d.ruleId === "amount/negative").map((d) => [d.ref, d.data.value])).toEqual([["绩效目标表!D13", "-5.00"]]);
  });

  test("the 万元 display trick 0!.0000: amounts in 元 shown in 万元 are read as shown, and add up", async () => {
    const path = await seedWithFormat("0!.0000", 10_000);
    const doc = (await parseFile(path)).value[0]!;
    expect(doc.total).toMatchObject({ amountsRaw: { total: "15812.5200" }, amounts: { total: "15812.5200" } });
    expect(doc.units[0]!.projects[0]!.amounts.total).toBe("13000.0000");
    const report = await checkFile(path);
    expect(keys(report.diagnostics)).toEqual(keys((await checkFile((await writeTableFormats()).xlsx)).diagnostics));
  });

  test("a number format naming another money unit than the table's 单位: one table/preamble finding per table and unit", async () => {
    const inYuan = await seedWithFormat('#,##0.00"元"');
    const report = await checkFile(inYuan);
    const found = report.diagnostics.filter((d) => d.messageId === "formatMoneyUnit");
    // 合计, 2 units and 13 projects, two money cells each (总计 and 财政拨款).
    expect(found.map((d) => [d.ruleId, d.severity, d.ref, d.line, d.column, d.data])).toEqual([["table/preamble", "warning", "绩效目标表!B10", 10, 2, { unit: "万元", other: "元", count: 32 }]]);
    const { formatMessage } = await import("../../src/i18n/format.js");
    expect(formatMessage(found[0]!, "en")).toBe("the number format of money cells shows the unit “元” (32 cells in this table, the first here), but the table's unit is “万元”: the amounts are read as the numbers shown, in “万元”");
    expect(formatMessage(found[0]!, "zh")).toMatch(/^金额单元格的数字格式显示金额单位“元”（本表共 32 个单元格，第一个在此），而表格的金额单位为“万元”/);
    // The format's unit and the table's agree: nothing to say.
    expect((await checkFile(await seedWithFormat('#,##0.00"万元"'))).diagnostics.filter((d) => d.messageId === "formatMoneyUnit")).toEqual([]);
  });
});

describe("files that are not readable workbooks", () => {
  test("random bytes after a zip header: one clear finding, no throw", async () => {
    const junk = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    junk.set([0x50, 0x4b, 0x03, 0x04]);
    const path = writeTemp("corrupt.xlsx", junk);
    const report = await checkFile(path);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "ioError", line: 1 });
    expect(String(report.diagnostics[0]!.data.reason)).toMatch(/^not a readable \.xlsx file: ./);
    const parsed = await parseFile(path);
    expect(parsed.value).toEqual([]);
    expect(parsed.diagnostics.map((d) => d.messageId)).toEqual(["ioError"]);
  });

  test("a workbook cut in half: one clear finding", async () => {
    const whole = await tsvToXlsx(SEED);
    const report = await checkFile(writeTemp("cut.xlsx", whole.subarray(0, whole.length >> 1)));
    expect(report.diagnostics.map((d) => [d.messageId, String(d.data.reason).startsWith("not a readable .xlsx file: ")])).toEqual([["ioError", true]]);
  });

  test("a .xlsx that is not a zip at all", async () => {
    const report = await checkFile(writeTemp("text.xlsx", "项目名称\t总计\n"));
    expect(report.diagnostics.map((d) => [d.messageId, String(d.data.reason).startsWith("not a readable .xlsx file: ")])).toEqual([["ioError", true]]);
  });

  test("an empty .xlsx file is said to be empty, as any empty file is", async () => {
    const path = writeTemp("empty.xlsx", new Uint8Array(0));
    expect((await checkFile(path)).diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "empty"]]);
    expect((await parseFile(path)).diagnostics.map((d) => d.messageId)).toEqual(["empty"]);
  });

  test("a text or CSV table under an .xlsx name, or a damaged zip: a reason in words, in Chinese too", async () => {
    const text = await checkFile(writeTemp("text.xlsx", "项目名称,总计,财政拨款\n合计,1.00,1.00\n"));
    expect(text.diagnostics[0]!.data.reason).toMatch(/^not a readable \.xlsx file: it is not a zip archive.*name it \.txt or \.csv\)$/);
    expect(text.diagnostics[0]!.data.reasonZh).toMatch(/^不是可读取的 \.xlsx 文件：它不是 zip 压缩包/);
    const whole = await tsvToXlsx(SEED);
    const cut = await checkFile(writeTemp("cut.xlsx", whole.subarray(0, 3000)));
    expect(cut.diagnostics[0]!.data.reasonZh).toBe("不是可读取的 .xlsx 文件：zip 压缩包已损坏或不完整（文件可能被截断）");
    // No English words, and no web address of the zip library, in the Chinese reasons.
    for (const d of [...text.diagnostics, ...cut.diagnostics]) expect(String(d.data.reasonZh).replace(/\.?(xlsx|txt|csv|CSV|zip)\b/g, "")).not.toMatch(/[A-Za-z]{3,}|https?:/u);
  });

  test("text at column XFD on many rows: a clear finding, not millions of empty cells (a 33 KB file ran out of memory)", async () => {
    const bytes = await bookBytes((wb) => {
      const ws = wb.addWorksheet("表");
      ws.getCell("A1").value = "项目名称";
      for (let r = 1; r <= 40; r++) ws.getCell(r, 16384).value = "x";
    });
    // 40 rows of 16,384 cells pass a lowered limit (the real one, MAX_SHEET_CELLS, is 8 million).
    const read = await readXlsxSheets(bytes, undefined, 100_000);
    expect(read.value).toEqual([]);
    expect(read.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "ioError"]]);
    expect(read.diagnostics[0]!.data.reason).toBe(
      "the sheet is too large to read: it makes more than 100,000 cells by 表!XFD7 (every row is read from column A to its last cell with text: delete text far to the right of the table)",
    );
    expect(read.diagnostics[0]!.data.reasonZh).toMatch(/^工作表过大，无法读取：到 表!XFD7 已超过 100000 个单元格/);
    expect((await readXlsxSheets(bytes)).value[0]!.rows).toHaveLength(40);
  });

  test("a workbook saved with a .txt name is still read as a workbook", async () => {
    const path = writeTemp("exported.txt", await tsvToXlsx(SEED));
    const doc = (await parseFile(path)).value[0]!;
    expect(doc.units[0]!.projects[0]!.ref).toBe("绩效目标表!A12");
  });

  test.each(["old.xls", "old.txt"])("an old binary .xls (OLE magic bytes) named %s gets the xls message", async (name) => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const path = writeTemp(name, ole);
    const report = await checkFile(path);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "xls"]]);
    expect((await parseFile(path)).diagnostics.map((d) => d.messageId)).toEqual(["xls"]);
  });

  test("a password-protected .xlsx (an OLE file with an EncryptedPackage stream) is said to be encrypted, not an old .xls", async () => {
    // Office writes an encrypted workbook as an OLE compound file; its directory names the streams
    // in UTF-16LE.
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from("EncryptionInfo", "utf16le")), 1024);
    ole.set(new Uint8Array(Buffer.from("EncryptedPackage", "utf16le")), 1152);
    const path = writeTemp("locked.xlsx", ole);
    const report = await checkFile(path);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "ioError"]]);
    expect(report.diagnostics[0]!.data.reason).toMatch(/^the workbook is encrypted \(it has a password to open it\): remove the password/);
    expect(report.diagnostics[0]!.data.reasonZh).toMatch(/^工作簿已加密/);
    expect((await parseFile(path)).diagnostics.map((d) => d.data.reason)).toEqual([report.diagnostics[0]!.data.reason]);
  });
});
