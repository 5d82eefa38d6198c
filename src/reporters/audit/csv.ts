// The audit `csv` report: one row per file (UTF-8 with a BOM, CRLF, RFC 4180 quoting) that opens
// in Excel; text that a spreadsheet would run as a formula gets a leading apostrophe.
import type { AuditFileRow } from "../../audit/summary.js";
import type { Lang, ReportOptions } from "../../types.js";
import type { AuditFormatter } from "./index.js";

const HEADERS: Record<Lang, string[]> = {
  en: ["file", "status", "department", "tables", "units", "projects", "indicators", "money", "money unit", "errors", "warnings", "infos"],
  zh: ["文件", "结果", "部门", "表数", "单位数", "项目数", "指标数", "金额", "金额单位", "错误", "警告", "提示"],
};

const STATUS: Record<Lang, Record<"pass" | "fail" | "unreadable", string>> = {
  en: { pass: "pass", fail: "fail", unreadable: "unreadable" },
  zh: { pass: "通过", fail: "未通过", unreadable: "无法读取" },
};

/**
 * A text cell: a leading `= + - @` (or tab / carriage return) gets an apostrophe so spreadsheets
 * show it instead of evaluating it; then RFC 4180 quoting when needed.
 */
export function csvText(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The status of a file: unreadable, fail (an error), or pass. */
export function fileStatus(row: AuditFileRow): "pass" | "fail" | "unreadable" {
  return row.unreadable ? "unreadable" : row.errorCount > 0 ? "fail" : "pass";
}

/** One CSV row of a file (without the line break). */
export function formatCsvRow(row: AuditFileRow, lang: Lang): string {
  // One unit: the number and its unit apart (sortable in a spreadsheet); several: as text.
  const single = row.money.length === 1 ? row.money[0]! : null;
  const money = single ? single.total : row.money.map((m) => `${m.total} ${m.unit}`.trim()).join(" + ");
  return [
    csvText(row.path),
    csvText(STATUS[lang][fileStatus(row)]),
    csvText(row.departments.join("; ")),
    String(row.tables),
    String(row.units),
    String(row.projects),
    String(row.indicators),
    single ? money : csvText(money),
    csvText(single ? single.unit : ""),
    String(row.errorCount),
    String(row.warningCount),
    String(row.infoCount),
  ].join(",");
}

export function createCsvFormatter(options: ReportOptions): AuditFormatter {
  return {
    begin: () => "\uFEFF" + HEADERS[options.lang].join(",") + "\r\n",
    file: (_report, row) => formatCsvRow(row, options.lang) + "\r\n",
    end: () => "",
  };
}
