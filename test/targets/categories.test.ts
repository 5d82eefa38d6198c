// Tests of the category catalogue: groups, each kind of problem, names with and without 指标,
// aliases, the 2021 structure's 成本指标, and isCostIndicator.
import { describe, expect, it } from "vitest";
import { classifyCategories, isCostIndicator, normalizeCategoryName } from "../../src/targets/index.js";
import type { Category } from "../../src/types.js";

/** `1-产出指标` → Category; a text without `-` is a bare name. */
function cat(text: string): Category {
  const m = /^(\d+)-(.+)$/.exec(text);
  return m ? { code: m[1]!, name: m[2]! } : { code: null, name: text };
}

function classify(level1: string, level2: string) {
  return classifyCategories(cat(level1), cat(level2));
}

describe("classifyCategories: the catalogue", () => {
  it.each([
    ["1-产出指标", "11-数量指标", "output"],
    ["1-产出指标", "12-质量指标", "output"],
    ["1-产出指标", "13-时效指标", "output"],
    ["1-产出指标", "13-进度指标", "output"],
    ["1-产出指标", "14-成本指标", "output"],
    ["2-效益指标", "21-经济效益", "effect"],
    ["2-效益指标", "21-经济效益指标", "effect"],
    ["2-效益指标", "22-社会效益", "effect"],
    ["2-效益指标", "23-生态效益", "effect"],
    ["2-效益指标", "23-环境效益指标", "effect"],
    ["2-效益指标", "24-可持续影响", "effect"],
    ["3-满意度指标", "31-服务对象满意度", "satisfaction"],
    ["3-满意度指标", "31-服务对象满意度指标", "satisfaction"],
    ["3-满意度指标", "31-社会公众或服务对象满意度指标", "satisfaction"],
    ["1-产出", "11-数量", "output"],
    ["成本指标", "经济成本指标", "cost"],
    ["4-成本指标", "41-社会成本", "cost"],
    ["成本指标", "生态环境成本指标", "cost"],
  ] as const)("%s ; %s is %s with no problem", (level1, level2, group) => {
    expect(classify(level1, level2)).toEqual({ group, problem: null });
  });
});

describe("classifyCategories: problems", () => {
  it("reports an unknown level-1 (group by code when the code is known)", () => {
    expect(classify("1-产出类指标", "11-数量指标")).toEqual({
      group: "output",
      problem: {
        messageId: "unknownLevel1",
        data: { level: "1", code: "1", name: "产出类指标", category: "1-产出类指标" },
      },
    });
    expect(classify("9-其他指标", "11-数量指标")).toEqual({
      group: null,
      problem: { messageId: "unknownLevel1", data: { level: "1", code: "9", name: "其他指标", category: "9-其他指标" } },
    });
  });

  it("reports an unknown level-2", () => {
    expect(classify("1-产出指标", "15-覆盖指标")).toEqual({
      group: "output",
      problem: { messageId: "unknownLevel2", data: { level: "2", code: "15", name: "覆盖指标", category: "15-覆盖指标" } },
    });
  });

  it("reports a level-2 that does not belong to its level-1", () => {
    expect(classify("1-产出指标", "22-社会效益")).toEqual({
      group: "output",
      problem: { messageId: "level2NotUnderLevel1", data: { level1: "1-产出指标", level2: "22-社会效益" } },
    });
    expect(classify("3-满意度指标", "11-数量指标").problem?.messageId).toBe("level2NotUnderLevel1");
    expect(classify("成本指标", "14-成本指标").problem?.messageId).toBe("level2NotUnderLevel1");
  });

  it("reports a code that disagrees with its name (level 2)", () => {
    expect(classify("1-产出指标", "11-质量指标")).toEqual({
      group: "output",
      problem: {
        messageId: "codeNameMismatch",
        data: { level: "2", code: "11", name: "质量指标", category: "11-质量指标", expected: "12" },
      },
    });
  });

  it("reports a code that disagrees with its name (level 1)", () => {
    expect(classify("2-产出指标", "11-数量指标")).toEqual({
      group: "output",
      problem: {
        messageId: "codeNameMismatch",
        data: { level: "1", code: "2", name: "产出指标", category: "2-产出指标", expected: "1" },
      },
    });
  });

  it("reports the level-1 problem first", () => {
    expect(classify("9-其他指标", "99-其他").problem?.messageId).toBe("unknownLevel1");
  });

  it("gives no group and no problem for an indicator that did not parse", () => {
    expect(classifyCategories(null, null)).toEqual({ group: null, problem: null });
  });

  it("classifies a level-1 alone", () => {
    expect(classifyCategories(cat("2-效益指标"), null)).toEqual({ group: "effect", problem: null });
  });
});

describe("normalizeCategoryName", () => {
  it("drops the suffix 指标 and spaces", () => {
    expect(normalizeCategoryName(" 数量指标 ")).toBe("数量");
    expect(normalizeCategoryName("数量")).toBe("数量");
    expect(normalizeCategoryName("指标")).toBe("指标");
  });
});

describe("isCostIndicator", () => {
  it("is true for level-2 code 14 and for a level-1 成本指标", () => {
    expect(isCostIndicator(cat("1-产出指标"), cat("14-成本指标"))).toBe(true);
    expect(isCostIndicator(cat("成本指标"), cat("经济成本指标"))).toBe(true);
    expect(isCostIndicator(cat("4-成本指标"), cat("41-社会成本"))).toBe(true);
  });
  it("is false for other indicators and for nulls", () => {
    expect(isCostIndicator(cat("1-产出指标"), cat("11-数量指标"))).toBe(false);
    expect(isCostIndicator(cat("2-效益指标"), cat("21-经济效益"))).toBe(false);
    expect(isCostIndicator(null, null)).toBe(false);
  });
});
