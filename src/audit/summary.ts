// Summarises an audit as its reports stream past: per-file rows (counts, money, department) and
// totals by rule, by department and by indicator category — counts only, so memory stays flat.
import type { Decimal } from "decimal.js";
import { ExactDecimal, groupThousands } from "../table/amount.js";
import { detach } from "../table/split.js";
import type { FileReport, Severity, TableSummary } from "../types.js";
import type { AuditFileReport } from "./types.js";

/** A sum of money in one unit (`万元`), as a canonical decimal string. */
export interface MoneyAmount {
  unit: string;
  total: string;
}

/** One file of the audit, reduced to what the per-file tables show. */
export interface AuditFileRow {
  path: string;
  /** Departments of the file's tables, in order, without repeats (empty: none named). */
  departments: string[];
  tables: number;
  units: number;
  projects: number;
  indicators: number;
  /** The 合计 totals of the file's tables by money unit as published (`万元`, `元`; `""` none given). */
  money: MoneyAmount[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** The file could not be read as a table (input/unreadable). */
  unreadable: boolean;
}

export interface RuleTotal {
  ruleId: string;
  severity: Exclude<Severity, "off">;
  /** Findings. */
  count: number;
  /** Files with at least one. */
  files: number;
}

export interface DepartmentTotal {
  /** null: tables without a 部门名称. */
  department: string | null;
  files: number;
  tables: number;
  projects: number;
  indicators: number;
  /** Money in 万元 (元 converted exactly); other units kept apart. */
  money: MoneyAmount[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface CategoryTotal {
  /** Level-1 name as published (`产出指标`; `?` when missing). */
  level1: string;
  /** Level-2 name, or null for the level-1 total. */
  level2: string | null;
  count: number;
}

/** The totals of an audit (the `summary` of the json/ndjson reports). */
export interface AuditSummary {
  files: number;
  /** Files with an error-level finding (unreadable files included). */
  failingFiles: number;
  unreadableFiles: number;
  tables: number;
  units: number;
  projects: number;
  indicators: number;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** All tables' 合计 in 万元 (元 converted), other units apart. */
  money: MoneyAmount[];
  /** By count, most first; then by rule id. */
  byRule: RuleTotal[];
  /** By money (万元), most first; then by name. */
  byDepartment: DepartmentTotal[];
  /** Level-1 totals and level-2 totals, most first. */
  categories: CategoryTotal[];
  verdict: "pass" | "fail";
}

/** Money is added exactly (not to decimal.js's default 20 significant digits). */
const Exact = ExactDecimal;

/** Money units converted into 万元 for department totals (factor: how many 万元 one unit is). */
const TO_WAN: Record<string, string> = { 万元: "1", 元: "0.0001", 千元: "0.1", 百万元: "100", 亿元: "10000" };
/** Distinct category names kept; further ones are counted under `…` (hostile input cannot grow memory). */
const MAX_CATEGORIES = 500;
const OVERFLOW = "…";

/** Reduce a report to its per-file row (its strings copied, so the row pins nothing else). */
export function summarizeFile(report: AuditFileReport): AuditFileRow {
  const departments: string[] = [];
  const money = new Map<string, Decimal>();
  let units = 0;
  let projects = 0;
  let indicators = 0;
  for (const t of report.tables ?? []) {
    if (t.department !== null && !departments.includes(t.department)) departments.push(detach(t.department));
    units += t.units;
    projects += t.projects;
    indicators += t.indicators;
    if (t.moneyTotal !== null) addMoney(money, detach(t.moneyUnit ?? ""), t.moneyTotal);
  }
  return {
    path: report.path,
    departments,
    tables: report.tables?.length ?? 0,
    units,
    projects,
    indicators,
    money: moneyList(money),
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    infoCount: report.infoCount,
    unreadable: report.unreadable !== null,
  };
}

/** Finding counts (of a file, or of one of its tables). */
type Counts = Pick<FileReport, "errorCount" | "warningCount" | "infoCount">;

interface DepartmentAcc extends Omit<DepartmentTotal, "money"> {
  money: Map<string, Decimal>;
}

/** Accumulates the summary of an audit, one report at a time. */
export class AuditSummaryBuilder {
  private files = 0;
  private failingFiles = 0;
  private unreadableFiles = 0;
  private tables = 0;
  private units = 0;
  private projects = 0;
  private indicators = 0;
  private errorCount = 0;
  private warningCount = 0;
  private infoCount = 0;
  private readonly money = new Map<string, Decimal>();
  private readonly rules = new Map<string, RuleTotal>();
  private readonly departments = new Map<string, DepartmentAcc>();
  private readonly categories = new Map<string, number>();

  /** Add one file; returns its row. */
  add(report: AuditFileReport): AuditFileRow {
    const row = summarizeFile(report);
    this.files++;
    if (report.errorCount > 0) this.failingFiles++;
    if (row.unreadable) this.unreadableFiles++;
    this.tables += row.tables;
    this.units += row.units;
    this.projects += row.projects;
    this.indicators += row.indicators;
    this.errorCount += report.errorCount;
    this.warningCount += report.warningCount;
    this.infoCount += report.infoCount;

    for (const c of report.ruleCounts) {
      const key = `${c.ruleId}\u0000${c.severity}`;
      let total = this.rules.get(key);
      if (!total) this.rules.set(key, (total = { ruleId: c.ruleId, severity: c.severity, count: 0, files: 0 }));
      total.count += c.count;
      total.files++;
    }

    const tables = report.tables ?? [];
    const counted = new Set<string>();
    // Each table's findings go to its department (counted per table when the file has several);
    // findings of a file without per-table counts, to the department of its first table.
    tables.forEach((t, i) => this.addTable(t, counted, t.errorCount !== undefined ? (t as Counts) : i === 0 ? report : null));
    return row;
  }

  private addTable(t: TableSummary, counted: Set<string>, findingsOf: Counts | null): void {
    const key = t.department ?? "\u0000";
    let dep = this.departments.get(key);
    if (!dep) {
      dep = { department: t.department === null ? null : detach(t.department), files: 0, tables: 0, projects: 0, indicators: 0, money: new Map(), errorCount: 0, warningCount: 0, infoCount: 0 };
      this.departments.set(key, dep);
    }
    if (!counted.has(key)) {
      counted.add(key);
      dep.files++;
    }
    dep.tables++;
    dep.projects += t.projects;
    dep.indicators += t.indicators;
    if (findingsOf) {
      dep.errorCount += findingsOf.errorCount;
      dep.warningCount += findingsOf.warningCount;
      dep.infoCount += findingsOf.infoCount;
    }
    if (t.moneyTotal !== null) {
      const unit = detach(t.moneyUnit ?? "");
      addMoney(dep.money, unit, t.moneyTotal, true);
      addMoney(this.money, unit, t.moneyTotal, true);
    }
    for (const [name, count] of Object.entries(t.categories ?? {})) {
      const known = this.categories.has(name) || this.categories.size < MAX_CATEGORIES;
      const k = known ? detach(name) : name.includes("/") ? `${name.slice(0, name.indexOf("/"))}/${OVERFLOW}` : OVERFLOW;
      this.categories.set(k, (this.categories.get(k) ?? 0) + count);
    }
  }

  /** The summary so far. */
  build(): AuditSummary {
    const byRule = [...this.rules.values()].sort((a, b) => b.count - a.count || compareText(a.ruleId, b.ruleId));
    const byDepartment = [...this.departments.values()]
      .map((d) => ({ ...d, money: moneyList(d.money) }))
      .sort((a, b) => compareMoney(b.money, a.money) || compareText(a.department ?? "\uffff", b.department ?? "\uffff"));
    const categories: CategoryTotal[] = [...this.categories].map(([name, count]) => {
      const slash = name.indexOf("/");
      return slash === -1 ? { level1: name, level2: null, count } : { level1: name.slice(0, slash), level2: name.slice(slash + 1), count };
    });
    categories.sort((a, b) => (a.level2 === null ? 0 : 1) - (b.level2 === null ? 0 : 1) || b.count - a.count || compareText(a.level1, b.level1) || compareText(a.level2 ?? "", b.level2 ?? ""));
    return {
      files: this.files,
      failingFiles: this.failingFiles,
      unreadableFiles: this.unreadableFiles,
      tables: this.tables,
      units: this.units,
      projects: this.projects,
      indicators: this.indicators,
      errorCount: this.errorCount,
      warningCount: this.warningCount,
      infoCount: this.infoCount,
      money: moneyList(this.money),
      byRule,
      byDepartment,
      categories,
      verdict: this.failingFiles > 0 ? "fail" : "pass",
    };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Add an amount; with `toWan`, known units are converted into 万元 first (exactly). */
function addMoney(sums: Map<string, Decimal>, unit: string, value: string, toWan = false): void {
  let amount: Decimal;
  try {
    amount = new Exact(value);
  } catch {
    return;
  }
  const factor = toWan && Object.hasOwn(TO_WAN, unit) ? TO_WAN[unit] : undefined;
  if (factor !== undefined) {
    amount = amount.times(factor);
    unit = "万元";
  }
  sums.set(unit, (sums.get(unit) ?? new Exact(0)).plus(amount));
}

/** Sums as a list (at least two decimals, as money is published), 万元 first, then by unit name. */
function moneyList(sums: Map<string, Decimal>): MoneyAmount[] {
  return [...sums]
    .sort(([a], [b]) => (a === "万元" ? -1 : b === "万元" ? 1 : compareText(a, b)))
    .map(([unit, total]) => ({ unit, total: total.toFixed(Math.max(2, total.decimalPlaces())) }));
}

/**
 * The amounts whose unit converts into 万元 (元, 千元, 万元 …), added up in 万元 exactly as the
 * department totals are; null when there is none.
 */
export function moneyInWan(money: readonly MoneyAmount[]): string | null {
  const sums = new Map<string, Decimal>();
  for (const m of money) if (Object.hasOwn(TO_WAN, m.unit)) addMoney(sums, m.unit, m.total, true);
  const wan = sums.get("万元");
  return wan === undefined ? null : wan.toFixed(Math.max(2, wan.decimalPlaces()));
}

/** The exact sum of decimal strings, with at least two decimals (`["0.001", "1"]` → `1.001`). */
export function sumDecimals(values: readonly string[]): string {
  let sum = new Exact(0);
  for (const v of values) sum = sum.plus(v);
  return sum.toFixed(Math.max(2, sum.decimalPlaces()));
}

/** Order by the 万元 amount; money only in other units (美元, none named) is less, by its first amount. */
function compareMoney(a: MoneyAmount[], b: MoneyAmount[]): number {
  const wanA = a[0]?.unit === "万元";
  const wanB = b[0]?.unit === "万元";
  if (wanA !== wanB) return wanA ? 1 : -1;
  return new Exact(a[0]?.total ?? 0).comparedTo(b[0]?.total ?? 0);
}

/** `15812.52` → `15,812.52` (the one of table/amount.ts, linear in the digits). */
export { groupThousands };

/**
 * `15,812.52 万元` (several units joined with ` + `); empty string when there is no money. An amount
 * of a table without a 单位 line gets `noUnit` after it (`13,855.00` + ` (no unit)`), so that it is not
 * read as 万元 in a column of 万元.
 */
export function formatMoney(money: readonly MoneyAmount[], noUnit = ""): string {
  return money
    .map((m) => (m.unit === "" ? groupThousands(m.total) + noUnit : `${groupThousands(m.total)} ${m.unit}`))
    .join(" + ");
}
