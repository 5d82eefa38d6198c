// Tests of parseTarget: every distinct target of the seed table, every notation of SPEC §3, and
// the edge cases of numbers (thousands, decimals, scales, ranges, huge inputs).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isPercentUnit, parseTarget, shiftDecimal } from "../../src/targets/index.js";
import type { Comparator, Target } from "../../src/types.js";

const SEED = new URL("../../fixtures/seed-guangzhou-finance-bureau.txt", import.meta.url);

/** Expected quantity target. */
function q(
  raw: string,
  comparator: Comparator,
  value: string,
  unit: string | null,
  extra: Partial<Target> = {},
): Target {
  return { raw, kind: "quantity", comparator, value, unit, text: null, scaled: null, modifier: null, upper: null, ...extra };
}

/** Expected text / date / none target. */
function other(raw: string, kind: "text" | "date" | "none"): Target {
  const text = kind === "none" ? null : raw.trim();
  return { raw, kind, comparator: null, value: null, unit: null, text, scaled: null, modifier: null, upper: null };
}

/** Every distinct target of the seed, typed by hand. */
const SEED_TARGETS: Target[] = [
  q("≥495家次", ">=", "495", "家次"),
  q("100%", "=", "100", "%"),
  q("≥95%", ">=", "95", "%"),
  q("5家次", "=", "5", "家次"),
  q("≥100家次", ">=", "100", "家次"),
  q("95%", "=", "95", "%"),
  q("≥6家", ">=", "6", "家"),
  q("≥20家", ">=", "20", "家"),
  q("≥1家", ">=", "1", "家"),
  q("90%", "=", "90", "%"),
  q("8家", "=", "8", "家"),
  other("提高", "text"),
  q("1", "=", "1", null),
  q("3万人", "=", "3", "万人", { scaled: { value: "30000", unit: "人" } }),
  other("显示度提升", "text"),
  q("≤2次", "<=", "2", "次"),
  q("1份", "=", "1", "份"),
  q("3场", "=", "3", "场"),
  q("1人", "=", "1", "人"),
  other("提升我区金融招商能力", "text"),
  q("4场", "=", "4", "场"),
  q("20家次", "=", "20", "家次"),
  q("5条", "=", "5", "条"),
  q("≥10000张", ">=", "10000", "张"),
  q("≥30条", ">=", "30", "条"),
  q(">4次", ">", "4", "次"),
  other("无", "none"),
  q("≥0%", ">=", "0", "%"),
  q("≥70场", ">=", "70", "场"),
  q("500家", "=", "500", "家"),
  q("≥50亿元", ">=", "50", "亿元", { scaled: { value: "5000000000", unit: "元" } }),
  q("≥90%", ">=", "90", "%"),
  q("≥3场", ">=", "3", "场"),
  other("良好", "text"),
  q("90家", "=", "90", "家"),
  q("≥80家", ">=", "80", "家"),
  q("≥180个", ">=", "180", "个"),
  q("系统吞吐量每秒处理≥30个业务", ">=", "30", "个业务", { text: "系统吞吐量每秒处理" }),
  q("≥40", ">=", "40", null),
  q("99%", "=", "99", "%"),
  q("96%", "=", "96", "%"),
  q("2000份", "=", "2000", "份"),
  other("金融招商能力提升", "text"),
];

/** The distinct values after 实施周期指标值: / 年度指标值: in the seed's indicator cells, in order of appearance. */
function seedTargetStrings(): string[] {
  const found = new Set<string>();
  for (const line of readFileSync(SEED, "utf8").split("\n")) {
    const cell = line.split("\t")[6] ?? "";
    for (const m of cell.matchAll(/(?:实施周期指标值|年度指标值)[:：]([^；;。]*)/g)) found.add(m[1]!);
  }
  return [...found];
}

describe("parseTarget on the seed", () => {
  const strings = seedTargetStrings();
  const expected = new Map(SEED_TARGETS.map((t) => [t.raw, t]));

  it("finds the 43 distinct target strings of the seed, each in the table", () => {
    expect(strings).toHaveLength(43);
    expect(strings.filter((s) => !expected.has(s))).toEqual([]);
    expect(expected.size).toBe(43);
  });

  it.each(strings)("types %s", (raw) => {
    expect(parseTarget(raw)).toEqual(expected.get(raw));
  });
});

describe("parseTarget on the notations of SPEC §3", () => {
  const cases: Target[] = [
    // the table of SPEC §3
    q(">4次", ">", "4", "次"),
    q("≤2次", "<=", "2", "次"),
    other("", "none"),
    // other comparators
    q("＞4次", ">", "4", "次"),
    q("＜4次", "<", "4", "次"),
    q("≧60分", ">=", "60", "分"),
    q("≦5天", "<=", "5", "天"),
    q(">=21933人", ">=", "21933", "人"),
    q("<=5300元/户", "<=", "5300", "元/户"),
    q("=8个", "=", "8", "个"),
    q("<1%", "<", "1", "%"),
    q("大于等于10157.6平方米", ">=", "10157.6", "平方米"),
    q("不少于6万人", ">=", "6", "万人", { scaled: { value: "60000", unit: "人" } }),
    q("不低于90%", ">=", "90", "%"),
    q("不超过3天", "<=", "3", "天"),
    q("不高于5%", "<=", "5", "%"),
    q("小于2次", "<", "2", "次"),
    q("大于3个", ">", "3", "个"),
    q("95%以上", ">=", "95", "%"),
    q("100人次及以上", ">=", "100", "人次"),
    q("3%以内", "<=", "3", "%"),
    q("5%以下", "<=", "5", "%"),
    q("3个工作日内", "<=", "3", "个工作日"),
    q("±3%", "=", "3", "%", { modifier: "±" }),
    // compound and spelled-out units
    q("530元/人·月", "=", "530", "元/人·月"),
    q("530元/人*月", "=", "530", "元/人*月"),
    other("元/人*月", "text"),
    q("1次/月", "=", "1", "次/月"),
    q("≤620万/月", "<=", "620", "万/月", { scaled: { value: "6200000", unit: "/月" } }),
    q("≥100百分比", ">=", "100", "百分比"),
    q("1346.0088万平方米", "=", "1346.0088", "万平方米", { scaled: { value: "13460088", unit: "平方米" } }),
    q("2km", "=", "2", "km"),
    q("≥5千元", ">=", "5", "千元", { scaled: { value: "5000", unit: "元" } }),
    q("1.5万元", "=", "1.5", "万元", { scaled: { value: "15000", unit: "元" } }),
    q("2千万元", "=", "2", "千万元", { scaled: { value: "20000000", unit: "元" } }),
    q("0.35亿元", "=", "0.35", "亿元", { scaled: { value: "35000000", unit: "元" } }),
    q("3万", "=", "3", "万", { scaled: { value: "30000", unit: null } }),
    q("5万分之一", "=", "5", "万分之一"),
    // dates and periods
    other("2023年底", "date"),
    other("12月底前", "date"),
    other("2021年1月-12月", "date"),
    other("2023.07-2024.01", "date"),
    other("2023-2025", "date"),
    other("2024年12月31日前", "date"),
    // yes/no and grades
    other("是", "text"),
    other("否", "text"),
    other("优良", "text"),
    other("达到预期", "text"),
    // missing values
    other("无", "none"),
    other("/", "none"),
    other("-", "none"),
    other("  ", "none"),
  ];

  it.each(cases.map((t) => [t.raw, t] as const))("types %j", (raw, expected) => {
    expect(parseTarget(raw)).toEqual(expected);
  });
});

/** Expected quantity with words around its number (`text`). */
function qt(raw: string, comparator: Comparator, value: string, unit: string | null, text: string, extra: Partial<Target> = {}): Target {
  return q(raw, comparator, value, unit, { text, ...extra });
}

describe("parseTarget on notations of published tables", () => {
  const cases: Target[] = [
    // already right: full-width, spaces, words, suffixes, ranges, thousands, scales (kept so)
    q("１００％", "=", "100", "％"),
    q("≥ 95 %", ">=", "95", "%"),
    q("不少于3次", ">=", "3", "次"),
    q("大于等于90%", ">=", "90", "%"),
    q("小于5个工作日", "<", "5", "个工作日"),
    q("≤3个工作日", "<=", "3", "个工作日"),
    q("3日以内", "<=", "3", "日"),
    q("90%-100%", ">=", "90", "%", { modifier: "range", upper: "100" }),
    q("80～100分", ">=", "80", "分", { modifier: "range", upper: "100" }),
    q("1,200万元", "=", "1200", "万元", { scaled: { value: "12000000", unit: "元" } }),
    q("0.5亿元", "=", "0.5", "亿元", { scaled: { value: "50000000", unit: "元" } }),
    q("=100%", "=", "100", "%"),
    qt("达到95%", "=", "95", "%", "达到"),
    qt("比上年提高5%", "=", "5", "%", "比上年提高"),
    other("2024年12月31日前", "date"),
    other("按时完成", "text"),
    other("—", "none"),
    // an inclusive mark after the unit: the unit is `%`, the mark settles the bound
    q("≥95%（含）", ">=", "95", "%"),
    q("≥95%(含)", ">=", "95", "%"),
    q("95%（含）以上", ">=", "95", "%"),
    q("95%(含)以上", ">=", "95", "%"),
    q("95%（不含）以上", ">", "95", "%"),
    q("5个工作日（含）以内", "<=", "5", "个工作日"),
    q("＞90%（含）", ">=", "90", "%"),
    // words after a percent sign are words, not unit
    qt("100%完成", "=", "100", "%", "完成"),
    qt("≥95%的", ">=", "95", "%", "的"),
    qt("≥95%（年度）", ">=", "95", "%", "（年度）"),
    qt("达到100%完成", "=", "100", "%", "达到100%完成"),
    q("5%/年", "=", "5", "%/年"),
    // ranges written with 到 or as two bounds
    q("90%到100%", ">=", "90", "%", { modifier: "range", upper: "100" }),
    q("≥90%且≤100%", ">=", "90", "%", { modifier: "range", upper: "100" }),
    q("≥90%且<100%", ">=", "90", "%", { modifier: "range", upper: "100" }),
    // a comparator after leading text with a number in it
    qt("PM2.5浓度≤35微克/立方米", "<=", "35", "微克/立方米", "PM2.5浓度"),
    // comparators written with a space inside or doubled
    q("不 低于95%", ">=", "95", "%"),
    q("不低于 95%", ">=", "95", "%"),
    q("≥=95%", ">=", "95", "%"),
    q("≤=5%", "<=", "5", "%"),
    // fractions are kept as text (no exact decimal for 1/3)
    other("1/3", "text"),
    other("≥1/3", "text"),
    // Chinese numerals with a measure word
    q("三个", "=", "3", "个"),
    q("两次", "=", "2", "次"),
    q("一次", "=", "1", "次"),
    q("不少于三次", ">=", "3", "次"),
    q("两次以上", ">=", "2", "次"),
    q("十二个月", "=", "12", "个月"),
    q("二十家", "=", "20", "家"),
    q("一百零五人", "=", "105", "人"),
    q("三万人", "=", "3", "万人", { scaled: { value: "30000", unit: "人" } }),
    qt("每年两次", "=", "2", "次", "每年"),
    q("百分之百", "=", "100", "%"),
    q("不低于百分之九十五", ">=", "95", "%"),
    // words that merely start with a numeral stay text; months are dates
    other("一般", "text"),
    other("一流", "text"),
    other("十分满意", "text"),
    other("一次性", "text"),
    other("两学一做", "text"),
    other("十十次", "text"),
    other("完成一次", "text"),
    other("十二月底前", "date"),
    other("六月", "date"),
    // deadlines without digits
    other("年底前", "date"),
    other("年内", "date"),
  ];

  it.each(cases.map((t) => [t.raw, t] as const))("types %j", (raw, expected) => {
    expect(parseTarget(raw)).toEqual(expected);
  });
});

describe("parseTarget numbers", () => {
  it("reads thousands separators and decimals as written", () => {
    expect(parseTarget("10,000").value).toBe("10000");
    expect(parseTarget("≥1,234,567.50元")).toEqual(q("≥1,234,567.50元", ">=", "1234567.50", "元"));
    expect(parseTarget("0.5").value).toBe("0.5");
  });

  it("reads full-width digits as ASCII digits", () => {
    expect(parseTarget("≥９５％")).toEqual(q("≥９５％", ">=", "95", "％"));
  });

  it("reads ranges with the unit on either side", () => {
    expect(parseTarget("80%-90%")).toEqual(q("80%-90%", ">=", "80", "%", { modifier: "range", upper: "90" }));
    expect(parseTarget("1-3次")).toEqual(q("1-3次", ">=", "1", "次", { modifier: "range", upper: "3" }));
    expect(parseTarget("5至10天")).toEqual(q("5至10天", ">=", "5", "天", { modifier: "range", upper: "10" }));
  });

  it("keeps a range of two different units as text", () => {
    expect(parseTarget("1次-2天").kind).toBe("text");
  });

  it("reads negative values after a comparator", () => {
    expect(parseTarget("≥-5%")).toEqual(q("≥-5%", ">=", "-5", "%"));
    expect(parseTarget("-5%")).toEqual(q("-5%", "=", "-5", "%"));
  });

  it("keeps leading text of a quantity", () => {
    expect(parseTarget("每月1次")).toEqual(q("每月1次", "=", "1", "次", { text: "每月" }));
  });

  it("keeps several clauses as text", () => {
    expect(parseTarget("≥1次/季度，全年≥4次").kind).toBe("text");
    expect(parseTarget("1:1").kind).toBe("text");
  });

  it("tells durations from dates", () => {
    expect(parseTarget("6个月")).toEqual(q("6个月", "=", "6", "个月"));
    expect(parseTarget("2000.12元")).toEqual(q("2000.12元", "=", "2000.12", "元"));
    expect(parseTarget("2000-2050元")).toEqual(q("2000-2050元", ">=", "2000", "元", { modifier: "range", upper: "2050" }));
  });

  it("keeps raw as given and analyses it trimmed", () => {
    expect(parseTarget(" ≥ 95 % ")).toEqual(q(" ≥ 95 % ", ">=", "95", "%"));
  });

  it("stays linear on a value of 1,000,000 digits", () => {
    const digits = "9".repeat(1_000_000);
    const t = parseTarget(`≥${digits}万元`);
    expect(t.value).toHaveLength(1_000_000);
    expect(t.scaled?.value).toHaveLength(1_000_004);
    expect(t.scaled?.unit).toBe("元");
  });
});

describe("shiftDecimal", () => {
  it.each([
    ["3", 4, "30000"],
    ["1346.0088", 4, "13460088"],
    ["0.35", 8, "35000000"],
    ["1.23456", 4, "12345.6"],
    ["0.00001", 4, "0.1"],
    ["-2.5", 4, "-25000"],
    ["0", 4, "0"],
    ["007", 3, "7000"],
  ] as const)("%s × 10^%d = %s", (value, shift, expected) => {
    expect(shiftDecimal(value, shift)).toBe(expected);
  });
});

describe("isPercentUnit", () => {
  it("accepts %, ％, 百分比 and 百分率", () => {
    expect(["%", "％", "百分比", "百分率"].map(isPercentUnit)).toEqual([true, true, true, true]);
  });
  it("rejects other units, 百分点 and null", () => {
    expect(["个百分点", "家", "%以上", null, undefined].map(isPercentUnit)).toEqual([false, false, false, false, false]);
  });
});
