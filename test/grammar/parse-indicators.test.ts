// Tests of parseIndicators: the seed table, the hard cases of SPEC §3, every syntax error with its
// exact file position and the recovery at the next `N、`, positions in multi-line cells, big inputs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIndicators, SYNTAX_MESSAGE_IDS, SYNTAX_RULE_ID } from "../../grammar/index.js";
import { fillTemplate } from "../../src/i18n/format.js";
import syntaxRule from "../../src/rules/indicator/syntax.js";
import type { Diagnostic, Indicator } from "../../src/types.js";

const SEED = readFileSync(new URL("../../fixtures/seed-guangzhou-finance-bureau.txt", import.meta.url), "utf8");

/** Code-point length. */
function len(s: string): number {
  return [...s].length;
}

/** 1-based column (code points) of the n-th occurrence of `part` in `text` (start 1:1). */
function col(text: string, part: string, nth = 1): number {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(part, at + 1);
    if (at < 0) throw new Error(`${part} not in ${text}`);
  }
  return len(text.slice(0, at)) + 1;
}

/** The indicator cells of the seed: line, column and text. */
function seedCells(): { line: number; column: number; text: string }[] {
  const out: { line: number; column: number; text: string }[] = [];
  SEED.split("\n").forEach((row, i) => {
    const cells = row.split("\t");
    if (cells.length < 7 || cells[6] === "") return;
    if (!/^\d+、/.test(cells[6]!)) return;
    out.push({ line: i + 1, column: len(cells.slice(0, 6).join("\t")) + 2, text: cells[6]! });
  });
  return out;
}

/** Join raws back into a cell. */
function rebuild(indicators: Indicator[], finalStop: boolean): string {
  return indicators.map((i) => i.raw).join("。") + (finalStop ? "。" : "");
}

const OK1 = "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次";
const OK3 = "3、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:95%；年度指标值:95%";

/** A cell with a good first and third indicator around `middle`. */
function around(middle: string): string {
  return `${OK1}。${middle}。${OK3}。`;
}

/** Assert that the first and third indicators of an `around` cell were read in full. */
function expectNeighboursRead(value: Indicator[]): void {
  expect(value).toHaveLength(3);
  expect(value[0]!.name).toBe("扶持项目数量");
  expect(value[0]!.error).toBeUndefined();
  expect(value[2]!.name).toBe("扶持企业满意度");
  expect(value[2]!.seq).toBe(3);
  expect(value[2]!.error).toBeUndefined();
}

/** The one syntax diagnostic, as message id, data and span. */
function only(diagnostics: Diagnostic[]) {
  expect(diagnostics).toHaveLength(1);
  const d = diagnostics[0]!;
  expect(d.ruleId).toBe(SYNTAX_RULE_ID);
  expect(d.severity).toBe("error");
  expect(d.project).toBeNull();
  expect(d.indicator).toBeNull();
  return { messageId: d.messageId, data: d.data, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

describe("parseIndicators on the seed", () => {
  const cells = seedCells();

  it("reads the 53 indicators of the 13 projects without a diagnostic", () => {
    expect(cells).toHaveLength(13);
    let count = 0;
    for (const c of cells) {
      const r = parseIndicators(c.text, { line: c.line, column: c.column });
      expect(r.diagnostics).toEqual([]);
      count += r.value.length;
      for (const i of r.value) expect(i.error).toBeUndefined();
    }
    expect(count).toBe(53);
  });

  it("types the first indicator of line 12 at column 95", () => {
    const c = cells[0]!;
    expect(c).toMatchObject({ line: 12, column: 95 });
    const first = parseIndicators(c.text, { line: 12, column: 95 }).value[0]!;
    const valueAt = 95 + len("1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:");
    const annualAt = 95 + len("1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:");
    expect(first).toEqual({
      seq: 1,
      line: 12,
      column: 95,
      endLine: 12,
      endColumn: 95 + len(OK1),
      level1: { code: "1", name: "产出指标" },
      level2: { code: "11", name: "数量指标" },
      name: "扶持项目数量",
      period: { raw: "≥495家次", kind: "quantity", comparator: ">=", value: "495", unit: "家次", text: null, scaled: null, modifier: null, upper: null },
      annual: { raw: "≥495家次", kind: "quantity", comparator: ">=", value: "495", unit: "家次", text: null, scaled: null, modifier: null, upper: null },
      periodAt: { line: 12, column: valueAt },
      annualAt: { line: 12, column: annualAt },
      raw: OK1,
    });
  });

  it("gives back every cell by joining the raws with 。", () => {
    for (const c of cells) {
      const { value } = parseIndicators(c.text, { line: c.line, column: c.column });
      expect(rebuild(value, c.text.endsWith("。"))).toBe(c.text);
    }
  });

  it("places every indicator and value where its text is in the line", () => {
    const lines = SEED.split("\n");
    for (const c of cells) {
      const row = lines[c.line - 1]!;
      for (const i of parseIndicators(c.text, { line: c.line, column: c.column }).value) {
        expect(i.line).toBe(c.line);
        expect(i.column).toBe(col(row, i.raw));
        expect(i.endColumn).toBe(i.column + len(i.raw));
        const periodLabel = col(row, "实施周期指标值:" + i.period!.raw, 1 + countBefore(row, i, "实施周期指标值:" + i.period!.raw));
        expect(i.periodAt).toEqual({ line: c.line, column: periodLabel + len("实施周期指标值:") });
      }
    }
  });

  it("numbers the indicators of each project 1, 2, 3 …", () => {
    for (const c of cells) {
      const seqs = parseIndicators(c.text).value.map((i) => i.seq);
      expect(seqs).toEqual(seqs.map((_, k) => k + 1));
    }
  });
});

/** How many times `part` occurs in `row` before indicator `i` starts. */
function countBefore(row: string, i: Indicator, part: string): number {
  const start = row.indexOf(i.raw);
  let n = 0;
  for (let at = row.indexOf(part); at >= 0 && at < start; at = row.indexOf(part, at + 1)) n++;
  return n;
}

describe("parseIndicators: hard cases", () => {
  it("names containing 、 (小额贷款公司、融资租赁公司、商业保理公司公司现场检查覆盖率)", () => {
    const name = "小额贷款公司、融资租赁公司、商业保理公司公司现场检查覆盖率";
    const text = `2、1-产出指标；11-数量指标；${name}；实施周期指标值:100%；年度指标值:100%。`;
    const r = parseIndicators(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.map((i) => [i.seq, i.name])).toEqual([[2, name]]);
  });

  it("names containing 、 after a word (召开政策宣讲、座谈会等活动场次)", () => {
    const r = parseIndicators("1、1-产出指标；11-数量指标；召开政策宣讲、座谈会等活动场次；实施周期指标值:4场；年度指标值:4场。");
    expect(r.value[0]!.name).toBe("召开政策宣讲、座谈会等活动场次");
    expect(r.diagnostics).toEqual([]);
  });

  it("names containing digits followed by 、, ，, - and : (the 、 ends a number only at an indicator's start)", () => {
    const name = "完成2、3号楼建设，2021-2023年累计：新增";
    const r = parseIndicators(`1、1-产出指标；11-数量指标；${name}；实施周期指标值:2栋；年度指标值:1栋`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.map((i) => [i.seq, i.name])).toEqual([[1, name]]);
  });

  it("a value with a comparator inside text (系统吞吐量每秒处理≥30个业务)", () => {
    const r = parseIndicators("3、1-产出指标；12-质量指标；系统运行质量；实施周期指标值:系统吞吐量每秒处理≥30个业务；年度指标值:系统吞吐量每秒处理≥30个业务。");
    expect(r.value[0]!.period).toMatchObject({ kind: "quantity", comparator: ">=", value: "30", unit: "个业务", text: "系统吞吐量每秒处理" });
  });

  it("a value that is 无 or missing", () => {
    const r = parseIndicators("1、1-产出指标；11-数量指标；年度巨灾指数保险完成率；实施周期指标值:无；年度指标值:");
    expect(r.diagnostics).toEqual([]);
    expect(r.value[0]!.period).toMatchObject({ raw: "无", kind: "none" });
    expect(r.value[0]!.annual).toMatchObject({ raw: "", kind: "none" });
    // An empty value is located right after its colon.
    expect(r.value[0]!.annualAt).toEqual({ line: 1, column: len(r.value[0]!.raw) + 1 });
  });

  it("the last indicator without its 。", () => {
    const text = `${OK1}。${OK3}`;
    const r = parseIndicators(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.map((i) => i.raw)).toEqual([OK1, OK3]);
    expect(rebuild(r.value, false)).toBe(text);
  });

  it("ASCII ; and :, full-width ：, spaces around separators", () => {
    const text = "1 、 1-产出指标 ; 11 - 数量指标；扶持项目数量 ；实施周期指标值 ： ≥495家次 ;年度指标值: ≥495家次 。 2、3-满意度指标;31-服务对象满意度;满意度;年度指标值:95%;实施周期指标值:95%";
    const r = parseIndicators(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.map((i) => [i.seq, i.level1, i.level2, i.name, i.period?.raw, i.annual?.raw])).toEqual([
      [1, { code: "1", name: "产出指标" }, { code: "11", name: "数量指标" }, "扶持项目数量", "≥495家次", "≥495家次"],
      [2, { code: "3", name: "满意度指标" }, { code: "31", name: "服务对象满意度" }, "满意度", "95%", "95%"],
    ]);
    expect(rebuild(r.value, false)).toBe(text);
    expect(r.value[1]!.column).toBe(col(text, "2、"));
  });

  it("年度指标值 before 实施周期指标值: targets go by label", () => {
    const text = "1、1-产出指标；11-数量指标；参加展会人数；年度指标值:3万人；实施周期指标值:5万人";
    const i = parseIndicators(text).value[0]!;
    expect(i.period?.raw).toBe("5万人");
    expect(i.annual?.raw).toBe("3万人");
    expect(i.periodAt).toEqual({ line: 1, column: col(text, "5万人") });
    expect(i.annualAt).toEqual({ line: 1, column: col(text, "3万人") });
  });

  it("a bare category name without code (2021 structure)", () => {
    const i = parseIndicators("1、成本指标；经济成本指标；人均成本；实施周期指标值:≤530元/人·月；年度指标值:≤530元/人·月").value[0]!;
    expect([i.level1, i.level2]).toEqual([
      { code: null, name: "成本指标" },
      { code: null, name: "经济成本指标" },
    ]);
  });

  it("a blank cell has no indicators", () => {
    expect(parseIndicators("")).toEqual({ value: [], diagnostics: [] });
    expect(parseIndicators(" \u3000 ")).toEqual({ value: [], diagnostics: [] });
  });
});

describe("parseIndicators: syntax errors and recovery", () => {
  it("a missing ； between the targets", () => {
    const middle = "2、1-产出指标；12-质量指标；政策兑现资金使用合规性；实施周期指标值:100%年度指标值:100%";
    const text = around(middle);
    const r = parseIndicators(text, { line: 7, column: 3 });
    expectNeighboursRead(r.value);
    const c = col(text, "年度指标值", 2) + 2;
    expect(only(r.diagnostics)).toEqual({ messageId: "missingSemicolon", data: {}, line: 7, column: c, endLine: 7, endColumn: c + 5 });
    expect(r.value[1]).toEqual({
      seq: 2,
      line: 7,
      column: col(text, "2、") + 2,
      endLine: 7,
      endColumn: col(text, "2、") + 2 + len(middle),
      level1: null,
      level2: null,
      name: null,
      period: null,
      annual: null,
      periodAt: null,
      annualAt: null,
      raw: middle,
      error: "a “；” separator is missing here",
    });
    expect(rebuild(r.value, true)).toBe(text);
  });

  it("a missing ； between the categories (one part short: the name is missing where the label is)", () => {
    const text = around("2、1-产出指标11-数量指标；名称；实施周期指标值:1；年度指标值:1");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "实施周期指标值", 2);
    expect(only(r.diagnostics)).toEqual({ messageId: "missingName", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 7 });
  });

  it("an unknown label (目标值:5)", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；目标值:5；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "目标值");
    expect(only(r.diagnostics)).toEqual({ messageId: "unknownLabel", data: { label: "目标值" }, line: 1, column: c, endLine: 1, endColumn: c + 3 });
    expect(r.value[1]!.error).toBe("unknown target label “目标值”: expected 实施周期指标值 (period) or 年度指标值 (annual)");
  });

  it("a label without colon", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；实施周期指标值100%；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "实施周期指标值100%");
    expect(only(r.diagnostics)).toEqual({ messageId: "missingColon", data: { label: "实施周期指标值" }, line: 1, column: c, endLine: 1, endColumn: c + 7 });
  });

  it("no second target (the indicator ends after the first)", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；实施周期指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    // Reported on the character after the value: the 。 that ends the indicator too early.
    const c = col(text, "。2、") + len("。2、1-产出指标；12-质量指标；合规性；实施周期指标值:100%");
    expect(only(r.diagnostics)).toEqual({ messageId: "missingTarget", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 1 });
  });

  it("a target without label", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；100%；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "100%；年度");
    expect(only(r.diagnostics)).toEqual({ messageId: "missingTarget", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 4 });
  });

  it("a missing name", () => {
    const text = around("2、1-产出指标；12-质量指标；实施周期指标值:100%；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "实施周期指标值", 2);
    expect(only(r.diagnostics)).toEqual({ messageId: "missingName", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 7 });
  });

  it("an indicator that stops after its level-1 category", () => {
    const r = parseIndicators("1、1-产出指标");
    expect(only(r.diagnostics)).toEqual({ messageId: "missingCategory", data: { level: 2 }, line: 1, column: 9, endLine: 1, endColumn: 9 });
    expect(r.value[0]).toMatchObject({ seq: 1, raw: "1、1-产出指标", column: 1, endColumn: 9, error: expect.any(String) });
  });

  it("an empty level-1 category", () => {
    const text = around("2、；12-质量指标；合规性；实施周期指标值:100%；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "2、；") + 2;
    expect(only(r.diagnostics)).toEqual({ messageId: "missingCategory", data: { level: 1 }, line: 1, column: c, endLine: 1, endColumn: c + 1 });
  });

  it("a category without name (1-)", () => {
    const text = around("2、1-；12-质量指标；合规性；实施周期指标值:100%；年度指标值:100%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "2、1-；") + 2;
    expect(only(r.diagnostics)).toEqual({ messageId: "badCategory", data: { level: 1, text: "1-" }, line: 1, column: c, endLine: 1, endColumn: c + 2 });
  });

  it("a duplicated label", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；年度指标值:100%；年度指标值:90%");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "年度指标值:90%");
    expect(only(r.diagnostics)).toEqual({ messageId: "duplicateLabel", data: { label: "年度指标值" }, line: 1, column: c, endLine: 1, endColumn: c + 5 });
  });

  it("text after the second target", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；实施周期指标值:1；年度指标值:1；备注");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "；备注");
    expect(only(r.diagnostics)).toEqual({ messageId: "unexpectedText", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 1 });
  });

  it("a 。 inside an indicator (not followed by N、)", () => {
    const text = around("2、1-产出指标；12-质量指标；合规性；实施周期指标值:提高。年度指标值:提高");
    const r = parseIndicators(text);
    expectNeighboursRead(r.value);
    const c = col(text, "。年度");
    expect(only(r.diagnostics)).toEqual({ messageId: "missingSemicolon", data: {}, line: 1, column: c, endLine: 1, endColumn: c + 1 });
    expect(rebuild(r.value, true)).toBe(text);
  });

  it("a cell that does not start with a sequence number", () => {
    const text = `1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:1；年度指标值:1。${OK3}`;
    const r = parseIndicators(text, { line: 4, column: 10 });
    expect(only(r.diagnostics)).toEqual({ messageId: "missingSeq", data: {}, line: 4, column: 10, endLine: 4, endColumn: 16 });
    expect(r.value[0]).toMatchObject({ seq: null, line: 4, column: 10, level1: null });
    expect(r.value[1]!.name).toBe("扶持企业满意度");
  });

  it("a missing 。 between two indicators joins them until the next 。N、", () => {
    const text = `${OK1}2、1-产出指标；12-质量指标；合规性；实施周期指标值:1；年度指标值:1。${OK3}`;
    const r = parseIndicators(text);
    expect(r.value.map((i) => [i.seq, i.error === undefined])).toEqual([
      [1, false],
      [3, true],
    ]);
    expect(only(r.diagnostics).messageId).toBe("unexpectedText");
  });

  it("a ； instead of the 。 that ends an indicator: the error is at the ；, and the next indicator is read", () => {
    const text = `${OK1}；2、1-产出指标；12-质量指标；合规性；实施周期指标值:1；年度指标值:1。${OK3}。`;
    const r = parseIndicators(text, { line: 5, column: 7 });
    const c = 6 + col(text, "；2、");
    expect(only(r.diagnostics)).toEqual({ messageId: "unexpectedText", data: {}, line: 5, column: c, endLine: 5, endColumn: c + 1 });
    expect(r.value.map((i) => [i.seq, i.error === undefined, i.name])).toEqual([
      [1, false, null],
      [2, true, "合规性"],
      [3, true, "扶持企业满意度"],
    ]);
    expect(r.value[0]).toMatchObject({ raw: OK1, column: 7, endColumn: c });
    expect(r.value[1]).toMatchObject({ column: c + 1, raw: "2、1-产出指标；12-质量指标；合规性；实施周期指标值:1；年度指标值:1" });
    // A ; (half-width) and spaces before the number work the same way.
    const half = parseIndicators(`${OK1}; 2、1-产出指标；12-质量指标；合规性；实施周期指标值:1；年度指标值:1`);
    expect(half.value.map((i) => [i.seq, i.error === undefined])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(half.diagnostics).toHaveLength(1);
  });

  it("an indicator short of its second target and ended with ； (…:≥100人次；2、…): it lacks a target there, and the next is read", () => {
    const first = "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥100人次";
    const text = `${first}；2、1-产出指标；12-质量指标；合格率；实施周期指标值:≥95%；年度指标值:≥95%。`;
    const r = parseIndicators(text);
    expect(r.value.map((i) => [i.seq, i.error === undefined, i.name])).toEqual([
      [1, false, null],
      [2, true, "合格率"],
    ]);
    expect(r.value[0]!.raw).toBe(first);
    // Said where the indicator ends, not at the next one's number.
    expect(only(r.diagnostics)).toMatchObject({ messageId: "missingTarget", line: 1, column: col(text, "；2、") });
  });

  it("several broken indicators in one cell each get a diagnostic", () => {
    const text = "1、1-产出指标；名称；实施周期指标值:1；年度指标值:1。2、1-产出指标；11-数量指标；名称；目标:1；年度指标值:1。3、x";
    const r = parseIndicators(text);
    expect(r.diagnostics.map((d) => [d.messageId, d.column])).toEqual([
      ["missingName", col(text, "实施周期指标值")],
      ["unknownLabel", col(text, "目标")],
      ["missingCategory", len(text) + 1],
    ]);
    expect(r.value.map((i) => i.seq)).toEqual([1, 2, 3]);
  });

  it("reports the same error at another place and number when the indicator repeats", () => {
    const broken = "1-产出指标；11-数量指标；名称；目标值:5；年度指标值:1";
    const first = parseIndicators(`1、${broken}`, { line: 3, column: 5 });
    const again = parseIndicators(`${OK1}。12、${broken}`, { line: 8, column: 1 });
    expect(only(first.diagnostics)).toMatchObject({ line: 3, column: 5 + col(`1、${broken}`, "目标值") - 1 });
    expect(only(again.diagnostics)).toMatchObject({ line: 8, column: col(`${OK1}。12、${broken}`, "目标值") });
    expect(again.value[1]).toMatchObject({ seq: 12, column: len(OK1) + 2 });
  });
});

describe("parseIndicators: positions", () => {
  it("advances the line at a line break inside the cell (CSV cells)", () => {
    const text = `${OK1}。\n2、1-产出指标；11-数量指标；名称；目标值:1；年度指标值:1`;
    const r = parseIndicators(text, { line: 5, column: 10 });
    expect(r.value[1]).toMatchObject({ seq: 2, line: 6, column: 1, endLine: 6, endColumn: 1 + len("2、1-产出指标；11-数量指标；名称；目标值:1；年度指标值:1") });
    expect(r.value[1]!.raw.startsWith("\n")).toBe(true);
    const c = col("2、1-产出指标；11-数量指标；名称；目标值:1", "目标值");
    expect(only(r.diagnostics)).toMatchObject({ line: 6, column: c, endLine: 6, endColumn: c + 3 });
    expect(r.value[0]).toMatchObject({ line: 5, column: 10, endLine: 5, endColumn: 10 + len(OK1) });
  });

  it("counts a character outside the BMP as one column", () => {
    const text = "1、1-产出指标；11-数量指标；𠮷野家门店数量；实施周期指标值:≥2家；年度指标值:≥2家";
    const i = parseIndicators(text, { line: 2, column: 4 }).value[0]!;
    expect(i.name).toBe("𠮷野家门店数量");
    expect(i.periodAt).toEqual({ line: 2, column: 3 + col(text, "≥2家") });
    expect(i.endColumn).toBe(4 + len(text));
  });
});

describe("parseIndicators: big inputs stay linear", () => {
  it("reads a name with 100,000 、", () => {
    const name = "企业、".repeat(100_000) + "数量";
    const r = parseIndicators(`1、1-产出指标；11-数量指标；${name}；实施周期指标值:1家；年度指标值:1家。`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value[0]!.name).toBe(name);
  });

  it("reads a value of 1,000,000 digits", () => {
    const digits = "7".repeat(1_000_000);
    const r = parseIndicators(`1、1-产出指标；11-数量指标；数量；实施周期指标值:≥${digits}家；年度指标值:1家`);
    expect(r.value[0]!.period?.value).toBe(digits);
  });

  it("reads a 5 MB cell of indicators", () => {
    const parts: string[] = [];
    let size = 0;
    for (let n = 1; size < 5_000_000; n++) {
      const p = `${n}、1-产出指标；11-数量指标；指标${n % 97}；实施周期指标值:≥${n % 89}家；年度指标值:≥${n % 89}家`;
      parts.push(p);
      size += p.length;
    }
    const text = parts.join("。") + "。";
    const r = parseIndicators(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toHaveLength(parts.length);
    expect(r.value.at(-1)!.seq).toBe(parts.length);
    expect(r.value.at(-1)!.column).toBe(len(text) - len(parts.at(-1)!));
  });

  it("reads 1,000,000 digits that look like a sequence number but are not", () => {
    const text = `${OK1}。${"1".repeat(1_000_000)}`;
    const r = parseIndicators(text);
    expect(r.value.map((i) => i.seq)).toEqual([1]);
    expect(only(r.diagnostics).messageId).toBe("unexpectedText");
  });
});

describe("indicator/syntax messages", () => {
  it("the rule publishes exactly the parser's message ids, in zh and en", () => {
    expect(Object.keys(syntaxRule.meta.messages).sort()).toEqual([...SYNTAX_MESSAGE_IDS].sort());
    expect(syntaxRule.meta.id).toBe(SYNTAX_RULE_ID);
    expect(syntaxRule.meta.defaultSeverity).toBe("error");
  });

  it("every message id is emitted by some broken cell and formats without leftover placeholders", () => {
    const broken = [
      "1-产出指标；11-数量指标；名称；实施周期指标值:1；年度指标值:1",
      "1、；11-数量指标；名称；实施周期指标值:1；年度指标值:1",
      "1、1-；11-数量指标；名称；实施周期指标值:1；年度指标值:1",
      "1、1-产出指标；11-数量指标；实施周期指标值:1；年度指标值:1",
      "1、1-产出指标；11-数量指标；名称；实施周期指标值:1年度指标值:1",
      "1、1-产出指标；11-数量指标；名称；实施周期指标值:1",
      "1、1-产出指标；11-数量指标；名称；目标值:5；年度指标值:1",
      "1、1-产出指标；11-数量指标；名称；实施周期指标值1；年度指标值:1",
      "1、1-产出指标；11-数量指标；名称；年度指标值:1；年度指标值:1",
      "1、1-产出指标；11-数量指标；名称；实施周期指标值:1；年度指标值:1；多余",
    ];
    const seen = new Set<string>();
    for (const text of broken) {
      for (const d of parseIndicators(text).diagnostics) {
        seen.add(d.messageId);
        for (const lang of ["zh", "en"] as const) {
          const message = fillTemplate(syntaxRule.meta.messages[d.messageId]![lang], d.data);
          expect(message).not.toMatch(/\{\w+\}/);
        }
      }
    }
    expect([...seen].sort()).toEqual([...SYNTAX_MESSAGE_IDS].sort());
  });

  it("an indicator's error is the English message of its diagnostic", () => {
    const r = parseIndicators("1、1-产出指标；11-数量指标；名称；目标值:5；年度指标值:1");
    const d = r.diagnostics[0]!;
    expect(fillTemplate(syntaxRule.meta.messages[d.messageId]!.zh, d.data)).toBe("未知的指标值标签“目标值”，应为“实施周期指标值”或“年度指标值”");
    expect(r.value[0]!.error).toBe(fillTemplate(syntaxRule.meta.messages[d.messageId]!.en, d.data));
  });
});

describe("parseIndicators: a ； typed for the 。 in a whole table", () => {
  it("reads the next indicator, keeps the cell as published, and gives no false sequence warning", async () => {
    const { editSeed } = await import("../helpers/fixtures.js");
    const { parseTable } = await import("../../src/table/parse.js");
    const { checkInput } = await import("../../src/validate/run.js");
    const { renderIndicatorsCell } = await import("../../src/table/reader.js");
    const text = editSeed("年度指标值:≥495家次。2、", "年度指标值:≥495家次；2、");
    const project = parseTable(text).value[0]!.units[0]!.projects[0]!;
    expect(project.indicators.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(project.indicators[0]!.error).toBeTruthy();
    expect(project.indicators[1]!.error).toBeUndefined();
    const cell = text.split("\n")[11]!.split("\t").at(-1)!;
    expect(project.indicatorsRaw).toBe(cell.trim());
    expect(renderIndicatorsCell(project)).toBe(cell.trim());
    const ids = checkInput(text, { path: "t.txt" }).diagnostics.filter((d) => d.line === 12 && d.ruleId.startsWith("indicator/")).map((d) => d.ruleId);
    expect(ids).toEqual(["indicator/syntax"]);
  });
});
