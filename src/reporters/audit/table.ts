// The audit `table` report for the terminal: a row per file, totals by rule and by department, and
// a one-line verdict; boxed tables aligned by display width (Chinese counts two columns).
import type { ChalkInstance } from "chalk";
import { formatMoney, type AuditFileRow, type AuditSummary } from "../../audit/summary.js";
import type { Lang, ReportOptions } from "../../types.js";
import { displayText, sanitizeText } from "../sanitize.js";
import { createChalk, describeTotals, renderTable, severityWord } from "../shared.js";
import type { AuditFormatter } from "./index.js";

const LABELS = {
  en: {
    files: ["file", "department", "units", "projects", "indicators", "money", "errors", "warnings", "infos"],
    rules: ["rule", "severity", "findings", "files"],
    departments: ["department", "files", "projects", "indicators", "money (万元)", "errors", "warnings", "infos"],
    byRule: "Findings by rule",
    byDepartment: "By department",
    unreadable: "(unreadable)",
    partlyUnreadable: "(partly unreadable)",
    /** After the departments shown, of `total`. */
    moreDepartments: (total: number, shown: number) => ` and ${total - shown} more`,
    noDepartment: "(no department)",
    noFindings: "no findings",
    noUnit: " (no unit)",
  },
  zh: {
    files: ["文件", "部门", "单位数", "项目数", "指标数", "金额", "错误", "警告", "提示"],
    rules: ["规则", "级别", "问题数", "文件数"],
    departments: ["部门", "文件数", "项目数", "指标数", "金额（万元）", "错误", "警告", "提示"],
    byRule: "按规则统计",
    byDepartment: "按部门统计",
    unreadable: "（无法读取）",
    partlyUnreadable: "（部分无法读取）",
    moreDepartments: (total: number) => ` 等 ${total} 个部门`,
    noDepartment: "（未注明部门）",
    noFindings: "没有发现问题",
    noUnit: "（未注明金额单位）",
  },
} as const;

const RIGHT = "right" as const;
const LEFT = "left" as const;
function count(n: number, chalk: ChalkInstance, colour: (s: string) => string): string {
  return n > 0 ? colour(String(n)) : String(n);
}

/** The one-line verdict: how many files fail (and are unreadable), and the findings. */
export function formatVerdict(summary: AuditSummary, lang: Lang, chalk: ChalkInstance): string {
  const totals = describeTotals({ errors: summary.errorCount, warnings: summary.warningCount, infos: summary.infoCount }, lang);
  if (summary.verdict === "pass") {
    const text = lang === "zh" ? `✔ ${summary.files} 个文件全部通过 — ${totals}` : `✔ ${summary.files} ${summary.files === 1 ? "file passes" : "files pass"} — ${totals}`;
    return chalk.green.bold(text);
  }
  const unreadable =
    summary.unreadableFiles === 0 ? "" : lang === "zh" ? `（${summary.unreadableFiles} 个无法读取）` : ` (${summary.unreadableFiles} unreadable)`;
  const text =
    lang === "zh"
      ? `✖ ${summary.files} 个文件中 ${summary.failingFiles} 个未通过${unreadable} — ${totals}`
      : `✖ ${summary.failingFiles} of ${summary.files} ${summary.files === 1 ? "file fails" : "files fail"}${unreadable} — ${totals}`;
  return chalk.red.bold(text);
}

/** Departments named in a file's row at most; the others are counted (a workbook with a sheet per department). */
const DEPARTMENTS_SHOWN = 3;

/**
 * A file's departments, the first DEPARTMENTS_SHOWN of more counted after them (`… and 47 more`,
 * `… 等 50 个部门`: the by-department table and the other reports list them all); for an unreadable
 * file, a mark after those of the tables that were read (a workbook with a sheet whose table could
 * not be read), or the mark alone when none was.
 */
function departmentCell(r: AuditFileRow, labels: (typeof LABELS)[Lang], chalk: ChalkInstance): string {
  const all = r.departments;
  const shown = displayText(all.slice(0, DEPARTMENTS_SHOWN).join("; "));
  const departments = all.length <= DEPARTMENTS_SHOWN ? shown : shown + labels.moreDepartments(all.length, DEPARTMENTS_SHOWN);
  if (!r.unreadable) return departments;
  if (r.tables === 0) return chalk.dim(labels.unreadable);
  return departments + (departments === "" || labels === LABELS.zh ? "" : " ") + chalk.dim(labels.partlyUnreadable);
}

export function createTableFormatter(options: ReportOptions): AuditFormatter {
  const chalk = createChalk(options.color);
  const labels = LABELS[options.lang];
  const rows: AuditFileRow[] = [];
  return {
    begin: () => "",
    file(_report, row) {
      rows.push(row);
      return "";
    },
    end(summary) {
      const out: string[] = [];
      const files: string[][] = [];
      for (const r of rows) {
        files.push([
          sanitizeText(r.path),
          departmentCell(r, labels, chalk),
          String(r.units),
          String(r.projects),
          String(r.indicators),
          sanitizeText(formatMoney(r.money, labels.noUnit)),
          count(r.errorCount, chalk, chalk.red),
          count(r.warningCount, chalk, chalk.yellow),
          String(r.infoCount),
        ]);
      }
      out.push(renderTable([...labels.files], [LEFT, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT], files, chalk));

      out.push("", chalk.bold(labels.byRule));
      if (summary.byRule.length === 0) out.push(labels.noFindings);
      else {
        const rules: string[][] = [];
        for (const r of summary.byRule) {
          const word = severityWord(r.severity, options.lang);
          rules.push([r.ruleId, r.severity === "error" ? chalk.red(word) : r.severity === "warning" ? chalk.yellow(word) : word, String(r.count), String(r.files)]);
        }
        out.push(renderTable([...labels.rules], [LEFT, LEFT, RIGHT, RIGHT], rules, chalk));
      }

      if (summary.byDepartment.length > 0) {
        out.push("", chalk.bold(labels.byDepartment));
        const deps: string[][] = [];
        for (const d of summary.byDepartment) {
          const money = d.money.length === 1 && d.money[0]!.unit === "万元" ? formatMoney(d.money).replace(/ 万元$/, "") : formatMoney(d.money, labels.noUnit);
          deps.push([
            d.department === null ? chalk.dim(labels.noDepartment) : displayText(d.department),
            String(d.files),
            String(d.projects),
            String(d.indicators),
            sanitizeText(money),
            count(d.errorCount, chalk, chalk.red),
            count(d.warningCount, chalk, chalk.yellow),
            String(d.infoCount),
          ]);
        }
        out.push(renderTable([...labels.departments], [LEFT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT], deps, chalk));
      }
      out.push("", formatVerdict(summary, options.lang, chalk), "");
      return out.join("\n");
    },
  };
}
