// The `summary` reporter: counts only — by rule (rule id, severity, count) and by file (with the
// table's department, projects and indicators when known) — as cli-table3 tables.
import type { FileReport, ReportOptions } from "../types.js";
import { streamText, type TextReportStream } from "./load.js";
import { displayText, sanitizeText } from "./sanitize.js";
import {
  countRule,
  createChalk,
  createTable,
  formatTotalsLine,
  renderTable,
  severityRank,
  severityWord,
  sumTotals,
} from "./shared.js";
import type { RuleCount } from "./shared.js";

/** Add a report's findings to counts by (rule, severity). */
function addRuleCounts(counts: Map<string, RuleCount>, r: FileReport): void {
  // eachDiagnostic, where a huge file has it, walks its findings without making them all at once.
  for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) countRule(counts, d);
}

/** Most severe first, then most frequent, then by rule id. */
function sortRuleCounts(counts: Map<string, RuleCount>): RuleCount[] {
  return [...counts.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      b.count - a.count ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Counts by (rule, severity): most severe first, then most frequent, then by rule id. */
export function countByRule(reports: readonly FileReport[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const r of reports) addRuleCounts(counts, r);
  return sortRuleCounts(counts);
}

/** The `summary` report: a table by rule, a table by file and the closing count line. */
export function formatSummary(reports: FileReport[], options: ReportOptions): string {
  return streamText(createSummaryStream(options), reports);
}

/** The `summary` report written file by file (see ReportStream): it counts as files come. */
export function createSummaryStream(options: ReportOptions): TextReportStream {
  const counts = new Map<string, RuleCount>();
  return {
    begin: () => "",
    file(r) {
      addRuleCounts(counts, r);
      return [];
    },
    end: (files) => formatSummaryText(sortRuleCounts(counts), files, options),
  };
}

function formatSummaryText(byRule: readonly RuleCount[], reports: readonly FileReport[], options: ReportOptions): string {
  const zh = options.lang === "zh";
  const chalk = createChalk(options.color);
  const parts: string[] = [];

  if (byRule.length > 0) {
    const table = createTable(zh ? ["规则", "级别", "数量"] : ["rule", "severity", "count"], ["left", "left", "right"], chalk);
    for (const e of byRule) {
      const word = severityWord(e.severity, options.lang);
      const colored = e.severity === "error" ? chalk.red(word) : e.severity === "warning" ? chalk.yellow(word) : chalk.blue(word);
      table.push([sanitizeText(e.ruleId), colored, String(e.count)]);
    }
    parts.push(`${chalk.bold(zh ? "按规则" : "By rule")}\n${table.toString()}`);
  }

  if (reports.length > 0) {
    const head = zh
      ? ["文件", "部门", "项目数", "指标数", "错误", "警告", "提示"]
      : ["file", "department", "projects", "indicators", "errors", "warnings", "infos"];
    const rows: string[][] = [];
    for (const r of reports) {
      const tables = r.tables ?? [];
      const departments = [...new Set(tables.map((t) => t.department).filter((d): d is string => d !== null))];
      const projects = tables.reduce((n, t) => n + t.projects, 0);
      const indicators = tables.reduce((n, t) => n + t.indicators, 0);
      rows.push([
        sanitizeText(r.path),
        departments.length > 0 ? displayText(departments.join("、")) : "-",
        tables.length > 0 ? String(projects) : "-",
        tables.length > 0 ? String(indicators) : "-",
        String(r.errorCount),
        String(r.warningCount),
        String(r.infoCount),
      ]);
    }
    parts.push(`${chalk.bold(zh ? "按文件" : "By file")}\n${renderTable(head, ["left", "left", "right", "right", "right", "right", "right"], rows, chalk)}`);
  }

  parts.push(formatTotalsLine(sumTotals(reports), options.lang, chalk, options.quiet));
  return parts.join("\n\n") + "\n";
}
