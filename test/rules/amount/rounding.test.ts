import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/rounding", () => {
  it("passes on the seed", () => expect(findings(SEED, "amount/rounding")).toEqual([]));

  it("reports a roll-up off by a cent instead of an error", () => {
    const text = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.53\t15,812.53");
    const found = findings(text, "amount/rounding");
    expect(found.map((d) => [d.line, d.data.column, d.data.difference, d.severity])).toEqual([
      [10, "total", "0.01", "warning"],
      [10, "appropriation", "0.01", "warning"],
    ]);
    expect(findings(text, "amount/total-rollup")).toEqual([]);
    expect(messages(text, "amount/rounding", "en")[0]).toBe('“合计” “total” 15,812.53 differs from the sum of units 15,812.52 by 0.01 万元, within rounding (2 summed)');
  });

  it("allows 0.005 per summand: a unit of 12 projects may be off by 0.06, not 0.07", () => {
    const within = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92", "广州开发区金融工作局\t15,810.98\t15,810.98").replace("合计\t15,812.52\t15,812.52", "合计\t15,812.58\t15,812.58");
    expect(findings(within, "amount/rounding").filter((d) => d.line === 11)).toHaveLength(2);
    expect(findings(within, "amount/unit-rollup")).toEqual([]);
    const beyond = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92", "广州开发区金融工作局\t15,810.99\t15,810.99").replace("合计\t15,812.52\t15,812.52", "合计\t15,812.59\t15,812.59");
    expect(findings(beyond, "amount/unit-rollup")).toHaveLength(2);
  });
});
