import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("amount/row-sum", () => {
  it("passes on the seed", () => expect(findings(SEED, "amount/row-sum")).toEqual([]));

  it("fires on a project whose 总计 differs from its sources, pointing at the 总计 cell", () => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00\t\t\t", "金融交流专项经费\t70.00\t60.00\t\t5.00\t");
    const found = findings(text, "amount/row-sum");
    expect(found).toEqual([expect.objectContaining({ line: 16, column: 10, endColumn: 15, project: "金融交流专项经费", severity: "error" })]);
    expect(messages(text, "amount/row-sum", "zh")).toEqual(["“金融交流专项经费”的总计 70.00 ≠ 财政拨款、财政专户拨款与其他资金之和 65.00，相差 5.00 万元"]);
    expect(messages(text, "amount/row-sum", "en")).toEqual(["“金融交流专项经费” total 70.00 ≠ appropriation + special account + other 65.00 (off by 5.00 万元)"]);
  });

  it("checks the 合计 row and unit rows too, with all four columns", () => {
    const text = editSeed("合计\t15,812.52\t15,812.52\t\t\t", "合计\t15,812.52\t15,000.00\t800.00\t10.00\t")
      .replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t", "广州开发区金融工作服务中心\t1.60\t1.00\t0.50\t");
    expect(findings(text, "amount/row-sum").map((d) => [d.line, d.data.actual, d.data.difference])).toEqual([
      [10, "15,810.00", "2.52"],
      [27, "1.50", "0.10"],
    ]);
  });

  it("leaves a difference within rounding to amount/rounding, but not with a single source", () => {
    const single = editSeed("金融交流专项经费\t70.00\t70.00\t\t\t", "金融交流专项经费\t70.00\t69.99\t\t\t");
    expect(findings(single, "amount/row-sum")).toHaveLength(1);
    const text = editSeed("金融交流专项经费\t70.00\t70.00\t\t\t", "金融交流专项经费\t70.00\t60.00\t\t9.99\t");
    expect(findings(text, "amount/row-sum")).toEqual([]);
    expect(findings(text, "amount/rounding")).toHaveLength(1);
  });
});
