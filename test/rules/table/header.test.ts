import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("table/header", () => {
  it("passes on the seed", () => expect(findings(SEED, "table/header")).toEqual([]));

  it("accepts the aliases 其它资金, 单位资金 and 财政专户管理资金", () => {
    expect(findings(editSeed("财政专户拨款\t其他资金", "财政专户管理资金\t其它资金"), "table/header")).toEqual([]);
    expect(findings(editSeed("其他资金", "单位资金"), "table/header")).toEqual([]);
  });

  it("fires on a missing required column and on an unknown one", () => {
    const text = editSeed("\t绩效目标\t绩效指标", "\t目标说明\t绩效指标");
    expect(findings(text, "table/header").map((d) => [d.messageId, d.line, d.data.column ?? d.data.name])).toEqual([
      ["missingColumn", 9, "goal"],
      ["unknownColumn", 9, "目标说明"],
    ]);
    expect(messages(text, "table/header", "en")).toEqual(["the header lacks a required column: goal", "unknown column: 目标说明 (its cells are kept as they are)"]);
  });

  it("names a missing required column in Chinese under zh (by its header name, not its key)", () => {
    const text = editSeed("\t绩效目标\t绩效指标", "\t绩效目标\t指标");
    expect(messages(text, "table/header", "zh")).toEqual(["表头缺少必需列：绩效指标", "无法识别的列：指标（内容将原样保留）"]);
    expect(messages(text, "table/header", "en")[0]).toBe("the header lacks a required column: indicators");
  });
});

