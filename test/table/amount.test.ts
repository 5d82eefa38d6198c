import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { compareSum, formatMoney, groupThousands, MoneySum, parseAmount, sumAmounts, toScaled } from "../../src/table/amount.js";

describe("parseAmount", () => {
  it.each([
    ["15,812.52", "15812.52"],
    ["1.60", "1.60"],
    ["132.912", "132.912"],
    ["13000", "13000"],
    ["1,189.00", "1189.00"],
    ["1，189.00", "1189.00"],
    ["-5.00", "-5.00"],
    ["+5", "5"],
    ["0", "0"],
    ["1234567890123.4567", "1234567890123.4567"],
  ])("%s → %s", (raw, expected) => expect(parseAmount(raw)).toBe(expected));

  it.each(["1,23.00", "12,3456.00", "13 000", "约500", "", "1.2.3", ",100", "100,", "1e5", "NaN", "１２"])("rejects %j", (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });
});

describe("exact sums", () => {
  it("adds binary-unfriendly decimals exactly", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    expect(sumAmounts(["0.1", "0.2"]).toDecimal().toString()).toBe("0.3");
    expect(sumAmounts(["15810.92", "1.60"]).toDecimal().toFixed(2)).toBe("15812.52");
  });

  it("falls back to decimal.js beyond four decimals or huge values", () => {
    const s = sumAmounts(["0.00001", "0.00002", "99999999999999.99"]);
    expect(s.toDecimal().toString()).toBe("99999999999999.99003");
    expect(toScaled("0.00001")).toBeNull();
    expect(toScaled("132.912")).toBe(1329120);
  });

  it("scales every canonical amount exactly as decimal.js does, or declines", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^\d{1,14}$/), fc.option(fc.stringMatching(/^\d{1,6}$/)), (negative, int, frac) => {
        const value = `${negative ? "-" : ""}${int}${frac === null ? "" : "." + frac}`;
        const scaled = toScaled(value);
        const exact = new Decimal(value).times(10_000);
        if (int.length > 11 || (frac?.length ?? 0) > 4) expect(scaled).toBeNull();
        else expect(Object.is(scaled, exact.isZero() && negative ? -0 : exact.toNumber()) || scaled === exact.toNumber()).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ["", "-", ".5", "1.2.3", "1,000", "1e5", "+1", " 1"]) expect(toScaled(bad), bad).toBeNull();
  });

  it("stays exact past decimal.js's default 20 significant digits", () => {
    // 总计 = 财政拨款 on one row, 22 digits: the same number, so equal (it was a row-sum mismatch).
    const amount = "1234567890123456789.01";
    expect(compareSum(amount, sumAmounts([amount]))).toMatchObject({ verdict: "equal" });
    expect(sumAmounts([amount, "0.001"]).toDecimal().toString()).toBe("1234567890123456789.011");
    const off = compareSum("1234567890123456789.02", sumAmounts([amount]));
    expect([off.verdict, off.difference.toString()]).toEqual(["mismatch", "0.01"]);
    expect(formatMoney(sumAmounts(["99999999999999999999.99", "0.01"]).toDecimal())).toBe("100,000,000,000,000,000,000.00");
  });

  it("counts summands and ignores empty cells", () => {
    const s = new MoneySum();
    s.add("1.00");
    s.add(null);
    s.add("2.00");
    expect(s.count).toBe(2);
    expect(s.clone().toDecimal().toString()).toBe("3");
  });

  it("classifies differences within the rounding tolerance of the parts", () => {
    expect(compareSum("3.00", sumAmounts(["1.00", "2.00"])).verdict).toBe("equal");
    // 0.005 × 2 summands = 0.01 tolerance
    expect(compareSum("3.01", sumAmounts(["1.00", "2.00"])).verdict).toBe("rounding");
    expect(compareSum("3.02", sumAmounts(["1.00", "2.00"])).verdict).toBe("mismatch");
    expect(compareSum("3.02", sumAmounts(["1.00", "2.00"])).difference.toString()).toBe("0.02");
    expect(compareSum(null, sumAmounts([])).verdict).toBe("equal");
  });
});

describe("groupThousands", () => {
  it("groups as the usual lookahead regex does", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^\d{1,40}$/), fc.option(fc.stringMatching(/^\d{0,8}$/)), (negative, int, frac) => {
        const value = `${negative ? "-" : ""}${int}${frac === null ? "" : "." + frac}`;
        const expected = (negative ? "-" : "") + int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac === null ? "" : "." + frac);
        expect(groupThousands(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("takes time in proportion to the digits: a 合计 of 300,000 digits is formatted at once", { timeout: 5000 }, () => {
    const digits = "9".repeat(300_000);
    const text = formatMoney(`${digits}.5`);
    expect(text).toHaveLength(300_000 + 99_999 + 3);
    expect(text.startsWith("999,999,")).toBe(true);
    expect(text.endsWith("999.50")).toBe(true);
  });
});

describe("formatMoney", () => {
  it.each([
    ["15812.52", "15,812.52"],
    ["1", "1.00"],
    ["132.912", "132.912"],
    ["-1000", "-1,000.00"],
    ["999", "999.00"],
  ])("%s → %s", (v, expected) => expect(formatMoney(v)).toBe(expected));
});

describe("parseAmount", () => {
  // The reference: the published-amount grammar as one regular expression.
  const AMOUNT = /^([+\-−]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?$/;
  function reference(raw: string): string | null {
    const m = AMOUNT.exec(raw);
    if (m === null) return null;
    const sign = m[1] === "" || m[1] === "+" ? "" : "-";
    const int = m[2]!.replace(/[,，]/g, "");
    return m[3] === undefined ? sign + int : `${sign}${int}.${m[3]}`;
  }

  it("reads every text as the reference grammar does", () => {
    const piece = fc.constantFrom("0", "1", "9", "12", "123", "1234", ",", "，", ".", "-", "+", "−", " ", "a", "٣", "１");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const raw = parts.join("");
        expect(parseAmount(raw)).toBe(reference(raw));
      }),
      { numRuns: 5000 },
    );
    for (const raw of ["", "-", ".", "1.", ".5", "-0", "-0.00", "160.00", "15,812.52", "1,2345", "+3", "−3.5", "00012"]) expect(parseAmount(raw), raw).toBe(reference(raw));
  });
});
