// Pieces of the audit reporters: CSV cells (quoting, formula guard), JSON inside <script>, SVG
// charts with escaped labels, and the boxed table aligned by display width.
import { describe, expect, it } from "vitest";
import { csvText, formatCsvRow } from "../../src/reporters/audit/csv.js";
import { renderBarChart, renderStackedBar, truncateDisplay } from "../../src/reporters/audit/html-charts.js";
import { createTableFormatter } from "../../src/reporters/audit/table.js";
import { displayWidth } from "../../src/reporters/text-width.js";
import { buildHtmlFile, createHtmlFormatter, escapeHtml, scriptJson } from "../../src/reporters/audit/html.js";
import { finishReport } from "../../src/audit/check-file.js";
import { AuditSummaryBuilder, summarizeFile } from "../../src/audit/summary.js";
import type { Diagnostic } from "../../src/types.js";
import { makeReport } from "../../src/validate/run.js";

describe("csvText", () => {
  it.each([
    ["广州开发区金融工作局", "广州开发区金融工作局"],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ['a "b", c', '"a ""b"", c"'],
    ["=1,2", `"'=1,2"`],
    ["line\nbreak", '"line\nbreak"'],
  ])("%j → %j", (input, output) => expect(csvText(input)).toBe(output));
});

describe("scriptJson", () => {
  it("cannot close the script element, and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script>", amp: "a & b", sep: "\u2028" };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("escapeHtml", () => {
  it("escapes markup and shows control and bidi characters", () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">`)).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(escapeHtml("a\u202eb\u001b[2J")).toBe("a\\u202eb\\u001b[2J");
  });
});

describe("renderBarChart", () => {
  it("draws one bar per item, the longest for the largest value, labels escaped", () => {
    const svg = renderBarChart(
      [
        { label: "<b>甲</b>", value: 10, text: "10", color: "#123456" },
        { label: "乙", value: 5, text: "5", color: "#123456" },
      ],
      { name: "chart", empty: "none", width: 500, labelWidth: 100 },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([304, 152]); // 500 - 100 - 96 for the largest, half of it for the other
    expect(svg).toContain("&lt;b&gt;甲&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
  });

  it("says so when there is nothing to draw", () => {
    expect(renderBarChart([], { name: "c", empty: "没有数据" })).toBe('<p class="chart-empty">没有数据</p>');
    expect(renderStackedBar([{ label: "a", value: 0, color: "#000" }], { name: "c", empty: "none" })).toBe('<p class="chart-empty">none</p>');
  });

  it("splits a 100 % bar by shares", () => {
    const svg = renderStackedBar(
      [
        { label: "产出指标", value: 3, color: "#111111" },
        { label: "效益指标", value: 1, color: "#222222" },
      ],
      { name: "c", empty: "", width: 400 },
    );
    expect(svg).toContain('<rect x="0.0" y="4" width="299.0"');
    expect(svg).toContain('<rect x="300.0" y="4" width="99.0"');
    expect(svg).toContain("产出指标<tspan class=\"value\"> 3 · 75.0%</tspan>");
  });
});

describe("truncateDisplay", () => {
  it("cuts by display columns (Chinese counts two)", () => {
    expect(truncateDisplay("广州开发区金融工作局", 9)).toBe("广州开发…");
    expect(truncateDisplay("short", 9)).toBe("short");
  });
});




describe("the html report's money", () => {
  function page(totals: [string, string, string][]): string {
    const builder = new AuditSummaryBuilder();
    const html = createHtmlFormatter({ lang: "en", color: false, cwd: "/" });
    let out = html.begin();
    totals.forEach(([department, unit, total], i) => {
      const report = finishReport(makeReport(`${i}.txt`, "utf-8", [], [{ department, moneyUnit: unit, units: 1, projects: 1, indicators: 1, moneyTotal: total, categories: {} }]), { keep: 200, excerpts: 0 });
      out += String(html.file(report, builder.add(report)));
    });
    return out + html.end(builder.build());
  }

  it("shows the exact totals, as the table and json reports do (not rounded to 2 decimals through a float)", () => {
    const text = page([
      ["三位小数局", "万元", "13855.123"],
      ["元局", "元", "12345.67"],
      ["巨额局", "万元", "123456789012345678.91"],
    ]);
    // Overview card: all tables in 万元.
    expect(text).toContain(">123,456,789,012,359,535.267567 万元<");
    // Bars of money by department.
    expect(text).toContain(">13,855.123<");
    expect(text).toContain(">1.234567<");
    expect(text).toContain(">123,456,789,012,345,678.91<");
  });

  it("adds up the departments past the chart's bars exactly", () => {
    const departments = Array.from({ length: 15 }, (_, i): [string, string, string] => [`局${String(i).padStart(2, "0")}`, "万元", i < 12 ? "1000.00" : "0.001"]);
    expect(page(departments)).toContain("3 more departments, together 0.003 万元");
  });
});

describe("the html report's money column sorts", () => {
  function moneyValue(tables: [string | null, string][]): number {
    const report = finishReport(makeReport("a.txt", "utf-8", [], tables.map(([moneyUnit, moneyTotal]) => ({ department: "甲局", moneyUnit, units: 1, projects: 1, indicators: 1, moneyTotal, categories: {} }))), { keep: 200, excerpts: 0 });
    return buildHtmlFile(report, summarizeFile(report), "en").moneyValue;
  }

  it("by the money in 万元, every unit the department totals convert (千元, 亿元 …) converted alike", () => {
    expect(moneyValue([["万元", "10.5"]])).toBe(10.5);
    expect(moneyValue([["元", "12345"], ["万元", "1"]])).toBeCloseTo(2.2345, 10);
    expect(moneyValue([["千元", "13855.00"]])).toBe(1385.5);
    expect(moneyValue([["亿元", "2"]])).toBe(20000);
  });

  it("after every file with money when the unit cannot be converted", () => {
    expect(moneyValue([["美元", "5"]])).toBe(-1);
    expect(moneyValue([[null, "5"]])).toBe(-1);
  });
});

describe("money without a unit (a table with no 单位 line)", () => {
  function reports(lang: "en" | "zh"): { table: string; html: string } {
    const builder = new AuditSummaryBuilder();
    const table = createTableFormatter({ lang, color: false, cwd: "/" });
    const html = createHtmlFormatter({ lang, color: false, cwd: "/" });
    let out = html.begin();
    for (const [path, moneyUnit] of [["a.txt", "万元"], ["b.txt", null]] as const) {
      const report = finishReport(makeReport(path, "utf-8", [], [{ department: `${path}局`, moneyUnit, units: 1, projects: 1, indicators: 1, moneyTotal: "13855.00", categories: {} }]), { keep: 200, excerpts: 0 });
      const row = builder.add(report);
      table.file(report, row);
      out += String(html.file(report, row));
    }
    const summary = builder.build();
    return { table: table.end(summary), html: out + html.end(summary) };
  }

  it("is not shown as a bare number under the department table's “money (万元)”", () => {
    const { table, html } = reports("en");
    const lines = table.split("\n");
    const byDepartment = lines.slice(lines.findIndex((l) => l.startsWith("By department")));
    expect(byDepartment.find((l) => l.includes("b.txt局"))).toContain("13,855.00 (no unit)");
    expect(byDepartment.find((l) => l.includes("a.txt局"))).toMatch(/│ +13,855\.00 │/);
    expect(lines.find((l) => l.startsWith("│ b.txt "))).toContain("13,855.00 (no unit)");
    expect(html).toContain('"money":"13,855.00 (no unit)"');
    expect(html).toContain("+ 13,855.00 (no unit)");
  });

  it("says so in Chinese under --lang zh", () => {
    const { table, html } = reports("zh");
    expect(table).toContain("13,855.00（未注明金额单位）");
    expect(html).toContain("+ 13,855.00（未注明金额单位）");
  });
});

describe("the html report of a workbook with a sheet it could not read", () => {
  it("says why even when the sheet's finding comes after the first 200 of the others", () => {
    const warning = (line: number): Diagnostic => ({ ruleId: "project/missing-satisfaction", severity: "warning", messageId: "missing", data: { name: "综合工作经费" }, line, column: 1, endLine: line, endColumn: 7, project: "综合工作经费", indicator: null, ref: `金融工作局!A${line}` });
    const sheet: Diagnostic = { ruleId: "input/unreadable", severity: "error", messageId: "noTableWithinSheet", data: { line: "1001", sheet: "附表" }, line: 1, column: 1, endLine: 1, endColumn: 2, project: null, indicator: null, ref: "附表!A1" };
    const findings = [...Array.from({ length: 250 }, (_, i) => warning(i + 10)), sheet];
    const tables = [{ department: "甲局", moneyUnit: "万元", units: 1, projects: 250, indicators: 1000, moneyTotal: "100.00", categories: {}, sheet: "金融工作局" }];
    const report = finishReport(makeReport("departments.xlsx", "utf-8", findings, tables), { keep: 200, excerpts: 0 });
    expect(report.diagnostics).toHaveLength(200);
    const file = buildHtmlFile(report, summarizeFile(report), "en");
    expect([file.status, file.departments]).toEqual(["unreadable", ["甲局"]]);
    expect(file.reason).toMatch(/^no performance table read on sheet 附表: no header row .* by row 1001/);
    // The table and csv reports keep no findings, and need none.
    expect(finishReport(makeReport("departments.xlsx", "utf-8", findings, tables), { keep: 0, excerpts: 0 }).unreadableFinding).toBeUndefined();
  });
});

describe("the table report of a workbook with a sheet per department", () => {
  // 50 sheets, one department each (区财政局, 区教育局, …, 区第50局).
  const names = ["广州开发区财政局", "广州开发区教育局", "广州开发区金融工作局", ...Array.from({ length: 47 }, (_, i) => `广州开发区第${i + 4}局`)];
  function run(lang: "en" | "zh") {
    const builder = new AuditSummaryBuilder();
    const table = createTableFormatter({ lang, color: false, cwd: "/" });
    const tables = names.map((department, i) => ({ department, moneyUnit: "万元", units: 1, projects: 3, indicators: 12, moneyTotal: "15812.52", categories: {}, sheet: `表${i + 1}` }));
    const rows = [];
    for (const [path, t] of [["departments.xlsx", tables], ["教育局.txt", [tables[1]!]]] as const) {
      const report = finishReport(makeReport(path, "utf-8", [], [...t]), { keep: 200, excerpts: 0 });
      const row = builder.add(report);
      rows.push(row);
      table.file(report, row);
    }
    return { text: table.end(builder.build()), rows };
  }

  it("names a few departments in the file's row and counts the rest, aligned by display width; the full list stays elsewhere", () => {
    for (const [lang, more] of [["en", "广州开发区财政局; 广州开发区教育局; 广州开发区金融工作局 and 47 more"], ["zh", "广州开发区财政局; 广州开发区教育局; 广州开发区金融工作局 等 50 个部门"]] as const) {
      const { text, rows } = run(lang);
      const lines = text.split("\n");
      const fileTable = lines.slice(0, lines.findIndex((l) => l === ""));
      const row = fileTable.find((l) => l.startsWith("│ departments.xlsx "))!;
      expect(row, lang).toContain(more);
      expect(row).not.toContain("第4局");
      // Every line of the file table as wide as its border, Chinese counted as two columns.
      expect(new Set(fileTable.map(displayWidth)).size, fileTable.join("\n")).toBe(1);
      expect(displayWidth(fileTable[0]!)).toBeLessThan(180);
      // A file with one department: as before.
      expect(fileTable.find((l) => l.startsWith("│ 教育局.txt "))).toMatch(/│ 广州开发区教育局 +│/);
      // The by-department totals list each of them; the file's row in csv (and the data of json and html) names all 50.
      for (const name of names) expect(lines.some((l) => l.startsWith(`│ ${name} `)), name).toBe(true);
      expect(rows[0]!.departments).toEqual(names);
      expect(formatCsvRow(rows[0]!, lang)).toContain(names.join("; "));
    }
  });
});
