// Test helper: build a small TableDocument from indicator specs (with real positions and targets
// typed by parseTarget) and run ONE rule over it in the documented listener order.
import { parseTarget } from "../../src/targets/index.js";
import type { ReportDescriptor, Rule } from "../../src/rules/types.js";
import type { Amounts, Category, Indicator, Project, TableDocument, Unit } from "../../src/types.js";

/** One indicator as published; unset fields take the defaults of the seed's first indicator. */
export interface IndicatorSpec {
  seq?: number | null;
  /** `1-产出指标` style; a text without `-` has no code. */
  level1?: string;
  level2?: string;
  name?: string;
  period?: string;
  /** Defaults to the period value. */
  annual?: string;
  /** Marks the indicator as not parsed (fields null, `error` set). */
  error?: string;
}

export interface ProjectSpec {
  name?: string;
  goal?: string | null;
  indicators?: IndicatorSpec[];
  /** The 绩效指标 cell when it is not the indicators joined (e.g. unparsable text). */
  indicatorsRaw?: string | null;
}

export interface UnitSpec {
  name: string | null;
  projects: ProjectSpec[];
}

const AMOUNTS: Amounts = { total: "1.00", appropriation: "1.00", specialAccount: null, other: null };
const AMOUNTS_RAW: Amounts = { ...AMOUNTS };

function cp(s: string): number {
  return [...s].length;
}

function parseCategory(text: string): Category {
  const dash = text.indexOf("-");
  return dash < 0 ? { code: null, name: text } : { code: text.slice(0, dash), name: text.slice(dash + 1) };
}

/** Build one indicator whose raw text starts at (line, column). */
export function buildIndicator(spec: IndicatorSpec, index: number, line: number, column: number): Indicator {
  const seq = spec.seq === undefined ? index + 1 : spec.seq;
  const level1 = spec.level1 ?? "1-产出指标";
  const level2 = spec.level2 ?? "11-数量指标";
  const name = spec.name ?? "扶持项目数量";
  const period = spec.period ?? "≥495家次";
  const annual = spec.annual ?? period;
  const head = `${seq ?? ""}、${level1}；${level2}；${name}；实施周期指标值:`;
  const middle = `；年度指标值:`;
  const raw = head + period + middle + annual;
  const base: Indicator = {
    seq,
    line,
    column,
    endLine: line,
    endColumn: column + cp(raw),
    level1: null,
    level2: null,
    name: null,
    period: null,
    annual: null,
    raw,
  };
  if (spec.error !== undefined) return { ...base, error: spec.error };
  const periodColumn = column + cp(head);
  return {
    ...base,
    level1: parseCategory(level1),
    level2: parseCategory(level2),
    name,
    period: parseTarget(period),
    annual: parseTarget(annual),
    periodAt: { line, column: periodColumn },
    annualAt: { line, column: periodColumn + cp(period) + cp(middle) },
  };
}

/** Build a project row on `line`: `name⇥1.00⇥1.00⇥⇥⇥goal⇥indicators`. */
export function buildProject(spec: ProjectSpec, line: number): Project {
  const name = spec.name ?? "项目甲";
  const goal = spec.goal === undefined ? "目标" : spec.goal;
  const before = `${name}\t1.00\t1.00\t\t\t${goal ?? ""}\t`;
  const indicatorsColumn = cp(before) + 1;
  const indicators: Indicator[] = [];
  let column = indicatorsColumn;
  (spec.indicators ?? []).forEach((s, k) => {
    const i = buildIndicator(s, k, line, column);
    indicators.push(i);
    column = i.endColumn + 1; // after the 。
  });
  return {
    name,
    nameColumn: 1,
    line,
    amounts: { ...AMOUNTS },
    amountsRaw: { ...AMOUNTS_RAW },
    goal,
    goalColumn: cp(`${name}\t1.00\t1.00\t\t\t`) + 1,
    indicators,
    indicatorsColumn,
    indicatorsRaw: spec.indicatorsRaw === undefined ? (indicators.length > 0 ? undefined : null) : spec.indicatorsRaw,
  };
}

/** Build a table: 合计 on line 10, then each unit row (when named) and its project rows, one line each. */
export function buildDocument(units: UnitSpec[]): TableDocument {
  let line = 11;
  const built: Unit[] = units.map((u) => {
    const unitLine = u.name === null ? null : line++;
    const projects = u.projects.map((p) => buildProject(p, line++));
    return { name: u.name, line: unitLine, nameColumn: 1, amounts: { ...AMOUNTS }, projects };
  });
  return {
    title: "项目支出绩效目标表",
    department: "测试部门",
    moneyUnit: "万元",
    encoding: "utf-8",
    line: 3,
    header: null,
    total: { line: 10, amounts: { ...AMOUNTS }, amountsRaw: { ...AMOUNTS_RAW } },
    units: built,
  };
}

/** A table with one unit (`单位甲`, line 11) holding the given projects (lines 12, 13, …). */
export function buildTable(...projects: ProjectSpec[]): TableDocument {
  return buildDocument([{ name: "单位甲", projects }]);
}

/** A report as collected by `runRule`: `data` always present (`{}` when the rule gave none). */
export type CollectedReport = ReportDescriptor & { data: Record<string, string | number> };

/** Run one rule over a document: table, total, per unit (project + its indicators, then unit), tableEnd. */
export function runRule(
  rule: Rule,
  doc: TableDocument,
  options: Record<string, number | string | boolean> = {},
): CollectedReport[] {
  const reports: CollectedReport[] = [];
  const listeners = rule.create({
    file: "test.txt",
    options: { ...rule.meta.defaultOptions, ...options },
    report: (d) => reports.push({ ...d, data: d.data ?? {} }),
  });
  listeners.table?.(doc);
  if (doc.total) listeners.total?.(doc.total, doc);
  for (const unit of doc.units) {
    for (const project of unit.projects) {
      listeners.project?.(project, unit, doc);
      for (const indicator of project.indicators) listeners.indicator?.(indicator, project, unit, doc);
    }
    listeners.unit?.(unit, doc);
  }
  listeners.tableEnd?.(doc);
  return reports;
}

/** Run one rule over a table of one project with these indicators. */
export function runOnIndicators(
  rule: Rule,
  indicators: IndicatorSpec[],
  options?: Record<string, number | string | boolean>,
): CollectedReport[] {
  return runRule(rule, buildTable({ indicators }), options);
}
