// Money cells: parse published amounts ("15,812.52") into canonical decimal strings, and add them
// up exactly — as integers of 1/10,000 on the hot path, with decimal.js where that would not be exact.
import { Decimal } from "decimal.js";
import type { AmountRow, MoneyKey } from "../types.js";

// Digits with correctly grouped thousands separators (ASCII or full-width comma), or plain digits;
// optional decimals. Linear: the alternatives cannot overlap in a way that backtracks.
const AMOUNT = /^([+\-−]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?$/;

/** The canonical decimal string of a published amount, or null when the text is not a number. */
export function parseAmount(raw: string): string | null {
  // Most cells are already canonical (`160.00`, `-3`): the text itself, nothing made. (Only short
  // ones: V8 copies a substring under 13 characters, so a kept amount never pins its whole line.)
  if (raw.length < 13 && isCanonical(raw)) return raw;
  const m = AMOUNT.exec(raw);
  if (m === null) return null;
  const sign = m[1] === "" || m[1] === "+" ? "" : "-";
  const int = m[2]!.replace(/[,，]/g, "");
  return m[3] === undefined ? sign + int : `${sign}${int}.${m[3]}`;
}

/** `-?digits(.digits)?`: an amount that is its own canonical form. */
function isCanonical(raw: string): boolean {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 0x2d ? 1 : 0;
  const intStart = i;
  while (i < n && isAsciiDigit(raw.charCodeAt(i))) i++;
  if (i === intStart) return false;
  if (i === n) return true;
  if (raw.charCodeAt(i) !== 0x2e) return false;
  const fracStart = ++i;
  while (i < n && isAsciiDigit(raw.charCodeAt(i))) i++;
  return i === n && i > fracStart;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * decimal.js for money: its default rounds every result to 20 significant digits, which a long
 * amount (or a sum of many) exceeds. Money is only added, subtracted, compared and scaled by powers
 * of ten, so with no practical limit on precision results are exact and as long as their inputs.
 */
export const ExactDecimal = Decimal.clone({ precision: 1e9 });

/**
 * Whether a row's cell in a money column holds text that is not a number (amount/format reports it;
 * its sum is unknown, and convert keeps the text).
 */
export function isUnparsable(row: Pick<AmountRow, "amounts"> & { amountsRaw?: AmountRow["amountsRaw"] }, column: MoneyKey): boolean {
  return row.amounts[column] === null && row.amountsRaw?.[column] != null;
}

const SCALE = 10_000;
const ZERO = new ExactDecimal(0);
/** The verdict of sums that agree exactly (shared: never changed by its users). */
const EQUAL = Object.freeze({ verdict: "equal" as const, difference: ZERO });

/** 10^(4 − decimals): what a value with that many decimals is multiplied by to count 1/10,000 units. */
const FRACTION_SCALE = [10_000, 1_000, 100, 10, 1];

/**
 * The amount (a canonical decimal string: `-?digits(.digits)?`) as an integer number of 1/10,000
 * units, or null when that is not exact in a double (more than 11 integer or 4 decimal digits) or
 * the text is not in that form. One pass over the characters, nothing allocated (the hot path).
 */
export function toScaled(value: string): number | null {
  const negative = value.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  let n = 0;
  let intDigits = 0;
  let decimals = -1;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x2e && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39) return null;
    if (decimals >= 0) {
      if (++decimals > 4) return null;
    } else if (++intDigits > 11) {
      return null;
    }
    n = n * 10 + (c - 0x30);
  }
  if (intDigits === 0) return null;
  n *= FRACTION_SCALE[decimals < 0 ? 0 : decimals]!;
  return negative ? -n : n;
}

/** An exact running sum of decimal strings. */
export class MoneySum {
  private scaled = 0;
  private exact: Decimal | null = null;
  /** How many values were added (summands, for the rounding tolerance). */
  count = 0;

  add(value: string | null): void {
    if (value === null) return;
    this.count++;
    if (this.exact !== null) {
      this.exact = this.exact.plus(value);
      return;
    }
    const s = toScaled(value);
    if (s !== null && Number.isSafeInteger(this.scaled + s)) this.scaled += s;
    else this.exact = new ExactDecimal(this.scaled).div(SCALE).plus(value);
  }

  /** The sum in 1/10,000 units when it is exact as a double, else null. */
  scaledValue(): number | null {
    return this.exact === null ? this.scaled : null;
  }

  /** A copy to add more to. */
  clone(): MoneySum {
    const c = new MoneySum();
    c.scaled = this.scaled;
    c.exact = this.exact;
    c.count = this.count;
    return c;
  }

  /** The sum as a Decimal. */
  toDecimal(): Decimal {
    return this.exact ?? new ExactDecimal(this.scaled).div(SCALE);
  }
}

/** The sum of decimal strings (nulls ignored), exact. */
export function sumAmounts(values: Iterable<string | null>): MoneySum {
  const sum = new MoneySum();
  for (const v of values) sum.add(v);
  return sum;
}

/** Rounding tolerance of a sum of `summands` cells each rounded to 0.01: 0.005 × summands. */
export function roundingTolerance(summands: number): Decimal {
  return new ExactDecimal("0.005").times(Math.max(summands, 1));
}

/** Compare an expected amount with a sum: `equal`, `rounding` (within tolerance) or `mismatch`. */
export function compareSum(expected: string | null, sum: MoneySum): { readonly verdict: "equal" | "rounding" | "mismatch"; readonly difference: Decimal } {
  // Fast path, exact: both sides as integers of 1/10,000 (no Decimal is built when they agree).
  const scaledExpected = expected === null ? 0 : toScaled(expected);
  if (scaledExpected !== null && sum.scaledValue() === scaledExpected) return EQUAL;
  const exp = new ExactDecimal(expected ?? 0);
  const difference = exp.minus(sum.toDecimal());
  if (difference.isZero()) return { verdict: "equal", difference };
  if (difference.abs().lte(roundingTolerance(sum.count))) return { verdict: "rounding", difference };
  return { verdict: "mismatch", difference };
}

/** Format a decimal for messages: thousands separators, at least two decimals (`15,812.52`). */
export function formatMoney(value: Decimal | string | null): string {
  const d = value === null ? new ExactDecimal(0) : new ExactDecimal(value);
  return groupThousands(d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed());
}

/**
 * `15812.52` → `15,812.52`: a decimal string with thousands separators (decimals as they are). In
 * one pass: the usual lookahead regex (`\B(?=(\d{3})+(?!\d))`) rescans the rest of the digits at
 * each one, so a 合计 of a million digits took hours.
 */
export function groupThousands(value: string): string {
  const negative = value.startsWith("-");
  const body = negative ? value.slice(1) : value;
  const dot = body.indexOf(".");
  const int = dot === -1 ? body : body.slice(0, dot);
  const groups: string[] = [];
  const first = int.length % 3 || 3;
  groups.push(int.slice(0, first));
  for (let i = first; i < int.length; i += 3) groups.push(int.slice(i, i + 3));
  return (negative ? "-" : "") + groups.join(",") + (dot === -1 ? "" : body.slice(dot));
}
