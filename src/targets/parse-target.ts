// Types one 实施周期指标值 / 年度指标值 (`≥495家次`, `3万人`, `95%以上`, `2023年底`, `良好`, `无`) as a
// Target: comparator, decimal value, unit and scale, in one linear pass over the text (no backtracking regex); scales shift the decimal point exactly.
import type { Comparator, Target } from "../types.js";

/** Values that mean "no target" (kind `none`). */
const NONE_VALUES = new Set(["", "无", "/", "／", "-", "－", "—", "——", "--", "\\", "暂无", "N/A", "n/a"]);

/**
 * Comparators written before the number, longest first so that `大于等于` wins over `大于` and
 * `>=` over `>`. Matched against the end of the text before the number.
 */
const PREFIX_COMPARATORS: readonly (readonly [string, Comparator])[] = [
  ["大于或等于", ">="],
  ["小于或等于", "<="],
  ["大于等于", ">="],
  ["小于等于", "<="],
  ["不少于", ">="],
  ["不低于", ">="],
  ["不小于", ">="],
  ["不超过", "<="],
  ["不高于", "<="],
  ["不大于", "<="],
  ["不多于", "<="],
  ["至少", ">="],
  ["最多", "<="],
  ["大于", ">"],
  ["高于", ">"],
  ["超过", ">"],
  ["多于", ">"],
  ["小于", "<"],
  ["低于", "<"],
  ["少于", "<"],
  ["等于", "="],
  ["≥=", ">="],
  ["≤=", "<="],
  [">=", ">="],
  ["=>", ">="],
  ["<=", "<="],
  ["=<", "<="],
  ["＞=", ">="],
  ["＜=", "<="],
  ["≥", ">="],
  ["≧", ">="],
  ["≤", "<="],
  ["≦", "<="],
  [">", ">"],
  ["＞", ">"],
  ["<", "<"],
  ["＜", "<"],
  ["=", "="],
  ["＝", "="],
];

/** Comparator words written after the unit (`95%以上`, `3%以内`, `3天内`), longest first. */
const SUFFIX_COMPARATORS: readonly (readonly [string, Comparator | null])[] = [
  ["及以上", ">="],
  ["及以下", "<="],
  ["以上", ">="],
  ["以下", "<="],
  ["以内", "<="],
  ["之内", "<="],
  ["内", "<="],
  ["左右", null],
];

/** Scale words at the start of a unit (power of ten), longest first: `3万人` is 30000 人. */
const SCALES: readonly (readonly [string, number])[] = [
  ["万亿", 12],
  ["千万", 7],
  ["百万", 6],
  ["十万", 5],
  ["亿", 8],
  ["万", 4],
  ["千", 3],
];

/**
 * Entries grouped by the char code of their word's last (or first) character, keeping their
 * order: a lookup tries only the few words that can match.
 */
function indexByChar<T extends readonly [string, unknown]>(entries: readonly T[], end: "first" | "last"): Map<number, T[]> {
  const index = new Map<number, T[]>();
  for (const entry of entries) {
    const word = entry[0];
    const code = word.charCodeAt(end === "first" ? 0 : word.length - 1);
    const list = index.get(code);
    if (list === undefined) index.set(code, [entry]);
    else list.push(entry);
  }
  return index;
}

const PREFIX_BY_LAST = indexByChar(PREFIX_COMPARATORS, "last");
const SUFFIX_BY_LAST = indexByChar(SUFFIX_COMPARATORS, "last");
const SCALES_BY_FIRST = indexByChar(SCALES, "first");

/** Characters that join two numbers into a range (`1-3次`, `80%～90%`, `5至10天`, `90%到100%`). */
function isRangeSeparator(c: number): boolean {
  return c === 0x2d || c === 0xff0d || c === 0x7e || c === 0xff5e || c === 0x81f3 || c === 0x5230 || c === 0x2014 || c === 0x2013 || c === 0x2212;
}

/** Separators of several clauses: a unit containing one is not a unit but text. */
function isClauseSeparator(c: number): boolean {
  return c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b || c === 0x3002 || c === 0x3001 || c === 0x0a || c === 0x3a || c === 0xff1a;
}

/** The value of an ASCII or full-width digit, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** Index of the first digit at or after `from`, or -1. */
function findDigit(s: string, from: number): number {
  for (let i = from; i < s.length; i++) if (digitAt(s, i) >= 0) return i;
  return -1;
}

/** A number at `i`: digits, thousands groups (`10,000`), decimals; `value` is ASCII without separators. */
function readNumber(s: string, i: number): { value: string; end: number } {
  let j = i;
  while (digitAt(s, j) >= 0) j++;
  let value = s.slice(i, j);
  // Thousands groups: a comma followed by exactly three digits.
  while (s.charCodeAt(j) === 0x2c && digitAt(s, j + 1) >= 0 && digitAt(s, j + 2) >= 0 && digitAt(s, j + 3) >= 0 && digitAt(s, j + 4) < 0) {
    value += s.slice(j + 1, j + 4);
    j += 4;
  }
  const dot = s.charCodeAt(j);
  if ((dot === 0x2e || dot === 0xff0e) && digitAt(s, j + 1) >= 0) {
    const from = j + 1;
    j = from;
    while (digitAt(s, j) >= 0) j++;
    value += "." + s.slice(from, j);
  }
  return { value: toAsciiDigits(value), end: j };
}

/** Full-width digits (`９５`) as ASCII; the same string when there are none. */
function toAsciiDigits(v: string): string {
  let out = v;
  for (let i = 0; i < v.length; i++) {
    if (v.charCodeAt(i) >= 0xff10) {
      out = v.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
      break;
    }
  }
  return out;
}

/**
 * A decimal string times 10^shift, exactly, by moving the decimal point (`1346.0088`, 4 →
 * `13460088`). Values are as written by readNumber: optional `-`, digits, optional `.digits`.
 */
export function shiftDecimal(value: string, shift: number): string {
  const negative = value.startsWith("-");
  const body = negative ? value.slice(1) : value;
  const dot = body.indexOf(".");
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? "" : body.slice(dot + 1);
  const digits = int + frac.padEnd(shift, "0");
  const point = int.length + shift;
  let a = 0;
  while (a < point - 1 && digits.charCodeAt(a) === 0x30) a++;
  let b = digits.length;
  while (b > point && digits.charCodeAt(b - 1) === 0x30) b--;
  const whole = point === 0 ? "0" : digits.slice(a, point);
  const out = b > point ? `${whole}.${digits.slice(point, b)}` : whole;
  return negative && !(whole === "0" && b <= point) ? `-${out}` : out;
}

/** Digits at `i` as an integer (at most `max` of them), with the index after them. */
function readInteger(s: string, i: number, max: number): { n: number; len: number } {
  let n = 0;
  let len = 0;
  while (len < max && digitAt(s, i + len) >= 0) {
    n = n * 10 + digitAt(s, i + len);
    len++;
  }
  return { n, len };
}

function isYear(n: number, len: number): boolean {
  return len === 4 && n >= 1900 && n <= 2099;
}

/**
 * Whether the number at `i` starts a date or period: `2023年底`, `2023.07-2024.01`, `2023-2025`,
 * `12月底前`, `2021年1月-12月`. Durations (`6个月`, `3天`) are quantities, not dates.
 */
function isDateAt(s: string, i: number): boolean {
  const first = readInteger(s, i, 5);
  let j = i + first.len;
  const c = s.charCodeAt(j);
  if (digitAt(s, j) >= 0) return false;
  if (c === 0x6708 /* 月 */) return first.n >= 1 && first.n <= 12 && first.len <= 2;
  if (!isYear(first.n, first.len)) return false;
  if (c === 0x5e74 /* 年 */) return true;
  if (!(c === 0x2e || c === 0x2d || c === 0x2f || c === 0xff0d || c === 0xff0e || isRangeSeparator(c))) return false;
  j++;
  const second = readInteger(s, j, 5);
  if (second.len === 0) return false;
  const after = s.charCodeAt(j + second.len);
  if (isYear(second.n, second.len)) return Number.isNaN(after) || after === 0x5e74;
  if (second.len > 2 || second.n < 1 || second.n > 12) return false;
  return (
    Number.isNaN(after) ||
    after === 0x6708 /* 月 */ ||
    after === 0x65e5 /* 日 */ ||
    after === 0x2e ||
    after === 0x2f ||
    isRangeSeparator(after)
  );
}

function makeTarget(raw: string, kind: Target["kind"], text: string | null): Target {
  return { raw, kind, comparator: null, value: null, unit: null, text, scaled: null, modifier: null, upper: null };
}

/** The comparator at the end of `prefix` (already trimmed), and the text before it. */
function splitComparator(prefix: string): { comparator: Comparator | null; rest: string } {
  const candidates = PREFIX_BY_LAST.get(prefix.charCodeAt(prefix.length - 1));
  if (candidates === undefined) return { comparator: null, rest: prefix };
  for (const [word, comparator] of candidates) {
    if (!prefix.endsWith(word)) continue;
    const rest = prefix.slice(0, prefix.length - word.length);
    // `不 低于95%`: a space inside the word must not turn `不低于` (a floor) into `低于` (a ceiling).
    const before = rest.trimEnd();
    if (before.length < rest.length && before.endsWith("不") && !word.startsWith("不")) return splitComparator(before + word);
    return { comparator, rest };
  }
  return { comparator: null, rest: prefix };
}

/** The unit scaled when it starts with 万 / 亿 / 千 … (`万人` → ×10^4 `人`); null otherwise. */
function scaleUnit(value: string, unit: string): { value: string; unit: string | null } | null {
  const candidates = SCALES_BY_FIRST.get(unit.charCodeAt(0));
  if (candidates === undefined) return null;
  for (const [word, power] of candidates) {
    if (!unit.startsWith(word)) continue;
    const rest = unit.slice(word.length);
    if (rest.startsWith("分")) return null; // 万分之一, 千分比: a ratio, not a scale
    return { value: shiftDecimal(value, power), unit: rest.trim() || null };
  }
  return null;
}

/**
 * Type one target value. `raw` is the text after the label's colon; it is kept as is in
 * `Target.raw`, and analysed trimmed. Never throws: what is not a number, date or empty is `text`.
 */
export function parseTarget(raw: string): Target {
  const s = raw.trim();
  if (NONE_VALUES.has(s)) return makeTarget(raw, "none", null);
  const first = findDigit(s, 0);
  if (first < 0) return typeWords(raw, s);
  if (isDateAt(s, first)) return makeTarget(raw, "date", s);
  return typeQuantity(raw, s, first, true);
}

/** A quantity whose number starts at `first`; `again`: whether a comparator inside its unit may be tried once. */
function typeQuantity(raw: string, s: string, first: number, again: boolean): Target {
  // Text before the number: leading words, then a comparator, then a sign or ±.
  let prefix = s.slice(0, first).trimEnd();
  let sign = "";
  let modifier: Target["modifier"] = null;
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last === 0xb1 /* ± */) {
    modifier = "±";
    prefix = prefix.slice(0, -1).trimEnd();
  } else if (last === 0x2d || last === 0xff0d || last === 0x2212 || last === 0x2b || last === 0xff0b) {
    const before = prefix.slice(0, -1).trimEnd();
    if (before === "" || splitComparator(before).comparator !== null) {
      if (last !== 0x2b && last !== 0xff0b) sign = "-";
      prefix = before;
    }
  }
  const split = splitComparator(prefix);
  let comparator = split.comparator;
  const leading = split.rest.trim() || null;

  const num = readNumber(s, first);
  const value = sign + num.value;
  let upper: string | null = null;

  // A range: `1-3次`, `80%-90%`, `5至10天`. The unit may be written on either side.
  let k = num.end;
  while (k < s.length && digitAt(s, k) < 0 && !isRangeSeparator(s.charCodeAt(k))) k++;
  let unitText: string;
  if (k < s.length && isRangeSeparator(s.charCodeAt(k))) {
    let m = k + 1;
    while (m < s.length && s.charCodeAt(m) === 0x20) m++;
    if (digitAt(s, m) >= 0) {
      const second = readNumber(s, m);
      const unit1 = s.slice(num.end, k).trim();
      const unit2 = s.slice(second.end).trim();
      if (unit1 !== "" && unit2 !== "" && stripSuffix(unit1).unit !== stripSuffix(unit2).unit) {
        return makeTarget(raw, "text", s);
      }
      upper = second.value;
      modifier = "range";
      unitText = unit2 !== "" ? unit2 : unit1;
    } else {
      unitText = s.slice(num.end).trim();
    }
  } else {
    unitText = s.slice(num.end).trim();
  }

  const suffix = stripSuffix(unitText);
  if (comparator === null) comparator = suffix.comparator;
  let unit = suffix.unit;
  let trailing: string | null = null;
  if (unit !== "" && (HAS_MARK.test(unit) || unit.startsWith("/"))) {
    // Rare shapes, read only when the unit holds one of their marks.
    const c0 = unit.charCodeAt(0);
    if (c0 === 0x2f /* / */ && digitAt(unit, 1) >= 0) return makeTarget(raw, "text", s); // a fraction: `1/3`
    const inclusive = readInclusive(unit);
    if (inclusive !== null) {
      // `≥95%（含）`, `95%（含）以上`, `95%（不含）以上`: the mark says whether the bound is included.
      unit = inclusive.unit;
      if (comparator === null) comparator = stripSuffix(unit).comparator;
      comparator = inclusive.included ? inclusiveOf(comparator) : exclusiveOf(comparator);
    }
    const at = indexOfComparator(unit);
    if (at >= 0) {
      // A second comparison after the unit: `≥90%且≤100%` (a range), `PM2.5浓度≤35微克/立方米`.
      // (Without a range, unitText is the end of s, and unit its beginning.)
      const next = modifier === null ? findDigit(s, s.length - unitText.length + at) : -1;
      if (next >= 0) {
        const bound = splitComparator(s.slice(0, next).trimEnd());
        const joined = unit.slice(0, at).trim();
        const head = joined.endsWith("且") ? joined.slice(0, -1).trim() : joined;
        if (comparator !== null && isFloorComparator(comparator) && bound.comparator !== null && !isFloorComparator(bound.comparator) && bound.comparator !== "=" && head !== joined) {
          const second = readNumber(s, next);
          const unit2 = s.slice(second.end).trim();
          if (unit2 === head || head === "" || unit2 === "") {
            upper = second.value;
            modifier = "range";
            unit = head !== "" ? head : unit2;
            return quantity(raw, comparator, value, unit, leading, null, modifier, upper);
          }
        }
        if (again && split.comparator === null && suffix.comparator === null) return typeQuantity(raw, s, next, false);
      }
      return makeTarget(raw, "text", s);
    }
    const words = percentWords(unit);
    if (words !== null) {
      unit = unit.charAt(0);
      trailing = words;
    }
  }
  if (comparator === null) comparator = modifier === "range" ? ">=" : "=";
  for (let i = 0; i < unit.length; i++) if (isClauseSeparator(unit.charCodeAt(i))) return makeTarget(raw, "text", s);
  return quantity(raw, comparator, value, unit || null, leading, trailing, modifier, upper);
}

function quantity(
  raw: string,
  comparator: Comparator,
  value: string,
  unit: string | null,
  leading: string | null,
  trailing: string | null,
  modifier: Target["modifier"],
  upper: string | null,
): Target {
  // Words on both sides of the number (`达到100%完成`): the whole text, so that none is lost.
  const text = trailing === null ? leading : leading === null ? trailing : raw.trim();
  return { raw, kind: "quantity", comparator, value, unit, text, scaled: unit === null ? null : scaleUnit(value, unit), modifier, upper };
}

/** Characters that make a unit worth a second look: comparators, `含` of `（含）`, and `%` / `％` followed by words. */
const HAS_MARK = /[<>=≤≥≦≧＜＞＝含%％]/;

/** A comparator sign (ASCII, mathematical and full-width). */
const COMPARATOR_SIGN = /[<>=≤≥≦≧＜＞＝]/;

/** Index of the first comparator sign in a unit, or -1. */
function indexOfComparator(unit: string): number {
  return unit.search(COMPARATOR_SIGN);
}

function isFloorComparator(c: Comparator): boolean {
  return c === ">=" || c === ">";
}

function inclusiveOf(c: Comparator | null): Comparator | null {
  return c === ">" ? ">=" : c === "<" ? "<=" : c;
}

function exclusiveOf(c: Comparator | null): Comparator | null {
  return c === ">=" ? ">" : c === "<=" ? "<" : c;
}

/** A unit ending in `（含）` / `(含)` / `（不含）` / `(不含)`: the unit before it, and whether the bound is included. */
function readInclusive(unit: string): { unit: string; included: boolean } | null {
  const close = unit.charCodeAt(unit.length - 1);
  if (close !== 0xff09 && close !== 0x29) return null;
  let i = unit.length - 2;
  if (unit.charCodeAt(i) !== 0x542b /* 含 */) return null;
  const included = unit.charCodeAt(i - 1) !== 0x4e0d; /* 不 */
  if (!included) i--;
  const open = unit.charCodeAt(i - 1);
  if (open !== 0xff08 && open !== 0x28) return null;
  return { unit: unit.slice(0, i - 1).trim(), included };
}

/**
 * The words after a percent sign (`%完成` → `完成`, `%（年度）` → `（年度）`), or null: the unit is
 * then `%` alone. A `/`, `·` or `*` after it is part of a compound unit (`%/年`).
 */
function percentWords(unit: string): string | null {
  const c0 = unit.charCodeAt(0);
  if ((c0 !== 0x25 && c0 !== 0xff05) || unit.length === 1) return null;
  const c1 = unit.charCodeAt(1);
  if (c1 === 0x2f || c1 === 0xff0f || c1 === 0xb7 || c1 === 0x2a || (c1 >= 0x41 && c1 <= 0x7a)) return null;
  const words = unit.slice(1).trim();
  return words === "" ? null : words;
}

// ---- targets without digits: Chinese numerals (`三个`, `不少于两次`, `百分之九十五`) and deadlines ----

/** Deadlines without digits (kind `date`, like `2023年底`). */
const DATE_WORDS = new Set(["年底", "年底前", "年底之前", "年末", "年末前", "年内", "年度内", "本年度内", "本年内", "当年", "当年内", "年中", "年底完成"]);

/** Chinese digits (`两` is 2, `〇` / `零` 0). */
const CN_DIGITS = new Map<number, number>([
  [0x96f6, 0], [0x3007, 0], [0x4e00, 1], [0x4e8c, 2], [0x4e24, 2], [0x4e09, 3], [0x56db, 4], [0x4e94, 5], [0x516d, 6], [0x4e03, 7], [0x516b, 8], [0x4e5d, 9],
]);
/** Chinese multipliers inside a number: 十, 百, 千. */
const CN_POWERS = new Map<number, number>([[0x5341, 10], [0x767e, 100], [0x5343, 1000]]);

/**
 * Measure words a Chinese numeral may count (`三个`, `两次`, `五年`): only these make it a
 * quantity, so that words that merely start with a numeral (`一般`, `一流`, `十分满意`, `一次性`)
 * stay text. A scale (`三万人`) is read before them.
 */
const CN_UNITS = new Set([
  "个", "次", "场", "家", "项", "份", "人", "名", "件", "条", "篇", "期", "批", "所", "台", "套", "座", "处", "户", "起", "轮",
  "类", "部", "本", "张", "间", "栋", "辆", "支", "门", "节", "册", "幅", "块", "组", "届", "季", "季度", "个季度", "级", "星",
  "天", "日", "年", "周", "月", "个月", "小时", "个小时", "分钟", "工作日", "个工作日", "人次", "家次", "户次", "课时", "学时", "倍",
  "元", "万元", "亿元", "万", "亿", "万人", "万人次",
]);

/** A Chinese numeral at `i` (`三`, `十二`, `一百零五`, `两千`): its integer value and end, or null. */
function readChineseNumber(s: string, i: number): { value: number; end: number } | null {
  let total = 0;
  let digit = -1;
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const d = CN_DIGITS.get(c);
    if (d !== undefined) {
      if (digit > 0) break; // two digits in a row (`一二`) is not a number
      digit = d;
      continue;
    }
    const power = CN_POWERS.get(c);
    if (power === undefined) break;
    // A multiplier needs a digit before it, except a leading 十 (`十二`) or 百 (`百分之百`).
    if (digit === 0 || (digit < 0 && j > i)) return null;
    total += (digit < 0 ? 1 : digit) * power;
    digit = -1;
  }
  if (j === i) return null;
  if (digit > 0) total += digit;
  return { value: total, end: j };
}

/** A target without digits: `none` words, deadlines, Chinese numerals with a measure word, else text. */
function typeWords(raw: string, s: string): Target {
  if (DATE_WORDS.has(s)) return makeTarget(raw, "date", s);
  // The first Chinese numeral (a fast scan: most text targets have none).
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (CN_DIGITS.has(c) || c === 0x5341 /* 十 */ || (c === 0x767e /* 百 */ && s.startsWith("百分之", i))) {
      at = i;
      break;
    }
  }
  if (at < 0) return makeTarget(raw, "text", s);
  const split = splitComparator(s.slice(0, at).trimEnd());
  const leading = split.rest.trim();
  // Only a comparator, or a frequency (`每年两次`), may come before the numeral.
  if (leading !== "" && !leading.startsWith("每")) return makeTarget(raw, "text", s);
  let percent = false;
  let from = at;
  if (s.startsWith("百分之", at)) {
    percent = true;
    from = at + 3;
  }
  const num = readChineseNumber(s, from);
  if (num === null) return makeTarget(raw, "text", s);
  const rest = s.slice(num.end).trim();
  const suffix = stripSuffix(rest);
  const unit = percent ? "%" : suffix.unit;
  if (percent ? suffix.unit !== "" : unit !== "" && !CN_UNITS.has(unit)) {
    // `十二月底前`: a month of the year, like `12月底前`.
    if (!percent && num.value >= 1 && num.value <= 12 && rest.startsWith("月")) return makeTarget(raw, "date", s);
    return makeTarget(raw, "text", s);
  }
  if (!percent && unit === "月" && num.value >= 1 && num.value <= 12) return makeTarget(raw, "date", s);
  const comparator = split.comparator ?? suffix.comparator ?? "=";
  return quantity(raw, comparator, String(num.value), unit || null, leading || null, null, null, null);
}

/** A unit without its trailing comparator word (`%以上` → `%` and `>=`). */
function stripSuffix(unitText: string): { unit: string; comparator: Comparator | null } {
  const candidates = SUFFIX_BY_LAST.get(unitText.charCodeAt(unitText.length - 1));
  if (candidates === undefined) return { unit: unitText, comparator: null };
  for (const [word, comparator] of candidates) {
    if (unitText.endsWith(word) && (word !== "内" || unitText.length > 1)) {
      return { unit: unitText.slice(0, unitText.length - word.length).trim(), comparator };
    }
  }
  return { unit: unitText, comparator: null };
}

/** Percent units: `%`, `％`, `百分比`, `百分率` (not `百分点`, which are differences of percentages). */
export function isPercentUnit(unit: string | null | undefined): boolean {
  return unit === "%" || unit === "％" || unit === "百分比" || unit === "百分率";
}
