// Quoted cells in tab-separated text (Excel's "Unicode text", WPS and LibreOffice exports): a cell
// `"…"` holding a line break, a tab or a doubled quote is one cell without its quotes; any other
// quote is text. Checked case by case, against a reference reader of the whole text written
// straight from the rule, and for a streamed read (any chunk size) giving the rows of a whole one.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseIndicators } from "../../grammar/index.js";
import { streamRows } from "../../src/io/stream.js";
import { parseTable } from "../../src/table/parse.js";
import type { RawRow } from "../../src/table/rows.js";
import { codePointLength, QUOTED_CELL_LIMIT, splitRows } from "../../src/table/split.js";
import { checkFile } from "../../src/api.js";
import { checkInput } from "../../src/validate/run.js";
import { quoteCsvField, withoutColumns } from "../helpers/convert-fixture.js";
import { editSeed, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

/** The rows as [line, [text, line, column][]]. */
function cells(rows: Iterable<RawRow>) {
  return [...rows].map((r) => [r.line, r.cells.map((c) => [c.text, c.line, c.column])]);
}
const split = (text: string) => cells(splitRows(text));

describe("a quoted cell", () => {
  it.each([
    ["a line break (Alt+Enter)", 'a\t"第一段\n第二段"\tb\nc', [[1, [["a", 1, 1], ["第一段\n第二段", 1, 4], ["b", 2, 6]]], [3, [["c", 3, 1]]]]],
    ["a doubled quote", 'a\t"落实""十四五""规划"\tb', [[1, [["a", 1, 1], ['落实"十四五"规划', 1, 4], ["b", 1, 17]]]]],
    ["a tab", 'a\t"x\ty"\tb', [[1, [["a", 1, 1], ["x\ty", 1, 4], ["b", 1, 9]]]]],
    ["a line break at its start and end, trimmed like spaces", '"\n 合计\n"\t1', [[1, [["合计", 2, 2], ["1", 3, 3]]]]],
    ["CRLF inside, read as LF (as in a .csv)", 'a\t"x\r\ny"\r\nb\r\n', [[1, [["a", 1, 1], ["x\ny", 1, 4]]], [3, [["b", 3, 1]]]]],
    ["the last cell of the last line", 'a\t"x\ny"', [[1, [["a", 1, 1], ["x\ny", 1, 4]]]]],
    ["quotes only", '"""\n"""', [[1, [['"\n"', 1, 2]]]]],
    ["several, one after another", '"a\nb"\t"c\nd"\n', [[1, [["a\nb", 1, 2], ["c\nd", 2, 5]]]]],
  ])("holding %s is one cell without its quotes", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it.each([
    ["a PDF's quoted words at a cell's start", '"十四五"规划\tb', [[1, [['"十四五"规划', 1, 1], ["b", 1, 9]]]]],
    ["a cell quoted whole, with nothing a spreadsheet quotes for", '"abc"\tb', [[1, [['"abc"', 1, 1], ["b", 1, 7]]]]],
    ["a quote inside a cell", 'a"b\tc"\n"d', [[1, [['a"b', 1, 1], ['c"', 1, 5]]], [2, [['"d', 2, 1]]]]],
    ["a closing quote followed by text", '"a\nb"c\td', [[1, [['"a', 1, 1]]], [2, [['b"c', 2, 1], ["d", 2, 5]]]]],
    ["an opening quote never closed", '"abc\tx\ny\tz', [[1, [['"abc', 1, 1], ["x", 1, 6]]], [2, [["y", 2, 1], ["z", 2, 3]]]]],
    ["a stray quote, then a quoted cell", '"a\t"b\nc"\td', [[1, [['"a', 1, 1], ["b\nc", 1, 5], ["d", 2, 4]]]]],
  ])("%s is text, as written", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it("is text when its closing quote is not within QUOTED_CELL_LIMIT code units", () => {
    const within = `"${"x".repeat(QUOTED_CELL_LIMIT - 2)}\n字"\tb\nc`;
    expect(split(within).map(([line, row]) => [line, (row as unknown[]).length])).toEqual([[1, 2], [3, 1]]);
    const past = `"${"x".repeat(QUOTED_CELL_LIMIT - 1)}\n字"\tb\nc`;
    expect(split(past)).toEqual([
      [1, [[`"${"x".repeat(QUOTED_CELL_LIMIT - 1)}`, 1, 1]]],
      [2, [['字"', 2, 1], ["b", 2, 4]]],
      [3, [["c", 3, 1]]],
    ]);
  });

  it("says where its doubled quotes are; the indicator grammar counts them in the columns", () => {
    const [row] = [...splitRows('x\t"1、1-产出指标；11-数量指标；""金交会""展位；实施周期指标值:1；年度指标值:1。\n2、1-产出指标；11-数量指标；参展""人数""；实施周期指标值:3万人；年度指标值:3万人。"')];
    const cell = row!.cells[1]!;
    expect(cell.text.split("\n")[0]).toBe('1、1-产出指标；11-数量指标；"金交会"展位；实施周期指标值:1；年度指标值:1。');
    expect(cell.doubled).toEqual([17, 21, 63, 66]);
    const { value } = parseIndicators(cell.text, cell, false, cell.doubled);
    // `1` (the period target) of the first line is after two doubled quotes; `3万人` of the second after two.
    const file = 'x\t"1、1-产出指标；11-数量指标；""金交会""展位；实施周期指标值:1；年度指标值:1。\n2、1-产出指标；11-数量指标；参展""人数""；实施周期指标值:3万人；年度指标值:3万人。"'.split("\n");
    const at = (p: { line: number; column: number }) => [...file[p.line - 1]!].slice(p.column - 1).join("");
    expect(at(value[0]!.periodAt!)).toMatch(/^1；年度指标值/);
    expect(at(value[0]!.annualAt!)).toMatch(/^1。$/);
    expect(at(value[1]!.periodAt!)).toMatch(/^3万人；/);
    expect(value[1]!.name).toBe('参展"人数"');
    // Without them, the columns after the quotes would be off by one per quote.
    const { value: unaware } = parseIndicators(cell.text, cell);
    expect(at(unaware[0]!.periodAt!)).not.toMatch(/^1；年度指标值/);
  });
});

/**
 * The rule, read straight over the whole text: at a cell's start, a quote opens a quoted cell when
 * the first quote after it that is not doubled comes within the limit, is followed by a tab, a line
 * end or the end of the text, and what is between holds a quote, tab or line break.
 */
function reference(text: string) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const where = (offset: number): [number, number] => {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > offset) line--;
    return [line + 1, codePointLength(text, lineStarts[line]!, offset) + 1];
  };
  const space = (c: string | undefined, breaks: boolean) => c !== undefined && (" \u3000\u00a0\u000b\u000c\r".includes(c) || (breaks && "\t\n".includes(c)));
  const rows: [number, [string, number, number][]][] = [];
  let pos = 0;
  while (pos < text.length) {
    const row: [string, number, number][] = [];
    rows.push([where(pos)[0], row]);
    for (;;) {
      let close = -1;
      if (text[pos] === '"') {
        for (let k = pos + 1; ; k += 2) {
          const j = text.indexOf('"', k);
          if (j === -1 || j - pos - 1 > QUOTED_CELL_LIMIT) break;
          if (text[j + 1] === '"') {
            k = j;
            continue;
          }
          const next = text[j + 1];
          const ends = next === undefined || next === "\t" || next === "\n" || (next === "\r" && (text[j + 2] === undefined || text[j + 2] === "\n"));
          if (ends && /["\t\n\r]/.test(text.slice(pos + 1, j))) close = j;
          break;
        }
      }
      let end: number;
      if (close !== -1) {
        let a = pos + 1;
        let b = close;
        while (a < b && space(text[a], true)) a++;
        while (b > a && space(text[b - 1], true)) b--;
        row.push([text.slice(a, b).replace(/""/g, '"').replace(/\r\n/g, "\n"), ...where(a)]);
        end = text[close + 1] === "\r" ? close + 2 : close + 1;
      } else {
        end = pos;
        while (end < text.length && text[end] !== "\t" && text[end] !== "\n") end++;
        let a = pos;
        let b = end;
        while (a < b && space(text[a], false)) a++;
        while (b > a && space(text[b - 1], false)) b--;
        row.push([text.slice(a, b), ...where(a)]);
      }
      pos = end + 1;
      if (text[end] !== "\t") break;
    }
  }
  return rows;
}

/** Text made of what matters here: quotes, tabs, line ends, spaces, CJK and astral characters. */
const TEXT = fc
  .array(fc.constantFrom('"', '"', '""', "\t", "\n", "\r\n", "\r", " ", "a", "项目", "😀", '\t"', '"\t', '"\n'), { maxLength: 40 })
  .map((parts) => parts.join(""));

describe("rows with quoted cells", () => {
  it("are those of the rule read over the whole text", () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        expect(split(text)).toEqual(reference(text));
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });

  it("are the same streamed in chunks of any size, in every encoding", async () => {
    const dir = tempDir("perftable-quoted-");
    let n = 0;
    const check = async (text: string, encoding: "utf-8" | "gb18030" | "utf-16le", chunkSize: number) => {
      const path = join(dir, `t${n++}.txt`);
      // (iconv-lite's GB18030 decoder loses a 4-byte character's low surrogate when its last byte
      // comes alone in a write: an astral character is left out of GB18030 with pieces this small.)
      if (encoding === "gb18030" && chunkSize < 64) text = text.replace(/😀/g, "项");
      const bytes = encoding === "utf-16le" ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]) : iconv.encode(text, encoding);
      writeFileSync(path, bytes);
      const seen = { text: false, nextLine: 0 };
      const rows: RawRow[] = [];
      for await (const batch of streamRows(path, { encoding, skip: encoding === "utf-16le" ? 2 : 0 }, seen, 0, chunkSize)) rows.push(...batch);
      expect(cells(rows)).toEqual(split(text));
      expect(seen.nextLine).toBe(text.split("\n").length + (text.endsWith("\n") || text === "" ? 0 : 1));
    };
    await fc.assert(
      fc.asyncProperty(TEXT, fc.constantFrom<"utf-8" | "gb18030" | "utf-16le">("utf-8", "gb18030", "utf-16le"), fc.integer({ min: 2, max: 16 }), (text, encoding, chunk) =>
        check(text, encoding, chunk * 2),
      ),
      { numRuns: 300, seed: 20261128 },
    );
    // A long quoted cell across many chunks, and one never closed.
    const long = `${SEED}\n"${"第一段\n".repeat(2000)}"\tb\n${SEED}`;
    for (const chunk of [4, 64, 4096]) await check(long, "utf-8", chunk);
    await check(`"${"第一段\n".repeat(QUOTED_CELL_LIMIT / 4)}\n${SEED}`, "utf-16le", 1024);
  });
});

describe("an opening quote that is never closed", () => {
  it("does not swallow the table after it: the rows after it are read as they are", () => {
    const stray = SEED.replace("广州开发区金融工作局\t15,810.92", '"广州开发区金融工作局\t15,810.92');
    const plain = parseTable(SEED).value[0]!;
    const doc = parseTable(stray).value[0]!;
    expect(doc.units[0]!.name).toBe('"广州开发区金融工作局');
    // (Its row's cells are one column further right.)
    const unnamed = (d: typeof doc) => withoutColumns({ ...d, units: d.units.map((u) => ({ ...u, name: null })) });
    expect(unnamed(doc)).toEqual(unnamed(plain));
  });
});

describe("findings in the cells after a multi-line cell of their row", () => {
  /** [rule, message id, line, column, the file's text from there] of a report's findings of these rules. */
  function at(text: string, diagnostics: readonly { ruleId: string; messageId: string; line: number; column: number }[], rules: RegExp) {
    const lines = text.split("\n");
    return diagnostics.filter((d) => rules.test(d.ruleId)).map((d) => [d.ruleId, d.messageId, d.line, d.column, [...lines[d.line - 1]!].slice(d.column - 1).join("").split("\t")[0]]);
  }

  // A project name typed over two lines (Alt+Enter): its amounts are on the name's second line.
  const text = editSeed("直接股权投资专项资金\t855.00\t855.00", '"直接股权投资\n专项资金"\t855.0O\t855.00').replace("金融项目评审专项经费\t25.00\t25.00", '"金融项目评审\n专项经费"\t25.00\t24.00');

  it("are on the line of their cell: amount/format and amount/row-sum", () => {
    expect(at(text, checkInput(text, { path: "t.txt" }).diagnostics, /^amount\/(format|row-sum)$/)).toEqual([
      ["amount/format", "notNumber", 14, 7, "855.0O"],
      ["amount/row-sum", "mismatch", 16, 7, "25.00"],
    ]);
  });

  it("name their cell in a .csv", async () => {
    const dir = tempDir("perftable-quoted-");
    const csv = join(dir, "t.csv");
    const records: string[][] = [];
    for (const row of splitRows(text)) records.push(row.cells.map((c) => c.text));
    writeFileSync(csv, records.map((r) => r.map(quoteCsvField).join(",")).join("\n") + "\n");
    const report = await checkFile(csv);
    const found = report.diagnostics.filter((d) => d.ruleId === "amount/format" || d.ruleId === "amount/row-sum");
    expect(found.map((d) => [d.ruleId, d.line, d.ref])).toEqual([
      ["amount/format", 14, "B13"],
      ["amount/row-sum", 16, "B14"],
    ]);
  });

  it("of a header whose first cell has a line break are on that cell's second line", () => {
    const header = '"项目名称\n（资金使用单位）"\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\t备用\t财政拨款';
    const withHeader = editSeed("项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标", header);
    expect(at(withHeader, checkInput(withHeader, { path: "t.txt" }).diagnostics, /^table\/header$/)).toEqual([
      ["table/header", "unknownColumn", 10, 41, "备用"],
      ["table/header", "duplicateColumn", 10, 44, "财政拨款"],
    ]);
  });
});
