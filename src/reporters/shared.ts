// Helpers the reporters share: severity words and ranks, totals, the closing count line, the
// per-file counts table (cli-table3), flattening findings most severe first, and relative paths.
import path from "node:path";
import Table from "cli-table3";
import { Chalk, type ChalkInstance } from "chalk";
import type { Diagnostic, FileReport, Lang } from "../types.js";
import { sanitizeText } from "./sanitize.js";
import { strlen } from "cli-table3/src/utils.js";

export type FindingSeverity = Diagnostic["severity"];

const SEVERITY_WORDS: Record<Lang, Record<FindingSeverity, string>> = {
  en: { error: "error", warning: "warning", info: "info" },
  zh: { error: "错误", warning: "警告", info: "提示" },
};

/** The word for a severity in the given language (`warning`, `警告`). */
export function severityWord(severity: FindingSeverity, lang: Lang): string {
  return SEVERITY_WORDS[lang][severity];
}

/** 0 for error, 1 for warning, 2 for info: sort key, most severe first. */
export function severityRank(severity: FindingSeverity): number {
  return severity === "error" ? 0 : severity === "warning" ? 1 : 2;
}

/** How many findings one rule has at one severity. */
export interface RuleCount {
  ruleId: string;
  severity: FindingSeverity;
  count: number;
}

/** Count one finding in counts by (rule, severity). */
export function countRule(counts: Map<string, RuleCount>, d: Diagnostic): void {
  const key = `${d.ruleId}\u0000${d.severity}`;
  const entry = counts.get(key);
  if (entry) entry.count++;
  else counts.set(key, { ruleId: d.ruleId, severity: d.severity, count: 1 });
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
}

/** Sum of the per-file counts. */
export function sumTotals(reports: readonly FileReport[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, infos: 0 };
  for (const r of reports) {
    totals.errors += r.errorCount;
    totals.warnings += r.warningCount;
    totals.infos += r.infoCount;
  }
  return totals;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3 problems (1 error, 2 warnings, 0 infos)` / `3 个问题（1 个错误，2 个警告，0 个提示）`. */
export function describeTotals(t: Totals, lang: Lang): string {
  const problems = t.errors + t.warnings + t.infos;
  if (lang === "zh") {
    return `${problems} 个问题（${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 个提示）`;
  }
  return (
    `${plural(problems, "problem", "problems")} (${plural(t.errors, "error", "errors")}, ` +
    `${plural(t.warnings, "warning", "warnings")}, ${plural(t.infos, "info", "infos")})`
  );
}

/**
 * The closing line: `✖ 3 problems (…)`, or `✔ no problems` when there are none (`✔ no errors` when
 * `quiet` cut the findings to errors: warnings may have been there).
 */
export function formatTotalsLine(t: Totals, lang: Lang, chalk: ChalkInstance, quiet = false): string {
  if (t.errors + t.warnings + t.infos === 0) {
    if (quiet) return chalk.green(lang === "zh" ? "✔ 没有错误（--quiet：不显示警告和提示）" : "✔ no errors (--quiet: warnings and infos not shown)");
    return chalk.green(lang === "zh" ? "✔ 没有发现问题" : "✔ no problems");
  }
  const line = `✖ ${describeTotals(t, lang)}`;
  return t.errors > 0 ? chalk.red.bold(line) : t.warnings > 0 ? chalk.yellow.bold(line) : chalk.bold(line);
}

/** A cli-table3 table with a line under the head only, without its own colours (we colour with chalk). */
export function createTable(head: string[], colAligns: ("left" | "right")[], chalk: ChalkInstance, colWidths?: number[]): Table.Table {
  return new Table({
    head: head.map((h) => chalk.bold(h)),
    colAligns,
    ...(colWidths === undefined ? {} : { colWidths }),
    style: { head: [], border: [], compact: true },
  });
}

/** Tables longer than this are drawn here rather than by cli-table3, whose layout is quadratic in rows. */
export const TABLE_ROWS_FOR_CLI_TABLE = 250;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** cli-table3's measure of a cell (display width without colour codes); plain ASCII by its length. */
function cellWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : strlen(text);
}

/**
 * The text of createTable(head, colAligns, chalk) filled with `rows`. cli-table3 takes time in the
 * square of the rows (1.5 s for 8,000), so a longer table is drawn here in linear time, character
 * for character as cli-table3 draws it: its borders, one space of padding, a rule under the head,
 * cells measured as it measures them (a property test compares the two). Cells are single lines.
 */
export function renderTable(head: string[], colAligns: ("left" | "right")[], rows: readonly string[][], chalk: ChalkInstance, cliTableUpTo = TABLE_ROWS_FOR_CLI_TABLE): string {
  if (rows.length <= cliTableUpTo) {
    const table = createTable(head, colAligns, chalk);
    for (const row of rows) table.push(row);
    return table.toString();
  }
  const heads = head.map((h) => chalk.bold(h));
  const widths = heads.map(cellWidth);
  for (const row of rows) for (let c = 0; c < row.length; c++) widths[c] = Math.max(widths[c] ?? 0, cellWidth(row[c]!));
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right;
  const line = (cells: readonly string[]) =>
    "│" +
    widths
      .map((w, c) => {
        const text = cells[c] ?? "";
        const pad = " ".repeat(Math.max(0, w - cellWidth(text)));
        return ` ${colAligns[c] === "right" ? pad + text : text + pad} `;
      })
      .join("│") +
    "│";
  const out = [rule("┌", "┬", "┐"), line(heads), rule("├", "┼", "┤")];
  for (const row of rows) out.push(line(row));
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

/** The table of counts per file (file, errors, warnings, infos), aligned by display width. */
export function formatFileCountsTable(reports: readonly FileReport[], lang: Lang, chalk: ChalkInstance): string {
  const head =
    lang === "zh" ? ["文件", "错误", "警告", "提示"] : ["file", "errors", "warnings", "infos"];
  const rows = reports.map((r) => [
    sanitizeText(r.path),
    r.errorCount > 0 ? chalk.red(String(r.errorCount)) : String(r.errorCount),
    r.warningCount > 0 ? chalk.yellow(String(r.warningCount)) : String(r.warningCount),
    String(r.infoCount),
  ]);
  return renderTable(head, ["left", "right", "right", "right"], rows, chalk);
}

/** A chalk that colours only when asked (never the auto-detected global one). */
export function createChalk(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** A finding with the file it belongs to. */
export interface Finding {
  report: FileReport;
  diagnostic: Diagnostic;
}

/**
 * A path relative to `root` (default `cwd`) with forward slashes (`fixtures/a.txt`), or null when
 * the file lies outside `root` (or is not a file path at all, like `<stdin>`: then it is returned
 * as given). A relative `filePath` is relative to `cwd`.
 */
export function relativePath(filePath: string, cwd: string, root = cwd): string | null {
  if (filePath === "<stdin>" || filePath === "-") return filePath;
  const absolute = path.resolve(cwd, filePath);
  const relative = path.relative(path.resolve(cwd, root), absolute);
  const outside = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (relative === "" || outside) return null;
  return relative.split(path.sep).join("/");
}

/** The path to show in CI annotations: relative to `root` (default `cwd`) when inside it, else absolute, with `/`. */
export function displayPath(filePath: string, cwd: string, root = cwd): string {
  return relativePath(filePath, cwd, root) ?? path.resolve(cwd, filePath).split(path.sep).join("/");
}
