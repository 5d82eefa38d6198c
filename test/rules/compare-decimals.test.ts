// The exact comparisons of decimal strings used by the target rules: a fast answer from doubles,
// with decimal.js only where a double cannot tell — always the answer decimal.js gives.
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { compareDecimals, compareDecimalTo } from "../../src/rules/indicator/util.js";

const decimal = fc
  .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,17})$/), fc.option(fc.stringMatching(/^\d{1,18}$/)))
  .map(([negative, int, frac]) => `${negative ? "-" : ""}${int}${frac === null ? "" : "." + frac}`);

describe("exact decimal comparisons", () => {
  it("agree with decimal.js, near ties included", () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimals(a, b)).toBe(new Decimal(a).cmp(new Decimal(b)));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(decimal, fc.constantFrom(0, 80, 90, 100, -100, 1e15 - 1), (a, n) => {
        expect(compareDecimalTo(a, n)).toBe(new Decimal(a).cmp(n));
      }),
      { numRuns: 3000 },
    );
  });

  it("tell apart numbers a double cannot", () => {
    expect(compareDecimalTo("100", 100)).toBe(0);
    expect(compareDecimalTo("100.00", 100)).toBe(0);
    expect(compareDecimalTo("100.00000000000001", 100)).toBe(1);
    expect(compareDecimalTo("99.999999999999999", 100)).toBe(-1);
    expect(compareDecimals("0.1", "0.10")).toBe(0);
    expect(compareDecimals("0.30000000000000001", "0.3")).toBe(1);
    expect(compareDecimals("-0", "0")).toBe(0);
    expect(compareDecimals("abc", "1")).toBeNaN();
  });
});
