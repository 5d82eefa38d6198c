// The audit summary and the per-file pieces workers send back: money in 万元, totals by rule and
// department and category, and the offending text of findings (code points, one line, capped).
import { describe, expect, it } from "vitest";
import { extractExcerpts, finishReport } from "../../src/audit/check-file.js";
import { AuditSummaryBuilder, formatMoney, groupThousands, summarizeFile } from "../../src/audit/summary.js";
import type { AuditFileReport } from "../../src/audit/types.js";
import type { Diagnostic, TableSummary } from "../../src/types.js";
import { buildAuditJsonFile, renderJsonEntry } from "../../src/reporters/audit/json.js";
import { checkInput, makeReport } from "../../src/validate/run.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

function diag(ruleId: string, severity: Diagnostic["severity"], line: number, column: number, endColumn: number, endLine = line): Diagnostic {
  return { ruleId, severity, messageId: "m", data: {}, line, column, endLine, endColumn, project: null, indicator: null };
}

function table(department: string | null, moneyUnit: string | null, moneyTotal: string | null, categories: Record<string, number> = {}): TableSummary {
  return { department, moneyUnit, units: 1, projects: 2, indicators: 5, moneyTotal, categories };
}

function report(path: string, diagnostics: Diagnostic[], tables: TableSummary[]): AuditFileReport {
  return finishReport(makeReport(path, "utf-8", diagnostics, tables), { keep: Infinity, excerpts: 0 });
}

describe("finishReport", () => {
  it("counts findings by rule and severity, keeps only `keep` of them, and names why a file is unreadable", () => {
    const r = finishReport(
      makeReport("a.txt", null, [diag("input/unreadable", "error", 1, 1, 2), diag("x/y", "warning", 2, 1, 3), diag("x/y", "warning", 3, 1, 3)]),
      { keep: 1, excerpts: 0 },
    );
    expect(r.ruleCounts).toEqual([
      { ruleId: "input/unreadable", severity: "error", count: 1 },
      { ruleId: "x/y", severity: "warning", count: 2 },
    ]);
    expect(r.diagnostics).toHaveLength(1);
    expect([r.errorCount, r.warningCount]).toEqual([1, 2]);
    expect(r.unreadable).toBe("m");
  });
});

describe("finishReport of a file whose findings are kept compactly", () => {
  const broken = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
  const many = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? broken : SEED)).join("\n");
  const decoder = new TextDecoder();
  const text = (pieces: Iterable<Uint8Array> | undefined) => Array.from(pieces ?? [], (p) => decoder.decode(p)).join("");

  it("renders the json and ndjson entries in pieces, as from the findings as objects, without making them", () => {
    const settings = { keep: 3, excerpts: 2, prerender: { formats: ["json", "ndjson"] as ("json" | "ndjson")[], lang: "zh" as const } };
    const compact = checkInput(many, { path: "many.txt", compactAfter: 10, keepSource: true });
    const plain = checkInput(many, { path: "many.txt", keepSource: true });
    expect(compact.eachDiagnostic).toBeTypeOf("function");
    const a = finishReport(compact, settings);
    const b = finishReport(plain, settings);
    // the compact report's findings were walked, not all made
    expect(Object.getOwnPropertyDescriptor(compact, "diagnostics")?.get).toBeTypeOf("function");
    expect(text(a.rendered?.json)).toBe(text(b.rendered?.json));
    // made as it is written, and again for a second report of the same format
    expect(text(a.rendered?.json)).toBe(text(b.rendered?.json));
    expect(text(a.rendered?.ndjson)).toBe(text(b.rendered?.ndjson));
    expect(text(a.rendered?.json)).toBe(renderJsonEntry(buildAuditJsonFile({ ...b, diagnostics: plain.diagnostics }, "zh")));
    expect(JSON.parse(text(a.rendered?.ndjson)).diagnostics).toHaveLength(plain.diagnostics.length);
    const { rendered: _a, ...restA } = a;
    const { rendered: _b, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(a.diagnostics).toHaveLength(3);
    expect(a.excerpts).toHaveLength(2);
    expect("source" in a).toBe(false);
  });
});

describe("extractExcerpts", () => {
  const source = "第一行\n合计\t15,812.52\t𠀀𠀁名称\tx\r\n最后\n";
  it("cuts each finding's text by code points, on its own line", () => {
    const d = [diag("a/b", "error", 2, 4, 13), diag("a/b", "error", 2, 14, 18), diag("a/b", "info", 3, 1, 3)];
    expect(extractExcerpts(source, d, 10)).toEqual(["15,812.52", "𠀀𠀁名称", "最后"]);
  });
  it("stops at the end of the first line of a span over several lines, and at the limit", () => {
    const d = [diag("a/b", "error", 2, 14, 3, 3), diag("a/b", "error", 3, 1, 3)];
    expect(extractExcerpts(source, d, 1)).toEqual(["𠀀𠀁名称\tx"]);
  });
  it("gives an empty text for a position past the end", () => {
    expect(extractExcerpts(source, [diag("a/b", "error", 9, 1, 4)], 5)).toEqual([""]);
  });
});

describe("summarizeFile", () => {
  it("adds up the tables of a file by money unit as published", () => {
    const row = summarizeFile(report("a.txt", [diag("x/y", "error", 1, 1, 2)], [table("甲局", "万元", "10.5"), table("甲局", "万元", "0.25"), table("乙局", "元", "100")]));
    expect(row).toMatchObject({ departments: ["甲局", "乙局"], tables: 3, units: 3, projects: 6, indicators: 15, errorCount: 1, unreadable: false });
    expect(row.money).toEqual([
      { unit: "万元", total: "10.75" },
      { unit: "元", total: "100.00" },
    ]);
    expect(formatMoney(row.money)).toBe("10.75 万元 + 100.00 元");
  });
});

describe("AuditSummaryBuilder", () => {
  it("totals by rule (findings and files), by department in 万元, and by category", () => {
    const b = new AuditSummaryBuilder();
    b.add(report("a.txt", [diag("x/y", "warning", 1, 1, 2), diag("x/y", "warning", 2, 1, 2)], [table("甲局", "万元", "1000.00", { 产出指标: 3, "产出指标/数量指标": 2 })]));
    b.add(report("b.txt", [diag("x/y", "warning", 1, 1, 2), diag("a/b", "error", 1, 1, 2)], [table("甲局", "元", "12345.67", { 产出指标: 1, 效益指标: 4 })]));
    b.add(report("c.txt", [], [table(null, "美元", "5", {})]));
    b.add(finishReport(makeReport("d.txt", null, [diag("input/unreadable", "error", 1, 1, 2)]), { keep: 0, excerpts: 0 }));
    const s = b.build();
    expect(s).toMatchObject({ files: 4, failingFiles: 2, unreadableFiles: 1, tables: 3, projects: 6, errorCount: 2, warningCount: 3, verdict: "fail" });
    expect(s.byRule).toEqual([
      { ruleId: "x/y", severity: "warning", count: 3, files: 2 },
      { ruleId: "a/b", severity: "error", count: 1, files: 1 },
      { ruleId: "input/unreadable", severity: "error", count: 1, files: 1 },
    ]);
    // 12,345.67 元 is exactly 1.234567 万元; 美元 is not converted.
    expect(s.money).toEqual([
      { unit: "万元", total: "1001.234567" },
      { unit: "美元", total: "5.00" },
    ]);
    expect(s.byDepartment.map((d) => [d.department, d.files, d.tables, d.money, d.errorCount, d.warningCount])).toEqual([
      ["甲局", 2, 2, [{ unit: "万元", total: "1001.234567" }], 1, 3],
      [null, 1, 1, [{ unit: "美元", total: "5.00" }], 0, 0],
    ]);
    expect(s.categories).toEqual([
      { level1: "产出指标", level2: null, count: 4 },
      { level1: "效益指标", level2: null, count: 4 },
      { level1: "产出指标", level2: "数量指标", count: 2 },
    ]);
  });

  it("counts each table's findings for its department when a file holds several tables (text: by line)", () => {
    // Two departments' tables in one file: the second has a wrong 合计 (an error) the first has not.
    const second = editSeed("部门名称：广州开发区金融工作局（部门）", "部门名称：乙局").replace("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
    const both = `${SEED}\n${second}`;
    const alone = [checkInput(SEED, { path: "a.txt" }), checkInput(second, { path: "b.txt" })];
    expect(alone[1]!.errorCount).toBeGreaterThan(0);
    const file = finishReport(checkInput(both, { path: "both.txt" }), { keep: 0, excerpts: 0 });
    expect(file.tables!.map((t) => [t.department, t.errorCount, t.warningCount, t.infoCount])).toEqual(alone.map((r) => [r.tables![0]!.department, r.errorCount, r.warningCount, r.infoCount]));
    const b = new AuditSummaryBuilder();
    b.add(file);
    expect(b.build().byDepartment.map((d) => [d.department, d.files, d.errorCount, d.warningCount, d.infoCount]).sort()).toEqual(
      alone.map((r) => [r.tables![0]!.department, 1, r.errorCount, r.warningCount, r.infoCount]).sort(),
    );
  });

  it("counts a workbook's findings by the sheet their cell is on (before a sheet's first table: in that one; on no sheet: in the file's first)", () => {
    const sheetTable = (department: string, sheet: string, line: number): TableSummary => ({ ...table(department, "万元", "1.00"), sheet, line });
    const onSheet = (severity: Diagnostic["severity"], sheet: string, line: number): Diagnostic => ({ ...diag("x/y", severity, line, 1, 2), ref: `${sheet}!A${line}` });
    const findings = [diag("input/replaced-bytes", "warning", 1, 1, 2), onSheet("error", "甲", 5), onSheet("warning", "乙", 1), onSheet("warning", "乙", 9), onSheet("info", "甲", 30)];
    const file = report("book.xlsx", findings, [sheetTable("甲局", "甲", 3), sheetTable("乙局", "乙", 2)]);
    expect(file.tables!.map((t) => [t.department, t.errorCount, t.warningCount, t.infoCount])).toEqual([
      ["甲局", 1, 1, 1],
      ["乙局", 0, 2, 0],
    ]);
  });

  it("adds money exactly however many digits it has (not to decimal.js's default 20 significant digits)", () => {
    const b = new AuditSummaryBuilder();
    b.add(report("a.txt", [], [table("甲局", "万元", "123456789012345678.91")]));
    b.add(report("b.txt", [], [table("甲局", "万元", "0.001")]));
    b.add(report("c.txt", [], [table("甲局", "元", "12345678901234567.89")]));
    const s = b.build();
    expect(s.money).toEqual([{ unit: "万元", total: "123458023580235802.367789" }]);
    expect(s.byDepartment[0]!.money).toEqual(s.money);
    const row = summarizeFile(report("d.txt", [], [table("甲局", "万元", "123456789012345678.91"), table("甲局", "万元", "0.001")]));
    expect(row.money).toEqual([{ unit: "万元", total: "123456789012345678.911" }]);
  });

  it("orders departments by their money in 万元, those without any after, by their first amount", () => {
    // 美元 50,000 was compared with 万元 amounts as if it were 万元, and came first.
    const b = new AuditSummaryBuilder();
    b.add(report("a.txt", [], [table("甲局", "万元", "15812.52")]));
    b.add(report("b.txt", [], [table("乙局", "美元", "50000.00")]));
    b.add(report("c.txt", [], [table("丙局", "元", "130000.00")]));
    b.add(report("d.txt", [], [table("丁局", null, "60000.00")]));
    expect(b.build().byDepartment.map((d) => d.department)).toEqual(["甲局", "丙局", "丁局", "乙局"]);
  });

  it("passes when no file has an error", () => {
    const b = new AuditSummaryBuilder();
    b.add(report("a.txt", [diag("x/y", "warning", 1, 1, 2)], [table("甲局", "万元", "1")]));
    expect(b.build().verdict).toBe("pass");
  });
});

describe("groupThousands", () => {
  it.each([
    ["15812.52", "15,812.52"],
    ["1234567", "1,234,567"],
    ["-1000.5", "-1,000.5"],
    ["999", "999"],
  ])("%s → %s", (input, output) => expect(groupThousands(input)).toBe(output));
});
