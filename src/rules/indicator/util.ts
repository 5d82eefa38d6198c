// Helpers shared by the indicator and project rules: spans of targets, "which target" message ids,
// exact decimal comparisons, the classification of indicator names and category groups of projects.
import { Decimal } from "decimal.js";
import { isDigit } from "../../../grammar/tokens.js";
import { classifyCategories, type CategoryGroup } from "../../targets/index.js";
import { type Comparator, type Indicator, NAME_DOUBLED, type Position, type Project, RAW_POSITIONS, type RawPositions, type Span, type Target } from "../../types.js";
import type { Bilingual, RuleContext } from "../types.js";

/** Which target(s) of an indicator a finding concerns. */
export type TargetWhich = "period" | "annual" | "both";

const TARGET_NAMES: Record<TargetWhich, Bilingual> = {
  period: { zh: "实施周期指标值", en: "period target" },
  annual: { zh: "年度指标值", en: "annual target" },
  both: { zh: "实施周期指标值和年度指标值", en: "period and annual targets" },
};

const WHICH_SUFFIX: Record<TargetWhich, string> = { period: "Period", annual: "Annual", both: "Both" };

/** Number of Unicode code points of a string (a column width in positions). */
export function countCodePoints(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** The whole indicator as a span. */
export function indicatorSpan(i: Indicator): Span {
  return { line: i.line, column: i.column, endLine: i.endLine, endColumn: i.endColumn };
}

/**
 * The file position of a UTF-16 offset into an indicator's `raw` on its first line: exact through
 * the parser's positions when its cell has doubled quotes (RawPositions), else counted in code
 * points from the indicator's first character (spaces before it in `raw` are not columns of it).
 */
export function rawPosition(i: Indicator, offset: number): Position {
  const exact = (i as Indicator & { [RAW_POSITIONS]?: RawPositions })[RAW_POSITIONS];
  if (exact !== undefined) return exact.at(offset);
  const raw = i.raw;
  let lead = 0;
  while (lead < offset && (raw.charCodeAt(lead) === 0x20 || raw.charCodeAt(lead) === 0x3000 || raw.charCodeAt(lead) === 0x09)) lead++;
  return { line: i.line, column: i.column + countCodePoints(raw.slice(lead, offset)) };
}

function valueEnd(i: Indicator, which: "period" | "annual", at: Position, t: Target): Position {
  // Doubled quotes inside or before the value: its end through the parser's positions.
  const exact = (i as Indicator & { [RAW_POSITIONS]?: RawPositions })[RAW_POSITIONS];
  const offset = exact?.[which];
  if (exact !== undefined && offset !== null && offset !== undefined) return exact.at(offset + t.raw.length);
  return { line: at.line, column: at.column + countCodePoints(t.raw) };
}

/**
 * The span of a target's value (`periodAt`/`annualAt` to the end of its raw text), or of both
 * values (start of the period value to the end of the annual value). Falls back to the
 * indicator's span when the positions are not known or the value is empty.
 */
export function targetSpan(i: Indicator, which: TargetWhich): Span {
  const startAt = which === "annual" ? i.annualAt : i.periodAt;
  const endAt = which === "period" ? i.periodAt : i.annualAt;
  const endTarget = which === "period" ? i.period : i.annual;
  if (!startAt || !endAt || !endTarget || endTarget.raw.length === 0) return indicatorSpan(i);
  const end = valueEnd(i, which === "period" ? "period" : "annual", endAt, endTarget);
  return { line: startAt.line, column: startAt.column, endLine: end.line, endColumn: end.column };
}

/** Which target(s) are hit, or null when neither. */
export function whichTarget(period: boolean, annual: boolean): TargetWhich | null {
  if (period && annual) return "both";
  if (period) return "period";
  if (annual) return "annual";
  return null;
}

/** The message id for a base id and a target: `vacuous` + `both` → `vacuousBoth`. */
export function targetMessageId(base: string, which: TargetWhich): string {
  return base + WHICH_SUFFIX[which];
}

/**
 * Three messages (`<base>Period`, `<base>Annual`, `<base>Both`) from one template whose
 * `{target}` names the target: 实施周期指标值 / 年度指标值 in Chinese, period / annual in English;
 * `{is}` / `{has}` agree with it in English. A template without `{name}` is prefixed with the
 * indicator's name.
 * Other placeholders (`{value}` …) stay for the reporters to fill.
 */
export function defineTargetMessages(base: string, template: Bilingual): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  for (const which of ["period", "annual", "both"] as const) {
    out[targetMessageId(base, which)] = {
      zh: (template.zh.includes("{name}") ? "" : "“{name}”：") + template.zh.replaceAll("{target}", TARGET_NAMES[which].zh),
      en: (template.en.includes("{name}") ? "" : "“{name}”: ") +
        template.en
          .replaceAll("{target}", TARGET_NAMES[which].en)
          .replaceAll("{is}", which === "both" ? "are" : "is")
          .replaceAll("{has}", which === "both" ? "have" : "has"),
    };
  }
  return out;
}

/** The name a finding gives an indicator: its name, or `#seq` when unnamed. */
export function indicatorLabel(i: Indicator): string {
  return i.name ?? `#${i.seq ?? "?"}`;
}

/** The raw value(s) a finding shows: one raw text, or `a / b` when both targets differ. */
export function targetValue(i: Indicator, which: TargetWhich): string {
  const p = i.period?.raw ?? "";
  const a = i.annual?.raw ?? "";
  if (which === "period") return p;
  if (which === "annual") return a;
  return p === a ? p : `${p} / ${a}`;
}

/**
 * Report one finding for an indicator about the targets that are hit (nothing when neither):
 * message id `<base><Which>`, data `{ value, ...extra }`, span on the offending value(s).
 */
export function reportTargets(
  ctx: RuleContext,
  i: Indicator,
  project: string,
  base: string,
  period: boolean,
  annual: boolean,
  extra?: Record<string, string | number>,
  milder?: boolean,
): void {
  const which = whichTarget(period, annual);
  if (which === null) return;
  ctx.report({
    messageId: targetMessageId(base, which),
    data: { name: indicatorLabel(i), value: targetValue(i, which), ...extra },
    span: targetSpan(i, which),
    project,
    indicator: indicatorLabel(i),
    ...(milder === true ? { milder } : {}),
  });
}

/**
 * The span of a project's name on its row: its code points, and one column more for each quote its
 * cell wrote doubled (`""`, see NAME_DOUBLED).
 */
export function projectSpan(p: { line: number; nameColumn: number; name: string }): Span {
  const doubled = (p as { [NAME_DOUBLED]?: number })[NAME_DOUBLED] ?? 0;
  return { line: p.line, column: p.nameColumn, endLine: p.line, endColumn: p.nameColumn + countCodePoints(p.name) + doubled };
}

// ---- exact comparisons of decimal strings ----

/**
 * Compare a decimal string with a number exactly: -1, 0 or 1. Binary rounding is monotonic, so a
 * strict float inequality is exact; only a float tie is settled with decimal.js.
 */
export function compareDecimalTo(value: string, n: number): number {
  const f = Number(value);
  if (Number.isNaN(f)) return Number.NaN;
  if (f < n) return -1;
  if (f > n) return 1;
  // A tie in binary (`100` and 100: the common case). A decimal of at most 15 characters has at
  // most 15 significant digits, so it is the only such decimal with this double: equal, exactly.
  if (value.length <= 15 && Number.isSafeInteger(n)) return 0;
  return new Decimal(value).cmp(n);
}

/** Compare two decimal strings exactly: -1, 0 or 1 (NaN when either is not a number). */
export function compareDecimals(a: string, b: string): number {
  const fa = Number(a);
  const fb = Number(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) return Number.NaN;
  if (fa < fb) return -1;
  if (fa > fb) return 1;
  // A tie in binary: two decimals of at most 15 characters (15 significant digits) that give the
  // same double are the same number.
  if (a.length <= 15 && b.length <= 15) return 0;
  return new Decimal(a).cmp(new Decimal(b));
}

/** The value and unit to compare two targets by: scaled when a scale applies (`3万人` → 30000 人). */
export function scaledOf(t: Target): { value: string | null; unit: string | null } {
  // The target itself has `value` and `unit`: no object is made per comparison.
  return t.scaled ?? t;
}

/** `>=` / `>`: a floor. */
export function isFloor(c: Comparator | null): boolean {
  return c === ">=" || c === ">";
}

/** `<=` / `<`: a ceiling. */
export function isCeiling(c: Comparator | null): boolean {
  return c === "<=" || c === "<";
}

// ---- indicator names ----

/**
 * Memoise a classification of names (they repeat across projects and tables). Keys are copied so
 * they do not pin the file chunk they were sliced from; the cache is cleared when it grows large.
 */
function memoByName<T>(classify: (name: string) => T): (name: string) => T {
  let cache = new Map<string, T>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined && !cache.has(name)) {
      v = classify(name);
      if (cache.size >= 20_000) cache = new Map();
      cache.set((" " + name).slice(1), v);
    }
    return v as T;
  };
}

function containsAny(name: string, words: readonly string[]): boolean {
  for (const w of words) if (name.includes(w)) return true;
  return false;
}

function endsWithAny(name: string, words: readonly string[]): boolean {
  for (const w of words) if (name.endsWith(w)) return true;
  return false;
}

/** A rate: the name ends in 率 (`补贴审核及时率`). `覆盖面` is not a rate. */
export function isRateName(name: string): boolean {
  return name.trimEnd().endsWith("率");
}

const COUNT_SUFFIXES = ["数量", "人数", "次数", "个数", "家数", "场次", "户数", "件数"] as const;

/** A count: the name ends in 数量, 人数, 次数, 个数, 家数, 场次, 户数 or 件数 (`培育上市企业数量`). */
export function isCountName(name: string): boolean {
  return endsWithAny(name.trimEnd(), COUNT_SUFFIXES);
}

const POSITIVE_WORDS = ["满意度", "满意率", "合格率", "覆盖率", "及时率", "完成率", "达标率", "准确率", "知晓率"] as const;
const REVERSE_WORDS = ["投诉率", "差错率", "事故率", "发生率", "失误率", "故障率"] as const;

/** Characters that negate the positive word after them: 不合格率, 不满意率, 未完成率 are reverse. */
const NEGATIONS = "不未非";

/** Which positive words the name holds: plain (`合格率`) and negated (`不合格率`). */
function positiveWords(name: string): { plain: boolean; negated: boolean } {
  let plain = false;
  let negated = false;
  for (const w of POSITIVE_WORDS) {
    for (let at = name.indexOf(w); at >= 0; at = name.indexOf(w, at + 1)) {
      if (at > 0 && NEGATIONS.includes(name[at - 1]!)) negated = true;
      else plain = true;
    }
  }
  return { plain, negated };
}

/**
 * The direction of an indicator by its name: `positive` (more is better: 满意度, 合格率, 覆盖率,
 * 及时率, 完成率, 满意率, 达标率, 准确率, 知晓率), `reverse` (less is better: 投诉率, 差错率, 事故率,
 * 发生率, 失误率, 故障率, and a positive word after 不 / 未 / 非 such as 不合格率 — but 无故障率 is
 * positive), or null (unknown, or both kinds of word).
 */
export const classifyDirection = memoByName(function classifyDirection(name: string): "positive" | "reverse" | null {
  const faultFree = name.includes("无故障率");
  const words = positiveWords(name);
  const positive = faultFree || words.plain;
  const reverse = words.negated || containsAny(faultFree ? name.replaceAll("无故障率", "") : name, REVERSE_WORDS);
  if (positive === reverse) return null;
  return positive ? "positive" : "reverse";
});

const GROWTH_WORDS = ["增长", "增幅", "提升率", "增速"] as const;

/** A growth rate, which may legitimately exceed 100 % (增长率, 增幅, 提升率, 增速). */
export const isGrowthName = memoByName((name: string): boolean => containsAny(name, GROWTH_WORDS));

/** A satisfaction indicator by name (…满意…). */
export function isSatisfactionName(name: string): boolean {
  return name.includes("满意");
}

const CHANGE_WORDS = ["提高", "提升", "增长", "增加", "上升", "下降", "降低", "减少", "同比", "环比"] as const;

/**
 * A quantity that is a change, not a level: its words say so (`比上年提高5%`, `增长10%`, `下降5%`)
 * or it is a tolerance (`±3%`).
 */
export function isChangeTarget(t: Target): boolean {
  return t.modifier === "±" || (t.text !== null && containsAny(t.text, CHANGE_WORDS));
}

/** Whether a text holds a digit (ASCII or full-width): `1/3`, `1:1` are measurable, if not typed. */
export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

/** Whether a target is a quantity with a value (the only kind with comparators and units). */
export function isQuantity(t: Target | null): t is Target & { value: string } {
  return t !== null && t.kind === "quantity" && t.value !== null;
}

// ---- projects ----

/**
 * Whether a project has an indicator of a category group: true / false when decidable, null when
 * the project has no indicators or one of them did not parse (its category is unknown).
 */
export function hasCategoryGroup(p: Project, group: CategoryGroup): boolean | null {
  const groups = projectGroups(p);
  if ((groups & GROUP_BIT[group]) !== 0) return true;
  return (groups & UNDECIDED) !== 0 || p.indicators.length === 0 ? null : false;
}

/** The category groups as bits, and `undecided` (an indicator that did not parse). */
const GROUP_BIT: Record<CategoryGroup, number> = { output: 1, effect: 2, satisfaction: 4, cost: 8 };
const UNDECIDED = 16;

/**
 * The last project asked about and its groups: the project rules ask one after another while a
 * project is current, so one entry is the whole cache.
 */
let lastProject: Project | null = null;
let lastGroups = 0;

/** The category groups of a project's indicators (and `undecided` when one did not parse), once per project. */
function projectGroups(p: Project): number {
  if (p === lastProject) return lastGroups;
  let groups = 0;
  for (const i of p.indicators) {
    if (i.error !== undefined) groups |= UNDECIDED;
    else {
      const g = classifyCategories(i.level1, i.level2).group;
      if (g !== null) groups |= GROUP_BIT[g];
    }
  }
  lastProject = p;
  lastGroups = groups;
  return groups;
}
