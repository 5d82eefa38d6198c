// Shared money checks of the amount/* rules: the row sum, unit roll-up and total roll-up of each
// money column, computed exactly once per node (cached) and classified as equal / rounding / mismatch.
import type { Decimal } from "decimal.js";
import { compareSum, formatMoney, isUnparsable, MoneySum } from "../../table/amount.js";
import type { AmountRow, MoneyKey, Span, TableDocument, Unit } from "../../types.js";
import type { RuleListeners } from "../types.js";
import { MONEY_KEYS } from "../../types.js";

export const COLUMN_ZH: Record<MoneyKey, string> = { total: "总计", appropriation: "财政拨款", specialAccount: "财政专户拨款", other: "其他资金" };
/** The money columns in English words (the key `specialAccount` is not one). */
export const COLUMN_EN: Record<MoneyKey, string> = { total: "total", appropriation: "appropriation", specialAccount: "special account", other: "other" };

export interface SumCheck {
  level: "row" | "unit" | "total";
  column: MoneyKey;
  verdict: "equal" | "rounding" | "mismatch";
  expected: string | null;
  /** The sum of the parts (computed only for checks that are not equal). */
  actual: Decimal | null;
  difference: Decimal;
  summands: number;
}

/**
 * The last row and unit checked, with their checks: the amount rules ask about a row one after
 * another while it is current, so one entry each is the whole cache (no map per row).
 */
let lastRow: AmountRow | Unit | null = null;
let lastRowChecks: SumCheck[] = [];
let lastUnit: Unit | null = null;
let lastUnitChecks: SumCheck[] = [];

/** 总计 = 财政拨款 + 财政专户拨款 + 其他资金 on one row (skipped when a cell is not a number or all are empty). */
export function checkRowSum(row: AmountRow | Unit): SumCheck[] {
  if (row === lastRow) return lastRowChecks;
  const a = row.amounts;
  const out: SumCheck[] = [];
  const raw = row.amountsRaw;
  let unparsable = false;
  if (raw !== undefined) for (const k of MONEY_KEYS) if (raw[k] !== null && a[k] === null) unparsable = true;
  if (!unparsable && (a.total !== null || a.appropriation !== null || a.specialAccount !== null || a.other !== null)) {
    const sum = new MoneySum();
    sum.add(a.appropriation);
    sum.add(a.specialAccount);
    sum.add(a.other);
    const { verdict, difference } = compareSum(a.total, sum);
    out.push({ level: "row", column: "total", verdict, expected: a.total, actual: verdict === "equal" ? null : sum.toDecimal(), difference, summands: sum.count });
  }
  lastRow = row;
  lastRowChecks = out;
  return out;
}

/**
 * Each unit column = Σ of its projects' column (only for real unit rows). A column where the unit
 * or one of its projects is not a number is not checked: its sum is unknown.
 */
export function checkUnitRollup(unit: Unit): SumCheck[] {
  if (unit.line === null) return [];
  if (unit === lastUnit) return lastUnitChecks;
  const out: SumCheck[] = [];
  columns: for (const column of MONEY_KEYS) {
    if (isUnparsable(unit, column)) continue;
    const sum = new MoneySum();
    for (const p of unit.projects) {
      if (isUnparsable(p, column)) continue columns;
      sum.add(p.amounts[column]);
    }
    const { verdict, difference } = compareSum(unit.amounts[column], sum);
    out.push({ level: "unit", column, verdict, expected: unit.amounts[column], actual: verdict === "equal" ? null : sum.toDecimal(), difference, summands: sum.count });
  }
  lastUnit = unit;
  lastUnitChecks = out;
  return out;
}

/** Accumulates units (or, without unit rows, projects) as they stream by, to check 合计 at the end. */
export class TotalAccumulator {
  readonly sums = new Map<MoneyKey, MoneySum>(MONEY_KEYS.map((k) => [k, new MoneySum()]));
  /** Columns where a summand is not a number (amount/format reports it): their sum is unknown. */
  private readonly unknown = new Set<MoneyKey>();
  private units = 0;
  add(unit: Unit): void {
    if (unit.line !== null) {
      this.units++;
      for (const k of MONEY_KEYS) this.addRow(unit, k);
    } else {
      for (const p of unit.projects) for (const k of MONEY_KEYS) this.addRow(p, k);
    }
  }
  private addRow(row: Unit | AmountRow, column: MoneyKey): void {
    if (isUnparsable(row, column)) this.unknown.add(column);
    else this.sums.get(column)!.add(row.amounts[column]);
  }
  /** The checks of 合计 against the accumulated sums (none without a 合计 row). */
  check(doc: TableDocument): SumCheck[] {
    const total = doc.total;
    if (total === null) return [];
    const out: SumCheck[] = [];
    for (const column of MONEY_KEYS) {
      if (isUnparsable(total, column) || this.unknown.has(column)) continue;
      const sum = this.sums.get(column)!;
      const { verdict, difference } = compareSum(total.amounts[column], sum);
      out.push({ level: "total", column, verdict, expected: total.amounts[column], actual: verdict === "equal" ? null : sum.toDecimal(), difference, summands: sum.count });
    }
    return out;
  }
  /** Whether the table has unit rows (the sums are of units). */
  get ofUnits(): boolean {
    return this.units > 0;
  }
}

/** The span of a money cell of a row (falls back to the row's first column). */
export function cellSpan(row: { line: number | null; amountColumns?: Partial<Record<MoneyKey, number>>; amountLines?: Partial<Record<MoneyKey, number>>; amountsRaw?: Record<MoneyKey, string | null>; nameColumn?: number }, column: MoneyKey): Span {
  const line = row.amountLines?.[column] ?? row.line ?? 1;
  const start = row.amountColumns?.[column] ?? row.nameColumn ?? 1;
  const length = [...(row.amountsRaw?.[column] ?? "")].length || 1;
  return { line, column: start, endLine: line, endColumn: start + length };
}

/** Message data of a sum check. */
export function sumData(c: SumCheck, name: string, moneyUnit: string | null): Record<string, string> {
  return {
    name,
    column: c.column,
    columnZh: COLUMN_ZH[c.column],
    columnEn: COLUMN_EN[c.column],
    expected: formatMoney(c.expected),
    actual: formatMoney(c.actual ?? c.expected),
    difference: formatMoney(c.difference.abs()),
    unit: moneyUnit ?? "",
  };
}

/**
 * Listeners that call `check` on every row with money: the 合计 row (named 合计), each unit row and
 * each project, with the row's display name and the project it concerns (null for 合计 and units).
 */
export function eachAmountRow(check: (row: AmountRow | Unit, name: string, project: string | null, doc: TableDocument) => void): RuleListeners {
  return {
    total: (row, doc) => check(row, "合计", null, doc),
    project: (p, _unit, doc) => check(p, p.name, p.name, doc),
    unit: (u, doc) => {
      if (u.line !== null) check(u, u.name ?? "", null, doc);
    },
  };
}
