// Tests of the .csv reader and of format detection: the seed saved as CSV reads into the same
// document and findings as the text; quoted cells, encodings, positions and broken quoting.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { readCsvRows } from "../../src/io/csv.js";
import { detectFormat } from "../../src/io/formats.js";
import type { Diagnostic } from "../../src/types.js";
import { makeTempDir, tsvToCsv, withoutColumns, writeTableFormats } from "../helpers/convert-fixture.js";
import { SEED } from "../helpers/fixtures.js";

const bytes = (s: string) => new TextEncoder().encode(s);

/** What must agree between two reads of the same table: everything but columns. */
function findingKeys(ds: Diagnostic[]) {
  return ds.map((d) => ({ ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, line: d.line, endLine: d.endLine, project: d.project, indicator: d.indicator, data: d.data }));
}

/** The text starting at a 1-based line and code-point column of `text`. */
function textAt(text: string, line: number, column: number): string {
  return [...text.split(/\r?\n/)[line - 1]!].slice(column - 1).join("");
}

const HEADER = "项目名称（资金使用单位）,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标";
const PREAMBLE = "项目支出绩效目标表\n部门名称：测试局\n单位：万元\n";

describe("detectFormat", () => {
  const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  test.each([
    ["t.csv", bytes("a,b,c\n1,2,3\n"), "csv"],
    ["T.CSV", bytes("a,b\n"), "csv"],
    ["t.csv", bytes(SEED), "text"], // tab-separated content saved as .csv (amounts bring a few commas)
    ["t.txt", bytes(SEED), "text"],
    ["t.tsv", bytes("a\tb\n"), "text"],
    ["-", bytes("a,b\n"), "text"],

    ["t.txt", zip, "xlsx"],
    ["t.xlsx", zip, "xlsx"],
    ["t.xlsx", bytes("not a zip"), "xlsx"],
    ["t.xls", ole, "xls"],
    ["t.txt", ole, "xls"],
    ["t.xls", bytes(SEED), "text"], // many ".xls" downloads are really text
    ["dir.v2/table", bytes("a,b\n"), "text"],
  ] as const)("%s → %s", (path, content, expected) => {
    expect(detectFormat(path, content)).toBe(expected);
  });

  test("standard input (or a name without extension) with comma-separated cells and not one tab is CSV", () => {
    expect(detectFormat("<stdin>", bytes(tsvToCsv(SEED)))).toBe("csv");
    expect(detectFormat("table", bytes(tsvToCsv(SEED)))).toBe("csv");
    expect(detectFormat("<stdin>", bytes(SEED))).toBe("text");
    expect(detectFormat("<stdin>", bytes("hello, world\n"))).toBe("text");
    expect(detectFormat("t.txt", bytes(tsvToCsv(SEED)))).toBe("text");
  });

  test("a UTF-16 .csv is told apart by its 16-bit commas", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("名称,总计\n甲,1\n", "utf-16le")]);
    expect(detectFormat("t.csv", utf16)).toBe("csv");
  });
});

describe("the seed as .csv", () => {
  test("gives the same document as the tab-separated seed, except columns and refs", async () => {
    const f = await writeTableFormats();
    const txt = await parseFile(f.txt);
    const csv = await parseFile(f.csv);
    expect(txt.diagnostics).toEqual([]);
    expect(csv.diagnostics).toEqual([]);
    expect(csv.value).toHaveLength(1);
    expect(withoutColumns(csv.value)).toEqual(withoutColumns(txt.value));
    const doc = csv.value[0]!;
    expect(doc.total?.amountsRaw.total).toBe("15,812.52");
    expect(doc.total?.amounts.total).toBe("15812.52");
    const project = doc.units[0]!.projects[0]!;
    expect(project.name).toBe("金融发展专项资金");
    expect(project.line).toBe(12);
    expect(project.ref).toBe("A12");
  });

  test("gives the same findings (rule, line, project, data) as the seed", async () => {
    const f = await writeTableFormats();
    const txt = await checkFile(f.txt);
    const csv = await checkFile(f.csv);
    expect(txt.diagnostics.length).toBeGreaterThan(0);
    expect(findingKeys(csv.diagnostics)).toEqual(findingKeys(txt.diagnostics));
    expect(csv.encoding).toBe("utf-8");
    expect(csv.tables).toEqual(txt.tables);
  });

  test("every cell's line and column point at its text in the .csv file", () => {
    const csv = tsvToCsv(SEED);
    const rows = readCsvRows(csv).value;
    let checked = 0;
    for (const row of rows) {
      for (const cell of row.cells) {
        if (cell.text === "") continue;
        expect(textAt(csv, cell.line, cell.column).startsWith(cell.text)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(3 + 7 + 3 * 3 + 13 * 5); // preamble, header, 合计 and 2 units, 13 projects
    const row12 = rows.find((r) => r.line === 12)!;
    expect(row12.cells.map((c) => c.ref)).toEqual(["A12", "B12", "C12", "D12", "E12", "F12", "G12"]);
    // 金融发展专项资金,"13,000.00","13,000.00",,,goal,…: the quoted amount starts after its quote.
    expect(row12.cells[1]).toMatchObject({ text: "13,000.00", line: 12, column: 11 });
  });

  test("the indicators of a project keep their real position in the .csv file", async () => {
    const f = await writeTableFormats();
    const csvText = readFileSync(f.csv, "utf8");
    const project = (await parseFile(f.csv)).value[0]!.units[0]!.projects[0]!;
    const second = project.indicators[1]!;
    expect(second.line).toBe(12);
    expect(textAt(csvText, second.line, second.column).startsWith(second.raw)).toBe(true);
  });

  test("keepSource keeps the decoded CSV text for code frames", async () => {
    const f = await writeTableFormats();
    const report = await checkFile(f.csv, { keepSource: true });
    expect(report.source).toBe(readFileSync(f.csv, "utf8"));
  });

  test("a GB18030-encoded .csv reads the same as the UTF-8 seed", async () => {
    const dir = makeTempDir();
    const path = join(dir, "gbk.csv");
    writeFileSync(path, iconv.encode(tsvToCsv(SEED), "gb18030"));
    const txt = await parseFile((await writeTableFormats()).txt);
    const csv = await parseFile(path);
    expect(csv.diagnostics).toEqual([]);
    expect(csv.value[0]!.encoding).toBe("gb18030");
    expect(csv.value[0]!.department).toBe("广州开发区金融工作局（部门）");
    expect(withoutColumns(csv.value).map((d) => ({ ...d, encoding: "utf-8" }))).toEqual(withoutColumns(txt.value));
    expect((await checkFile(path)).encoding).toBe("gb18030");
  });

  test("LF line ends read the same as CRLF", () => {
    const crlf = readCsvRows(tsvToCsv(SEED, "\r\n")).value;
    const lf = readCsvRows(tsvToCsv(SEED, "\n")).value;
    expect(lf).toEqual(crlf);
    expect(lf.at(-1)!.line).toBe(28);
  });

  test("a tab-separated table saved as .csv is read as text", async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "tabs.csv"), SEED);
    const doc = (await parseFile(join(dir, "tabs.csv"))).value[0]!;
    expect(doc.units[0]!.projects[0]!.indicatorsColumn).toBe(95);
    expect(doc.units[0]!.projects[0]!.ref).toBeUndefined();
  });
});

describe("readCsvRows", () => {
  test("quoted cells keep commas, quotes, tabs and line breaks; the next record has its real line", () => {
    const text = 'a,"b, with comma","say ""hi""\tthere"\r\n"two\nlines",  x  \r\nlast\r\n';
    const { value, diagnostics } = readCsvRows(text);
    expect(diagnostics).toEqual([]);
    expect(value.map((r) => r.cells.map((c) => [c.text, c.line, c.column, c.ref]))).toEqual([
      [
        ["a", 1, 1, "A1"],
        ["b, with comma", 1, 4, "B1"],
        ['say "hi"\tthere', 1, 20, "C1"],
      ],
      [
        ["two\nlines", 2, 2, "A2"],
        ["x", 3, 10, "B2"],
      ],
      [["last", 4, 1, "A3"]],
    ]);
    expect(value.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  test("spaces around cells are trimmed like the text reader's, full-width ones too", () => {
    const row = readCsvRows("\u3000名称 ,\u00a0 12.50\u3000\n").value[0]!;
    expect(row.cells.map((c) => [c.text, c.column])).toEqual([
      ["名称", 2],
      ["12.50", 8],
    ]);
  });

  test("line breaks around a quoted cell's text are trimmed; the cell's position is that of its text", () => {
    const csv = `${HEADER}\n"合计\n",10.00,10.00,,,,\n"\n宣传经费",10.00\n`;
    const rows = readCsvRows(csv).value;
    expect(rows.map((r) => r.cells[0]!.text)).toEqual(["项目名称（资金使用单位）", "合计", "宣传经费"]);
    expect(rows[2]!.cells[0]).toMatchObject({ line: 5, column: 1, ref: "A3" });
  });

  test("columns count code points, not UTF-16 units", () => {
    const row = readCsvRows("𠀀𠀁,x\n").value[0]!;
    expect(row.cells[1]).toMatchObject({ text: "x", column: 4 });
  });

  test("a stray quote inside a cell is kept as text", () => {
    const row = readCsvRows('名称,12 "寸"屏,3\n').value[0]!;
    expect(row.cells.map((c) => c.text)).toEqual(["名称", '12 "寸"屏', "3"]);
    expect(row.cells[2]!.column).toBe(12);
  });

  test("an unclosed quote that swallows the whole file: one ioError finding, no rows", () => {
    const { value, diagnostics } = readCsvRows('"项目名称,总计\n合计,1\n');
    expect(value).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "ioError", line: 1, data: { path: "", reason: "CSV: Quote Not Closed at line 1" } });
  });

  test("an unclosed quote late in the file keeps the records before it and names its line", () => {
    const { value, diagnostics } = readCsvRows('a,b\nc,d\ne,"f\ng\n');
    expect(value.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(diagnostics.map((d) => [d.messageId, d.line, d.data.reason])).toEqual([["ioError", 3, "CSV: Quote Not Closed at line 3"]]);
  });
});

describe("checkFile on broken or unusual .csv", () => {
  test("a CSV project whose indicator cell spans lines and holds a tab is parsed with real positions", async () => {
    const dir = makeTempDir();
    const path = join(dir, "multi.csv");
    const csv = `${PREAMBLE}${HEADER}\n合计,10.00,10.00,,,,\n"宣传经费",10.00,10.00,,,"开展宣传\t活动","1、1-产出指标；11-数量指标；宣传次数；实施周期指标值:≥3次；年度指标值:≥3次。\n2、3-满意度指标；31-服务对象满意度指标；群众满意度；实施周期指标值:≥90%；年度指标值:≥90%。"\n`;
    writeFileSync(path, csv);
    const parsed = await parseFile(path);
    expect(parsed.diagnostics).toEqual([]);
    const project = parsed.value[0]!.units[0]!.projects[0]!;
    expect(project.goal).toBe("开展宣传\t活动");
    expect(project.indicators.map((i) => [i.seq, i.name, i.line])).toEqual([
      [1, "宣传次数", 6],
      [2, "群众满意度", 7],
    ]);
    expect(project.indicators[1]!.column).toBe(1);
    expect(textAt(csv, 6, project.indicators[0]!.column).startsWith("1、1-产出指标")).toBe(true);
  });

  test("a finding after a quote written doubled (`\"\"`) in a quoted cell is at its column in the file", async () => {
    const path = join(makeTempDir(), "doubled.csv");
    const indicators = '"1、1-产出指标；11-数量指标；参加""金交会""展会；实施周期指标值:1；年度指标值:1。\n2、1-产出指标；11-数量指标；""宣传""次数；实施周期指标值:提高；年度指标值:提高。"';
    const csv = `${PREAMBLE}${HEADER}\n合计,10.00,10.00,,,,\n宣传经费,10.00,10.00,,,开展宣传,${indicators}\n`;
    writeFileSync(path, csv);
    const report = await checkFile(path);
    const at = (ruleId: string) => report.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => textAt(csv, d.line, d.column).slice(0, 6));
    // Two columns for each doubled quote before it on its line.
    expect(at("indicator/no-unit")).toEqual(["1；年度指标"]);
    expect(at("indicator/qualitative")).toEqual(["提高；年度指"]);
  });

  test("a finding on a later line of a cell that spans lines names that cell", async () => {
    const path = join(makeTempDir(), "multi-ref.csv");
    const goal = '"开展宣传\n活动"';
    const indicators = '"1、1-产出指标；11-数量指标；宣传次数；实施周期指标值:≥3次；年度指标值:≥3次。\n2、2-效益指标；22-社会效益；宣传效果；实施周期指标值:提高；年度指标值:提高。\n3、3-满意度指标；31-服务对象满意度；群众满意度；实施周期指标值:≥90%；年度指标值:≥90%。"';
    writeFileSync(path, `${PREAMBLE}${HEADER}\n合计,10.00,10.00,,,,\n宣传经费,10.00,10.00,,,${goal},${indicators}\n`);
    const report = await checkFile(path);
    const qualitative = report.diagnostics.find((d) => d.ruleId === "indicator/qualitative")!;
    // Record 6 starts on line 6; its goal ends and its 绩效指标 cell starts on line 7; 提高 is on line 8.
    expect(qualitative).toMatchObject({ line: 8, ref: "G6" });
    expect(report.diagnostics.every((d) => d.ref !== undefined)).toBe(true);
  });

  test("a CSV with only an unclosed quote: one finding naming the CSV problem, no noTable", async () => {
    const dir = makeTempDir();
    const path = join(dir, "broken.csv");
    writeFileSync(path, '"项目名称,总计\n合计,1\n');
    const report = await checkFile(path);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId, d.data.reason])).toEqual([["input/unreadable", "ioError", "CSV: Quote Not Closed at line 1"]]);
    expect(report.errorCount).toBe(1);
    const parsed = await parseFile(path);
    expect(parsed.value).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
  });

  test("a seed CSV with an unclosed quote in its last line keeps the table and reports the line", async () => {
    const dir = makeTempDir();
    const path = join(dir, "tail.csv");
    writeFileSync(path, `${tsvToCsv(SEED)}"备注,未闭合\n`);
    const report = await checkFile(path);
    const unreadable = report.diagnostics.filter((d) => d.ruleId === "input/unreadable");
    expect(unreadable.map((d) => [d.line, d.data.reason])).toEqual([[29, "CSV: Quote Not Closed at line 29"]]);
    expect(report.tables?.[0]?.projects).toBe(13);
  });

  test("a configured severity applies to the CSV reader's finding", async () => {
    const dir = makeTempDir();
    const path = join(dir, "tail.csv");
    writeFileSync(path, `${tsvToCsv(SEED)}"备注,未闭合\n`);
    const { defaultConfig } = await import("../../src/validate/run.js");
    const base = defaultConfig();
    const config = { ...base, severities: new Map([...base.severities, ["input/unreadable", "off" as const]]) };
    const report = await checkFile(path, { config });
    expect(report.diagnostics.filter((d) => d.ruleId === "input/unreadable")).toEqual([]);
  });

  test("a .csv too large to decode into one string is said to be too large, not read garbled as GB18030", async () => {
    // The real limit is V8's longest string (~512 MiB: a 587 MB UTF-8 .csv was read as GB18030,
    // 21 million bytes "replaced" and no table found); a test lowers it.
    const path = join(makeTempDir(), "big.csv");
    writeFileSync(path, tsvToCsv(SEED));
    const options = { csvByteLimit: 1000 };
    const report = await checkFile(path, options);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "ioError"]]);
    expect(report.diagnostics[0]!.data.reason).toMatch(/^the \.csv file \(0 MiB\) is too large: .*save the table as tab-separated text \(\.txt\)/);
    expect(report.diagnostics[0]!.data.reasonZh).toMatch(/^\.csv 文件（0 MiB）过大/);
    expect((await parseFile(path, options)).diagnostics.map((d) => d.messageId)).toEqual(["ioError"]);
    expect((await checkFile(path)).diagnostics.every((d) => d.ruleId !== "input/unreadable")).toBe(true);
  });

  test("a semicolon-separated .csv (European Excel) is said to be so, not 'no performance table'", async () => {
    const path = join(makeTempDir(), "semicolons.csv");
    writeFileSync(path, "\ufeff" + tsvToCsv(SEED).replace(/,/g, ";"));
    const report = await checkFile(path);
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId, d.line])).toEqual([["input/unreadable", "ioError", 9]]);
    expect(report.diagnostics[0]!.data.reason).toBe(
      "the .csv file is separated by semicolons (;), not commas: its header row (line 9) is one cell; save it as CSV with commas, or as Unicode text (.txt)",
    );
    expect(report.diagnostics[0]!.data.reasonZh).toMatch(/^\.csv 文件以分号（;）而不是逗号分隔/);
    // An ASCII ; inside an indicator of a comma-separated file is text, as before.
    const ascii = join(makeTempDir(), "ascii-semicolons.csv");
    writeFileSync(ascii, tsvToCsv(SEED).replace("11-数量指标；扶持项目数量", "11-数量指标;扶持项目数量"));
    expect((await checkFile(ascii)).diagnostics.some((d) => d.ruleId === "input/unreadable")).toBe(false);
  });

  test("an empty .csv is reported as empty", async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "empty.csv"), "");
    const report = await checkFile(join(dir, "empty.csv"));
    expect(report.diagnostics.map((d) => d.messageId)).toEqual(["empty"]);
  });

  test("a CSV without a performance table gets noTable", async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "other.csv"), "姓名,年龄\n张三,30\n");
    const report = await checkFile(join(dir, "other.csv"));
    expect(report.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "noTable"]]);
  });

  test("stdin named *.csv by --stdin-filename is read as CSV", async () => {
    const { Readable } = await import("node:stream");
    const stdin = Readable.from([Buffer.from(tsvToCsv(SEED))]);
    const parsed = await parseFile("-", { path: "seed.csv", stdin });
    expect(parsed.value[0]!.units[0]!.projects[0]!.ref).toBe("A12");
  });
});
