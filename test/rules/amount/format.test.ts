import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/format", () => {
  it("passes on the seed, with thousands separators", () => expect(findings(SEED, "amount/format")).toEqual([]));

  it.each([["7,0.00"], ["70 00"], ["约70"], ["70.00元"]])("fires on %j and keeps the text", (bad) => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00", `金融交流专项经费\t${bad}\t70.00`);
    expect(findings(text, "amount/format")).toEqual([expect.objectContaining({ line: 16, column: 10, severity: "error", data: expect.objectContaining({ text: bad, column: "total" }) })]);
    expect(messages(text, "amount/format", "zh")[0]).toBe(`「金融交流专项经费」的「总计」不是有效金额：${bad}`);
    // an unparsable amount does not also produce roll-up errors on its own row
    expect(findings(text, "amount/row-sum")).toEqual([]);
  });
});
