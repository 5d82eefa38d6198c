// The audit `csv` report: one row per file (UTF-8 with a BOM, CRLF, RFC 4180 quoting) that opens
// in Excel; text that a spreadsheet would run as a formula gets a leading apostrophe.
import type { AuditFileRow } from "../../audit/summary.js";
import type { Lang } from "../../types.js";
import { sanitizeText } from "../sanitize.js";
import type { AuditFormatter, AuditReportOptions } from "./index.js";

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
 * show it instead of evaluating it; on a terminal (`terminal`), control and bidi characters become
 * visible `\uXXXX` text (a tab a space), as in the other terminal reports; then RFC 4180 quoting
 * when needed.
 */
export function csvText(value: string, terminal = false): string {
  const apostrophe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const guarded = terminal ? sanitizeText(apostrophe) : apostrophe;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The status of a file: unreadable, fail (an error), or pass. */
export function fileStatus(row: AuditFileRow): "pass" | "fail" | "unreadable" {
  return row.unreadable ? "unreadable" : row.errorCount > 0 ? "fail" : "pass";
}

/** One CSV row of a file (without the line break); `terminal`: see csvText. */
export function formatCsvRow(row: AuditFileRow, lang: Lang, terminal = false): string {
  // One unit: the number and its unit apart (sortable in a spreadsheet); several: as text.
  const single = row.money.length === 1 ? row.money[0]! : null;
  const money = single ? single.total : row.money.map((m) => `${m.total} ${m.unit}`.trim()).join(" + ");
  return [
    csvText(row.path, terminal),
    csvText(STATUS[lang][fileStatus(row)], terminal),
    csvText(row.departments.join("; "), terminal),
    String(row.tables),
    String(row.units),
    String(row.projects),
    String(row.indicators),
    single ? money : csvText(money, terminal),
    csvText(single ? single.unit : "", terminal),
    String(row.errorCount),
    String(row.warningCount),
    String(row.infoCount),
  ].join(",");
}

export function createCsvFormatter(options: AuditReportOptions): AuditFormatter {
  return {
    begin: () => "\uFEFF" + HEADERS[options.lang].join(",") + "\r\n",
    file: (_report, row) => formatCsvRow(row, options.lang, options.terminal === true) + "\r\n",
    end: () => "",
  };
}
