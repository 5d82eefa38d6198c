// The library's main entry points called as plain JavaScript may call them: arguments of the wrong
// type get a TypeError at the entry naming the argument, not one from deep inside; right ones work.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as perftable from "../src/index.js";
import { SEED, SEED_PATH } from "./helpers/fixtures.js";

/** The library as an untyped caller sees it. */
const lib = perftable as unknown as Record<string, (...args: unknown[]) => unknown>;
const SEED_BYTES = readFileSync(SEED_PATH);
const INDICATOR = "1、1-产出指标；11-数量指标；培训场次；实施周期指标值:≥4场；年度指标值:≥4场。";
const DIAGNOSTIC = { ruleId: "input/unreadable", messageId: "empty", data: {} };

/** The error a call gives, thrown or (for an async function) as its rejection. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("the main entry points given arguments of the wrong type", () => {
  it.each<[string, () => unknown, string]>([
    ["checkFile(null)", () => lib.checkFile!(null), "checkFile(file): expected a string, got null"],
    ["checkFile(42)", () => lib.checkFile!(42), "checkFile(file): expected a string, got a number (42)"],
    ["checkFile(file, 'opts')", () => lib.checkFile!(SEED_PATH, "opts"), 'checkFile(options): expected an object, got a string ("opts")'],
    ["checkFile(file, { cwd: 5 })", () => lib.checkFile!("a.txt", { cwd: 5 }), "checkFile(options.cwd): expected a string, got a number (5)"],
    ["checkFile(file, { encoding: true })", () => lib.checkFile!(SEED_PATH, { encoding: true }), "checkFile(options.encoding): expected a string, got a boolean (true)"],
    ["parseFile(undefined)", () => lib.parseFile!(undefined), "parseFile(file): expected a string, got undefined"],
    ["parseFile(file, [])", () => lib.parseFile!(SEED_PATH, []), "parseFile(options): expected an object, got an array"],
    ["checkInput(null, …)", () => lib.checkInput!(null, { path: "a.txt" }), "checkInput(input): expected a string or a Uint8Array, got null"],
    ["checkInput(bytes)", () => lib.checkInput!(SEED_BYTES), "checkInput(options): expected an object, got undefined"],
    ["checkInput(bytes, {})", () => lib.checkInput!(SEED_BYTES, {}), "checkInput(options.path): expected a string, got undefined"],
    ["parseTable(ArrayBuffer)", () => lib.parseTable!(new ArrayBuffer(8)), "parseTable(input): expected a string or a Uint8Array, got an ArrayBuffer"],
    ["parseTable(42)", () => lib.parseTable!(42), "parseTable(input): expected a string or a Uint8Array, got a number (42)"],
    ["parseTable(text, 'gb18030')", () => lib.parseTable!(SEED, "gb18030"), 'parseTable(options): expected an object, got a string ("gb18030")'],
    ["parseIndicators(null)", () => lib.parseIndicators!(null), "parseIndicators(text): expected a string, got null"],
    ["parseIndicators(42)", () => lib.parseIndicators!(42), "parseIndicators(text): expected a string, got a number (42)"],
    ["parseIndicators(text, 12)", () => lib.parseIndicators!(INDICATOR, 12), "parseIndicators(start): expected a position { line, column } (whole numbers from 1), got a number (12)"],
    ["parseIndicators(text, { line: '12' })", () => lib.parseIndicators!(INDICATOR, { line: "12", column: 95 }), "parseIndicators(start): expected a position { line, column } (whole numbers from 1), got an object"],
    ["parseIndicators(text, start, 'yes')", () => lib.parseIndicators!(INDICATOR, { line: 1, column: 1 }, "yes"), 'parseIndicators(oneLine): expected a boolean, got a string ("yes")'],
    ["parseTarget(null)", () => lib.parseTarget!(null), "parseTarget(raw): expected a string, got null"],
    ["decodeBytes('abc')", () => lib.decodeBytes!("abc"), 'decodeBytes(bytes): expected a Uint8Array, got a string ("abc")'],
    ["decodeBytes(bytes, 8)", () => lib.decodeBytes!(SEED_BYTES, 8), "decodeBytes(encoding): expected a string, got a number (8)"],
    ["formatDocuments(null, [])", () => lib.formatDocuments!(null, []), "formatDocuments(format): expected a string, got null"],
    ["formatDocuments('json', null)", () => lib.formatDocuments!("json", null), "formatDocuments(docs): expected an array, got null"],
    ["formatDocuments('csv', [null])", () => lib.formatDocuments!("csv", [null]), "formatDocuments(docs[0]): expected a table document (an object), got null"],
    ["formatDocuments('json', [], 'terminal')", () => lib.formatDocuments!("json", [], "terminal"), 'formatDocuments(options): expected an object, got a string ("terminal")'],
    ["formatJson({})", () => lib.formatJson!({}), "formatJson(docs): expected an array, got an object"],
    ["formatCsv('…')", () => lib.formatCsv!(SEED), `formatCsv(docs): expected an array, got a string (${JSON.stringify(SEED.slice(0, 20))}…)`],
    ["formatNdjson(undefined)", () => lib.formatNdjson!(undefined), "formatNdjson(docs): expected an array, got undefined"],
    ["formatMessage(null, 'en')", () => lib.formatMessage!(null, "en"), "formatMessage(d): expected a diagnostic (an object), got null"],
    ["formatMessage(d)", () => lib.formatMessage!(DIAGNOSTIC), "formatMessage(lang): expected a string, got undefined"],
  ])("%s: a TypeError naming the argument", async (_call, call, message) => {
    const error = await errorOf(call);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe(`perftable: ${message}`);
  });

  it("rejects the promise of an async entry point rather than throwing at the call", async () => {
    let promise: unknown;
    expect(() => (promise = lib.checkFile!(null))).not.toThrow();
    await expect(promise).rejects.toThrow(TypeError);
  });

  it.each<[string, () => unknown, string]>([
    // "gbk" failed inside iconv-lite ("Cannot read properties of null (reading 'feed')"), "utf8" was
    // taken and reported as the file's encoding "utf8", "latin1" decoded the table as Latin-1.
    ["parseTable(bytes, { encoding: 'gbk' })", () => lib.parseTable!(SEED_BYTES, { encoding: "gbk" }), 'parseTable(options.encoding): expected one of auto, utf-8, gb18030, utf-16le, utf-16be, got a string ("gbk")'],
    ["checkInput(bytes, { encoding: 'utf8' })", () => lib.checkInput!(SEED_BYTES, { path: "a.txt", encoding: "utf8" }), 'checkInput(options.encoding): expected one of auto, utf-8, gb18030, utf-16le, utf-16be, got a string ("utf8")'],
    ["checkFile(file, { encoding: 'latin1' })", () => lib.checkFile!(SEED_PATH, { encoding: "latin1" }), 'checkFile(options.encoding): expected one of auto, utf-8, gb18030, utf-16le, utf-16be, got a string ("latin1")'],
    ["parseFile(file, { encoding: '' })", () => lib.parseFile!(SEED_PATH, { encoding: "" }), 'parseFile(options.encoding): expected one of auto, utf-8, gb18030, utf-16le, utf-16be, got a string ("")'],
    ["decodeBytes(bytes, 'GB18030')", () => lib.decodeBytes!(SEED_BYTES, "GB18030"), 'decodeBytes(encoding): expected one of auto, utf-8, gb18030, utf-16le, utf-16be, got a string ("GB18030")'],
    // A language it does not have gave "ruleId: messageId {data}" in place of a message.
    ["formatMessage(d, 'zh-CN')", () => lib.formatMessage!(DIAGNOSTIC, "zh-CN"), 'formatMessage(lang): expected one of zh, en, got a string ("zh-CN")'],
  ])("%s: a RangeError naming the argument and the values it takes", async (_call, call, message) => {
    const error = await errorOf(call);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe(`perftable: ${message}`);
  });

  it("takes a configuration only as resolveConfig makes it (a config file's object failed deep inside)", async () => {
    const raw = { rules: { "project/missing-satisfaction": "off" } };
    const message = "perftable: checkFile(options.config): expected a configuration made by resolveConfig(), got an object";
    await expect(lib.checkFile!(SEED_PATH, { config: raw })).rejects.toThrow(new TypeError(message));
    expect(() => lib.checkInput!(SEED_BYTES, { path: "a.txt", config: raw })).toThrow(new TypeError(message.replace("checkFile", "checkInput")));
    const report = await perftable.checkFile(SEED_PATH, { config: perftable.resolveConfig(raw as perftable.ConfigFile) });
    expect(report.diagnostics.map((d) => d.ruleId)).not.toContain("project/missing-satisfaction");
  });

  it("keeps formatDocuments' RangeError for a format it does not know", () => {
    expect(() => lib.formatDocuments!("xml", [])).toThrow(RangeError);
  });
});

describe("the main entry points given arguments of the right type", () => {
  it("work as before: text or bytes (a Buffer is a Uint8Array), options left out or given", async () => {
    const fromText = perftable.parseTable(SEED);
    expect(fromText.value).toHaveLength(1);
    expect(perftable.parseTable(SEED_BYTES, { encoding: "utf-8" }).value).toEqual(fromText.value);
    expect(perftable.parseTable(new Uint8Array(SEED_BYTES)).value).toEqual(fromText.value);
    const report = await perftable.checkFile(SEED_PATH);
    expect(report).toMatchObject({ path: SEED_PATH, errorCount: 0, warningCount: 8 });
    expect(perftable.checkInput(SEED, { path: "seed.txt" }).diagnostics).toEqual(report.diagnostics);
    expect((await perftable.parseFile(SEED_PATH, {})).value).toEqual(fromText.value);
    const [indicator] = perftable.parseIndicators(INDICATOR, { line: 12, column: 95 }).value;
    expect(indicator).toMatchObject({ name: "培训场次", line: 12, column: 95 });
    expect(perftable.parseIndicators(INDICATOR).value[0]).toMatchObject({ line: 1, column: 1 });
    expect(perftable.parseTarget("≥4场")).toMatchObject({ comparator: ">=", value: "4", unit: "场" });
    expect(perftable.decodeBytes(SEED_BYTES)).toMatchObject({ ok: true, encoding: "utf-8" });
    expect(JSON.parse(perftable.formatDocuments("json", fromText.value))).toMatchObject({ department: expect.any(String) });
    expect(perftable.formatDocuments("csv", [], { terminal: true })).toMatch(/^\uFEFF/);
    expect(perftable.formatMessage(DIAGNOSTIC, "zh")).toBe("文件为空");
  });

  it("still never throw on bad input: bytes that are no table are a finding", () => {
    const { value, diagnostics } = perftable.parseTable(new Uint8Array([0, 1, 2, 0xff]));
    expect(value).toEqual([]);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["input/unreadable"]);
  });
});
