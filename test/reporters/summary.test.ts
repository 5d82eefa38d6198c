// Tests of the summary reporter: counts by rule and by file as tables aligned by display width.
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { countByRule, formatSummary } from "../../src/reporters/summary.js";
import { displayWidth } from "../../src/reporters/text-width.js";
import { EN, ZH, cleanReport, hostileReport, seedReport, unreadableReport } from "./fixtures.js";

/** The tables of the output: groups of consecutive box-drawing lines. */
function tables(output: string): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of output.split("\n")) {
    if (/^[┌├│└]/.test(line)) current.push(line);
    else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  return groups;
}

/** Cells of a table row, trimmed. */
function cells(row: string): string[] {
  return row.split("│").slice(1, -1).map((c) => c.trim());
}

describe("countByRule", () => {
  it("counts by rule and severity, most severe first, then most frequent, then by id", () => {
    expect(countByRule([seedReport(), unreadableReport()])).toEqual([
      { ruleId: "input/unreadable", severity: "error", count: 1 },
      { ruleId: "project/missing-satisfaction", severity: "warning", count: 6 },
      { ruleId: "indicator/missing-value", severity: "warning", count: 1 },
      { ruleId: "indicator/vacuous-target", severity: "warning", count: 1 },
      { ruleId: "indicator/no-unit", severity: "info", count: 1 },
    ]);
  });
});

describe("formatSummary", () => {
  const reports = [seedReport(), unreadableReport(), cleanReport()];

  it("prints a table by rule and a table by file, then the totals", () => {
    const out = formatSummary(reports, EN);
    const [byRule, byFile] = tables(out);
    expect(byRule!.filter((l) => l.startsWith("│")).map(cells)).toEqual([
      ["rule", "severity", "count"],
      ["input/unreadable", "error", "1"],
      ["project/missing-satisfaction", "warning", "6"],
      ["indicator/missing-value", "warning", "1"],
      ["indicator/vacuous-target", "warning", "1"],
      ["indicator/no-unit", "info", "1"],
    ]);
    expect(byFile!.filter((l) => l.startsWith("│")).map(cells)).toEqual([
      ["file", "department", "projects", "indicators", "errors", "warnings", "infos"],
      ["fixtures/seed-guangzhou-finance-bureau.txt", "广州开发区金融工作局（部门）", "13", "53", "0", "8", "1"],
      ["missing.txt", "-", "-", "-", "1", "0", "0"],
      ["clean.txt", "-", "-", "-", "0", "0", "0"],
    ]);
    expect(out.trimEnd().split("\n").at(-1)).toBe("✖ 10 problems (1 error, 8 warnings, 1 info)");
  });

  it("aligns Chinese text by display width", () => {
    for (const t of tables(formatSummary(reports, ZH))) {
      expect(new Set(t.map(displayWidth)).size).toBe(1);
    }
    const out = formatSummary(reports, ZH);
    expect(out).toContain("按规则");
    expect(out).toContain("│ input/unreadable             │ 错误 │    1 │");
  });

  it("has no colour unless asked, and the same text with colour", () => {
    const plain = formatSummary(reports, EN);
    expect(plain).not.toContain("\u001b");
    const colored = formatSummary(reports, { ...EN, color: true });
    expect(colored).toContain("\u001b[");
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });

  it("shows hostile paths escaped", () => {
    const out = formatSummary([hostileReport()], EN);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u200f]/);
    expect(out).toContain("\\u001b[2J");
  });

  it("still ends with the totals line when there is nothing", () => {
    expect(formatSummary([cleanReport()], EN).trimEnd().split("\n").at(-1)).toBe("✔ no problems");
  });
});
