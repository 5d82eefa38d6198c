// Mutations are caught, 100 %: one amount changed, a level-2 code moved under the wrong level-1, a `；`
// dropped inside an indicator — exhaustively over the seed table and over generated valid tables.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTable } from "../../src/table/parse.js";
import type { Diagnostic, Indicator, MoneyKey, Project, TableDocument } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import {
  formatCents,
  type GenTable,
  MONEY_COLUMNS,
  renderIndicator,
  renderTable,
  validTable,
} from "../helpers/arbitraries.js";
import { SEED } from "../helpers/fixtures.js";

/**
 * The findings a changed amount must produce at its own row. One changed cell always breaks its own
 * row's 总计 = 财政拨款 + 财政专户拨款 + 其他资金 (the other three cells are unchanged), so the row
 * itself is the one place a finding is guaranteed: row-sum when the difference exceeds 0.005 × summands,
 * rounding within it. The roll-up of the unit or 合计 above is not required — a changed amount can make
 * the next bare row fit as a project of the unit (SPEC §2 decides unit vs project by the amounts), and
 * then the unit's sums move too.
 */
const AMOUNT_RULES = ["amount/row-sum", "amount/unit-rollup", "amount/total-rollup", "amount/rounding"];

/** Level-2 categories of the catalogue with their canonical names. */
const LEVEL2 = [
  ["11", "数量指标"], ["12", "质量指标"], ["13", "时效指标"], ["14", "成本指标"],
  ["21", "经济效益"], ["22", "社会效益"], ["23", "生态效益"], ["24", "可持续影响"],
  ["31", "服务对象满意度"],
] as const;

function check(text: string) {
  return checkInput(text, { path: "mutated.txt" });
}

function at(diagnostics: readonly Diagnostic[], ruleIds: readonly string[], line: number): Diagnostic[] {
  return diagnostics.filter((d) => ruleIds.includes(d.ruleId) && d.line === line);
}

/** Replace one cell (0-based index) of one line (1-based). */
function setCell(text: string, line: number, cell: number, value: string): string {
  const lines = text.split("\n");
  const cells = lines[line - 1]!.split("\t");
  cells[cell] = value;
  lines[line - 1] = cells.join("\t");
  return lines.join("\n");
}

/** Cents of a published amount (`15,812.52`), 0 for an empty cell. */
function toCents(raw: string | null): number {
  if (raw === null) return 0;
  const [int, frac = ""] = raw.replace(/,/g, "").split(".");
  return Number(int) * 100 + Number(frac.padEnd(2, "0").slice(0, 2));
}

/** Every money cell of the seed, and its cell index from the header. */
function seedMoneyCells(doc: TableDocument): { line: number; cell: number; key: MoneyKey; raw: string | null }[] {
  const index = new Map(doc.header!.columns.filter((c) => c.key !== null).map((c) => [c.key!, c.index]));
  const rows = [doc.total!, ...doc.units.filter((u) => u.line !== null), ...doc.units.flatMap((u) => u.projects)];
  return rows.flatMap((r) => MONEY_COLUMNS.map((key) => ({ line: r.line!, cell: index.get(key)!, key, raw: r.amountsRaw![key] })));
}

/** The 绩效指标 cell of a project with the k-th indicator's text replaced. */
function indicatorsCellWith(project: Project, k: number, raw: string): string {
  const raws = project.indicators.map((i, j) => (j === k ? raw : i.raw));
  return raws.join("。") + (project.indicatorsFinalStop ? "。" : "");
}

/** The raw without its j-th `；` (0-based). */
function dropSemicolon(raw: string, j: number): string {
  let seen = -1;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "；" && ++seen === j) return raw.slice(0, i) + raw.slice(i + 1);
  }
  throw new Error(`no ；#${j} in ${raw}`);
}

/** A level-1 code's wrong level-2 categories: every one of the catalogue under another level-1. */
function wrongLevel2(level1Code: string): (readonly [string, string])[] {
  return LEVEL2.filter(([code]) => !code.startsWith(level1Code));
}

/** The visible fields of an indicator (for "the other indicators are still read the same"). */
function fieldsOf(i: Indicator) {
  return { seq: i.seq, level1: i.level1, level2: i.level2, name: i.name, period: i.period?.raw, annual: i.annual?.raw, error: i.error };
}

const SEED_DOC = parseTable(SEED).value[0]!;
const SEED_PROJECTS = SEED_DOC.units.flatMap((u) => u.projects);
const INDICATORS_CELL = SEED_DOC.header!.columns.find((c) => c.key === "indicators")!.index;

describe("seed: every amount changed by at least a cent is caught at its row", () => {
  const cells = seedMoneyCells(SEED_DOC);
  const deltas = [1, -1, 3, 100, -100, 12_345, 1_000_000_00];

  it("covers 合计, both units and all 13 projects, four columns each", () => {
    expect(cells).toHaveLength(16 * 4);
    expect(check(SEED).diagnostics.filter((d) => d.ruleId.startsWith("amount/"))).toEqual([]);
  });

  it.each(cells.map((c) => [`${c.line}:${c.key}`, c] as const))("line %s", (_name, c) => {
    let tried = 0;
    for (const delta of deltas) {
      const cents = toCents(c.raw) + delta;
      if (cents < 0) continue;
      tried++;
      const { diagnostics } = check(setCell(SEED, c.line, c.cell, formatCents(cents)));
      expect(at(diagnostics, AMOUNT_RULES, c.line), `${c.key} ${c.raw ?? "(empty)"} → ${formatCents(cents)}`).not.toEqual([]);
      expect(diagnostics.filter((d) => d.ruleId === "amount/format")).toEqual([]);
    }
    expect(tried).toBeGreaterThan(0);
  });
});

describe("seed: a level-2 code moved under another level-1 is caught at its line", () => {
  it("for every indicator of the seed and every wrong level-2 (code alone, or code and name)", () => {
    let cases = 0;
    for (const project of SEED_PROJECTS) {
      project.indicators.forEach((indicator, k) => {
        const parts = indicator.raw.split("；");
        expect(parts).toHaveLength(5);
        const level1Code = indicator.level1!.code!;
        for (const [code, name] of wrongLevel2(level1Code)) {
          for (const level2 of [parts[1]!.replace(/^\d+/, code), `${code}-${name}`]) {
            const raw = [parts[0], level2, ...parts.slice(2)].join("；");
            const text = setCell(SEED, project.line, INDICATORS_CELL, indicatorsCellWith(project, k, raw));
            const found = check(text).diagnostics.filter((d) => d.ruleId === "indicator/category");
            expect(found.map((d) => d.line), `${project.name} #${k + 1}: ${parts[1]} → ${level2}`).toEqual([project.line]);
            expect(found[0]!.column).toBeGreaterThanOrEqual(indicator.column);
            expect(found[0]!.endColumn).toBeLessThanOrEqual(indicator.endColumn + 1);
            cases++;
          }
        }
      });
    }
    // 53 indicators, each with 5 (level-1 1 or 2) or 8 (level-1 3) wrong level-2s, two spellings each.
    expect(cases).toBeGreaterThanOrEqual(53 * 5 * 2);
  });
});

describe("seed: a dropped `；` inside an indicator is caught at its line, the others still read", () => {
  it("for every indicator of the seed and each of its four `；`", () => {
    let cases = 0;
    for (const project of SEED_PROJECTS) {
      project.indicators.forEach((indicator, k) => {
        for (let j = 0; j < 4; j++) {
          const raw = dropSemicolon(indicator.raw, j);
          const text = setCell(SEED, project.line, INDICATORS_CELL, indicatorsCellWith(project, k, raw));
          const syntax = check(text).diagnostics.filter((d) => d.ruleId === "indicator/syntax");
          expect(syntax.map((d) => d.line), `${project.name} #${k + 1} without ；#${j + 1}`).toEqual([project.line]);
          expect(syntax[0]!.column).toBeGreaterThanOrEqual(indicator.column);
          expect(syntax[0]!.column).toBeLessThan(indicator.endColumn);
          // grammar/README.md: each indicator is parsed on its own and parsing recovers at the next
          // `N、` after a `。`, so the cell keeps its count and only the broken indicator has an error.
          const reread = parseTable(text).value[0]!.units.flatMap((u) => u.projects).find((p) => p.line === project.line)!;
          expect(reread.indicators).toHaveLength(project.indicators.length);
          expect(reread.indicators[k]!.error).toBeDefined();
          expect(reread.indicators[k]!.raw).toBe(raw);
          const others = (list: Indicator[]) => list.filter((_, i) => i !== k).map(fieldsOf);
          expect(others(reread.indicators)).toEqual(others(project.indicators));
          cases++;
        }
      });
    }
    expect(cases).toBe(53 * 4);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated valid tables

/** Where to change one amount: a row, a column and a change in cents that keeps it ≥ 0. */
const amountChange = (t: GenTable) =>
  fc
    .tuple(fc.nat({ max: t.rows.length - 1 }), fc.constantFrom(...MONEY_COLUMNS), fc.integer({ min: 1, max: 100_000_00 }), fc.boolean())
    .map(([row, column, size, up]) => {
      const before = t.rows[row]!.cents[column] ?? 0;
      const delta = up || before < size ? size : -size;
      return { row, column, delta };
    });

const projectRows = (t: GenTable) => t.rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === "project").map(([, i]) => i);

describe("generated valid tables", () => {
  it("raise no error and no warning (the generator is valid and perftable does not cry wolf)", () => {
    fc.assert(
      fc.property(validTable(), (t) => {
        const report = check(renderTable(t).text);
        expect(report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
        expect(report.tables?.[0]?.projects).toBe(projectRows(t).length);
      }),
      { numRuns: 150 },
    );
  });

  it("catch any one amount changed by at least a cent, at its row", () => {
    fc.assert(
      fc.property(validTable().chain((t) => fc.tuple(fc.constant(t), amountChange(t))), ([t, { row, column, delta }]) => {
        const changed: GenTable = structuredClone(t);
        const r = changed.rows[row]!;
        r.cents[column] = (r.cents[column] ?? 0) + delta;
        const { text, lineOf } = renderTable(changed);
        const { diagnostics } = check(text);
        expect(at(diagnostics, AMOUNT_RULES, lineOf[row]!)).not.toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("catch a level-2 code moved under another level-1, at its line", () => {
    const change = (t: GenTable) =>
      fc.constantFrom(...projectRows(t)).chain((row) =>
        fc.nat({ max: t.rows[row]!.indicators.length - 1 }).chain((k) => {
          const level1Code = t.rows[row]!.indicators[k]!.level1.split("-")[0]!;
          return fc.tuple(fc.constant(row), fc.constant(k), fc.constantFrom(...wrongLevel2(level1Code)), fc.boolean());
        }),
      );
    fc.assert(
      fc.property(validTable().chain((t) => fc.tuple(fc.constant(t), change(t))), ([t, [row, k, [code, name], withName]]) => {
        const changed: GenTable = structuredClone(t);
        const indicator = changed.rows[row]!.indicators[k]!;
        indicator.level2 = withName ? `${code}-${name}` : indicator.level2.replace(/^\d+/, code);
        const { text, lineOf } = renderTable(changed);
        const found = check(text).diagnostics.filter((d) => d.ruleId === "indicator/category");
        expect(found.map((d) => d.line)).toEqual([lineOf[row]]);
      }),
      { numRuns: 500 },
    );
  });

  it("catch a dropped `；` inside an indicator, at its line, and still read the others", () => {
    const change = (t: GenTable) =>
      fc.constantFrom(...projectRows(t)).chain((row) => fc.tuple(fc.constant(row), fc.nat({ max: t.rows[row]!.indicators.length - 1 }), fc.nat({ max: 3 })));
    fc.assert(
      fc.property(validTable().chain((t) => fc.tuple(fc.constant(t), change(t))), ([t, [row, k, j]]) => {
        const raws = t.rows[row]!.indicators.map((x, i) => renderIndicator(x, i + 1));
        raws[k] = dropSemicolon(raws[k]!, j);
        const { text, lineOf } = renderTable(t, new Map([[row, raws.join("。") + "。"]]));
        const syntax = check(text).diagnostics.filter((d) => d.ruleId === "indicator/syntax");
        expect(syntax.map((d) => d.line)).toEqual([lineOf[row]]);
        const project = parseTable(text).value[0]!.units.flatMap((u) => u.projects).find((p) => p.line === lineOf[row])!;
        expect(project.indicators.map((i) => i.error !== undefined)).toEqual(raws.map((_, i) => i === k));
        expect(project.indicators.filter((_, i) => i !== k).map((i) => i.name)).toEqual(t.rows[row]!.indicators.filter((_, i) => i !== k).map((i) => i.name));
      }),
      { numRuns: 500 },
    );
  });
});
