import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/negative", () => {
  it("passes on the seed", () => expect(findings(SEED, "amount/negative")).toEqual([]));

  it("fires on a negative amount", () => {
    const text = editSeed("综合工作经费\t1.60\t1.60", "综合工作经费\t1.60\t1.60\t\t-0.50").replace("综合工作经费\t1.60\t1.60\t\t-0.50\t\t", "综合工作经费\t1.60\t1.60\t\t-0.50\t");
    const found = findings(text, "amount/negative");
    expect(found.map((d) => [d.line, d.data.column, d.data.value])).toEqual([[28, "other", "-0.50"]]);
    expect(messages(text, "amount/negative", "en")).toEqual(['“综合工作经费” “other” is negative: -0.50']);
  });

  it("does not fire on -0.00", () => {
    const text = editSeed("综合工作经费\t1.60\t1.60\t\t", "综合工作经费\t1.60\t1.60\t-0.00\t");
    expect(findings(text, "amount/negative")).toEqual([]);
  });
});
