// Streamed convert writes byte for byte what the in-memory formatters write.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { formatDocuments, type ConvertFormat } from "../../src/convert/index.js";
import { convertStreamed } from "../../src/convert/stream.js";
import { parseTable } from "../../src/table/parse.js";
import { editSeed, ROOT, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("perftable-convert-stream-");

async function streamed(text: string, format: ConvertFormat): Promise<{ out: string; tables: number }> {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.txt`);
  const bytes = Buffer.from(text, "utf8");
  writeFileSync(file, bytes);
  let out = "";
  const result = await convertStreamed(file, bytes.subarray(0, 65536), format, (s) => void (out += s));
  return { out, tables: result.tables };
}

const NO_UNITS = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92\t\t\t\t\n", "").replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n", "");
const AMBIGUOUS = editSeed("金融风险防控经费\t105.00", "某行\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00");
const WITH_NOTES = editSeed("单位：万元", "单位：万元\n注：本表为示例。").replace("绩效指标\n", "绩效指标\t备注\n");
const EXPORTED = readFileSync(`${ROOT}fixtures/excel-text/seed-libreoffice-utf8.txt`, "utf8");
const MANY = Array.from({ length: 40 }, (_, i) => editSeed("广州开发区金融工作局（部门）", `部门${i}`)).join("\n");

describe("convertStreamed", () => {
  it.each([
    ["the seed", SEED],
    ["a table without unit rows", NO_UNITS],
    ["an ambiguous row", AMBIGUOUS],
    ["notes and an unknown column", WITH_NOTES],
    ["two tables", SEED + "\n" + editSeed("广州开发区金融工作局（部门）", "另一个部门")],
    ["forty tables over several chunks", MANY],
    // A spreadsheet's export, its header cell broken over two lines (`"项目名称⏎（资金使用单位）"`).
    ["two exported tables with a multi-line header cell", EXPORTED + "\n" + EXPORTED.replace("广州开发区金融工作局（部门）", "另一个部门")],
  ])("%s: identical output in every format", async (_name, text) => {
    const docs = parseTable(text).value;
    for (const format of ["json", "ndjson", "csv"] as const) {
      const { out, tables } = await streamed(text, format);
      expect(tables).toBe(docs.length);
      expect(out).toBe(formatDocuments(format, docs));
    }
  });

  it("finds a second table whatever its header looks like (spaced out, across a read chunk)", async () => {
    const second = editSeed("广州开发区金融工作局（部门）", "另一个部门");
    const spaced = second.replace("项目名称", "项 目　名 称");
    expect(spaced).not.toBe(second);
    // A first table padded with project rows so that the second header's 项目名称 straddles the
    // first 1 MiB read of the file.
    const header = SEED.indexOf("项目名称");
    const row = "金融项目评审专项经费\t25.00\t25.00\t\t\t通过开展金融发展专项资金评审。\t1、1-产出指标；11-数量指标；评审项目数量；实施周期指标值:≥10个；年度指标值:≥10个\n";
    const first = editSeed("金融风险防控经费\t105.00", row.repeat(4000) + "金融风险防控经费\t105.00");
    const before = Buffer.byteLength(first + "\n" + second.slice(0, second.indexOf("项目名称")));
    const room = 1048576 - 6 - before - 7; // 项目名称 to start 6 bytes before the 1 MiB mark
    const pad = "注：" + "备".repeat(Math.floor(room / 3)) + "x".repeat(room % 3) + "\n";
    const straddling = first + "\n" + pad + second;
    const at = Buffer.byteLength(straddling.slice(0, straddling.lastIndexOf("项目名称")));
    expect(at).toBeLessThan(1048576);
    expect(at + 12).toBeGreaterThan(1048576);
    expect(header).toBeGreaterThan(0);
    for (const text of [SEED + "\n" + spaced, straddling]) {
      const docs = parseTable(text).value;
      expect(docs).toHaveLength(2);
      const { out, tables } = await streamed(text, "json");
      expect(tables).toBe(2);
      expect(out).toBe(formatDocuments("json", docs));
      expect(JSON.parse(out)).toHaveLength(2);
    }
  });

  it.each([
    ["GB18030", (text: string) => iconv.encode(text, "gb18030")],
    ["UTF-16LE with a BOM", (text: string) => iconv.encode("\ufeff" + text, "utf-16le")],
  ])("writes nothing for a %s table with a NUL character past its first read (as the whole-file read: binary)", async (_name, encode) => {
    // (The NUL comes after more than one decoded piece of rows: they used to be written already.)
    const row = "金融项目评审专项经费\t25.00\t25.00\t\t\t通过开展金融发展专项资金评审。\t1、1-产出指标；11-数量指标；评审项目数量；实施周期指标值:≥10个；年度指标值:≥10个\n";
    const text = editSeed("金融风险防控经费\t105.00", row.repeat(400) + "金融风险防控经费\t105.00") + "\nx\u0000y\n";
    const bytes = encode(text);
    const file = join(dir, `nul-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, bytes);
    for (const format of ["json", "ndjson", "csv"] as const) {
      let out = "";
      const result = await convertStreamed(file, bytes.subarray(0, 65536), format, (s) => void (out += s));
      expect({ written: out.length, tables: result.tables, found: result.diagnostics.map((d) => d.messageId) }).toEqual({ written: 0, tables: 0, found: ["binary"] });
    }
  });

  it.each([
    ["GB18030", (text: string) => Buffer.concat([iconv.encode(text, "gb18030"), Buffer.from([0x41, 0xff, 0xff, 0x0a])])],
    ["UTF-16LE with a BOM", (text: string) => Buffer.concat([iconv.encode("\ufeff" + text, "utf-16le"), Buffer.from([0x00, 0xd8, 0x0a, 0x00])])],
  ])("counts what %s decoding replaces after the reader stopped looking for a header, as the whole-file read", async (_name, encode) => {
    // The seed, then 部门名称 and 3,000 lines of notes: the reader gives up after 1,000 of them.
    const notes = Array.from({ length: 3000 }, (_, i) => `附注第${i}行：本表数据来源于部门预算系统。`).join("\n");
    const bytes = encode(`${SEED}\n部门名称：某某局\n${notes}\n`);
    const file = join(dir, `stop-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, bytes);
    const whole = parseTable(bytes).diagnostics.filter((d) => d.ruleId === "input/replaced-bytes");
    expect(whole).toHaveLength(1);
    const result = await convertStreamed(file, bytes.subarray(0, 65536), "ndjson", () => {});
    expect(result.diagnostics.filter((d) => d.ruleId === "input/replaced-bytes")).toEqual(whole);
  });

  it("writes nothing for a file without a table", async () => {
    const { out, tables } = await streamed("会议纪要\n今天开会。\n", "json");
    expect([out, tables]).toEqual(["", 0]);
  });
});

describe("formatJson", () => {
  it("is the JSON of the documents", () => {
    for (const text of [SEED, NO_UNITS, AMBIGUOUS, WITH_NOTES, MANY]) {
      const docs = parseTable(text).value;
      const parsed = JSON.parse(formatDocuments("json", docs));
      expect(parsed).toEqual(JSON.parse(JSON.stringify(docs.length === 1 ? docs[0] : docs)));
    }
  });

  it("puts each project on one line", () => {
    const lines = formatDocuments("json", parseTable(SEED).value).split("\n");
    expect(lines.filter((l) => l.startsWith('      {"name":'))).toHaveLength(13);
    expect(lines[1]).toBe('  "title": "项目支出绩效目标表（含转移支付项目）",');
  });
});

describe("formatDocuments", () => {
  it("refuses a format it does not know, for callers without the types (it wrote NDJSON)", () => {
    const docs = parseTable(SEED).value;
    expect(() => formatDocuments("xml" as ConvertFormat, docs)).toThrow(/unknown format "xml": use one of json, ndjson, csv/);
    expect(formatDocuments("ndjson", docs).split("\n")[0]).toContain('"department"');
  });
});
