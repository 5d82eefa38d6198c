import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/format", () => {
  it("passes on the seed, with thousands separators", () => expect(findings(SEED, "amount/format")).toEqual([]));

  it.each([["7,0.00"], ["70 00"], ["约70"], ["70.00元"]])("fires on %j and keeps the text", (bad) => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00", `金融交流专项经费\t${bad}\t70.00`);
    expect(findings(text, "amount/format")).toEqual([expect.objectContaining({ line: 16, column: 10, severity: "error", data: expect.objectContaining({ text: bad, column: "total" }) })]);
    expect(messages(text, "amount/format", "zh")[0]).toBe(`“金融交流专项经费”的“总计”不是有效金额：${bad}`);
    // an unparsable amount does not also produce roll-up errors on its own row
    expect(findings(text, "amount/row-sum")).toEqual([]);
  });

  it("names the 财政专户拨款 column in words in English, not by its key", () => {
    const text = editSeed("综合工作经费\t1.60\t1.60\t\t", "综合工作经费\t1.60\t1.60\t0,5\t");
    expect(findings(text, "amount/format").map((d) => d.data.column)).toEqual(["specialAccount"]);
    expect(messages(text, "amount/format", "en")).toEqual(['“综合工作经费” “special account” is not a valid amount: 0,5']);
    expect(messages(text, "amount/format", "zh")).toEqual(["“综合工作经费”的“财政专户拨款”不是有效金额：0,5"]);
  });
});

