// Tab-separated text exported by a spreadsheet program, with cells holding line breaks (Alt+Enter)
// and quotes: Excel's "Unicode text" (UTF-16LE with BOM, CRLF) and LibreOffice's or WPS's UTF-8
// text quote such cells. They must read as the same table as fixtures/excel-text/seed-plain.txt (the
// same cells without breaks or quoting), with every finding at its own place in its own file: on the
// rows after a multi-line cell, and inside one. Whole, streamed, from standard input, converted.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { decodeInput } from "../../src/io/decode.js";
import { streamRows } from "../../src/io/stream.js";
import { splitRows } from "../../src/table/split.js";
import type { Diagnostic, FileReport, TableDocument } from "../../src/types.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

interface FixtureScript {
  buildExcelTextFixtures(): Record<string, Buffer>;
}
const script = (await import(new URL("../../scripts/make-excel-text-fixtures.mjs", import.meta.url).href)) as FixtureScript;

const DIR = `${ROOT}fixtures/excel-text/`;
const PLAIN = `${DIR}seed-plain.txt`;
const EXPORTS = [
  ["Excel's Unicode text (UTF-16LE, BOM, CRLF)", `${DIR}seed-excel-unicode-text.txt`, "utf-16le"],
  ["LibreOffice's UTF-8 text (LF)", `${DIR}seed-libreoffice-utf8.txt`, "utf-8"],
] as const;

/** The decoded text of a file. */
function textOf(path: string): string {
  const decoded = decodeInput(readFileSync(path), "auto");
  if (!decoded.ok) throw new Error(path);
  return decoded.text;
}

/** What the file has at a 1-based line and code-point column (a doubled quote read as one). */
function textAt(text: string, line: number, column: number, length = 6): string {
  return [...text.split(/\r?\n/)[line - 1]!].slice(column - 1).join("").replace(/""/g, '"').slice(0, length);
}

/** A finding without its place. */
const what = (d: Diagnostic) => ({ ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, project: d.project, indicator: d.indicator, data: d.data });

/** A document without positions and without the raw texts (which keep the line breaks). */
function withoutPlaces(docs: TableDocument[]): unknown {
  return JSON.parse(JSON.stringify(docs), (key, v: unknown) =>
    /^(line|column|endLine|endColumn|encoding|raw|indicatorsRaw|periodAt|annualAt|[a-z]+Column|[a-z]+Line|amountColumns)$/.test(key) ? undefined : typeof v === "string" ? v.replace(/\n/g, "") : v,
  );
}

describe("the fixtures", () => {
  it("are what scripts/make-excel-text-fixtures.mjs makes", () => {
    for (const [name, bytes] of Object.entries(script.buildExcelTextFixtures())) expect(readFileSync(`${DIR}${name}`).equals(bytes), name).toBe(true);
  });
});

describe.each(EXPORTS)("%s", (_name, path, encoding) => {
  const plain = textOf(PLAIN);
  const text = textOf(path);

  it("reads as the same table as the plain text, the cells' line breaks kept and their quotes read", async () => {
    const exported = await parseFile(path);
    const reference = await parseFile(PLAIN);
    expect(exported.diagnostics).toEqual([]);
    expect(exported.value[0]!.encoding).toBe(encoding);
    expect(withoutPlaces(exported.value)).toEqual(withoutPlaces(reference.value));
    const doc = exported.value[0]!;
    const projects = doc.units.flatMap((u) => u.projects);
    const project = (name: string) => projects.find((p) => p.name === name)!;
    expect(doc.header!.columns[0]!.name).toBe("项目名称\n（资金使用单位）");
    expect(project("金融发展专项资金").goal).toBe(
      "通过向企业发放政策扶持补贴，\n发挥金融发展专项资金的政策引导作用，不断增强金融服务实体经济能力，推动我区金融产业健康快速发展。",
    );
    // A trailing Alt+Enter is trimmed, as spaces are.
    expect(project("金融项目评审专项经费").goal).toMatch(/的目标。$/);
    // The same goal, quoted by the export and left as written in the plain text.
    expect(project("金融风险防控经费").goal).toMatch(/^"十四五"期间，通过健全金融风险防控机制/);
    expect(reference.value[0]!.units.flatMap((u) => u.projects).find((p) => p.name === "金融风险防控经费")!.goal).toMatch(/^"十四五"期间，/);
    expect(project("金融交流专项经费").indicators[0]!.name).toBe('参加"金交会"等大型金融展会');
    expect(project("广州市年度巨灾指数保险经费").indicators.map((i) => [i.seq, i.line])).toEqual([
      [1, 24],
      [2, 25],
      [3, 26],
      [4, 27],
      [5, 28],
    ]);
    // The rows after the multi-line cells are on their own lines of the file.
    expect(projects.map((p) => p.line)).toEqual([13, 15, 16, 19, 20, 21, 22, 24, 29, 30, 31, 33, 35]);
  });

  it("gives the plain text's findings, each at its place in the file", async () => {
    const exported = await checkFile(path);
    const reference = await checkFile(PLAIN);
    expect(exported.diagnostics.map(what)).toEqual(reference.diagnostics.map(what));
    expect(exported.diagnostics.length).toBeGreaterThan(10);
    exported.diagnostics.forEach((d, i) => {
      const r = reference.diagnostics[i]!;
      expect(textAt(text, d.line, d.column), `${d.ruleId} at ${d.line}:${d.column}`).toBe(textAt(plain, r.line, r.column));
      expect([d.endLine - d.line, d.endColumn - d.column]).toEqual([r.endLine - r.line, r.endColumn - r.column]);
    });
    const at = (ruleId: string, project: string) => exported.diagnostics.filter((d) => d.ruleId === ruleId && d.project === project).map((d) => [d.line, d.column, d.endLine, d.endColumn]);
    // Inside the multi-line 绩效指标 cell: on the lines of its second, third and fifth indicators.
    expect(at("indicator/missing-value", "广州市年度巨灾指数保险经费")).toEqual([[24, 181, 24, 182]]);
    expect(at("indicator/vacuous-target", "广州市年度巨灾指数保险经费")).toEqual([[26, 32, 26, 45]]);
    expect(at("indicator/qualitative", "广州市年度巨灾指数保险经费")).toEqual([[28, 34, 28, 45]]);
    // After the doubled quotes of `参加""金交会""等大型金融展会` on the same line (two columns more).
    expect(at("indicator/no-unit", "金融交流专项经费")).toEqual([[19, 142, 19, 151]]);
    expect(reference.diagnostics.filter((d) => d.ruleId === "indicator/no-unit" && d.project === "金融交流专项经费").map((d) => [d.line, d.column])).toEqual([[16, 139]]);
    // Rows after all the line breaks: seven lines further down than in the plain text.
    expect(at("project/missing-satisfaction", "综合工作经费")).toEqual([[35, 1, 35, 7]]);
    expect(reference.diagnostics.find((d) => d.ruleId === "project/missing-satisfaction" && d.project === "综合工作经费")!.line).toBe(28);
  });

  it("is read the same streamed, in pieces of any size", async () => {
    const whole = [...splitRows(text)];
    // A row for each of the plain text's lines: none made of the rest of a cell.
    expect(whole.length).toBe([...splitRows(plain)].length);
    const skip = encoding === "utf-16le" ? 2 : 0;
    for (const chunk of [16, 250, 4096]) {
      const rows = [];
      for await (const batch of streamRows(path, { encoding, skip }, { text: false }, 0, chunk)) rows.push(...batch);
      expect(rows).toEqual(whole);
    }
    // checkFile streams a file it may not keep whole.
    const strip = (r: FileReport) => ({ ...r, source: undefined });
    expect(strip(await checkFile(path, { keepSource: true, wholeFileLimit: 0 }))).toEqual(strip(await checkFile(path)));
  });

  it("is read the same from standard input, in memory and through a temporary file", async () => {
    const bytes = readFileSync(path);
    const file = await runCli(["check", path, "-f", "json", "--lang", "en"]);
    for (const env of [{ LANG: "en_US.UTF-8" }, { LANG: "en_US.UTF-8", PERFTABLE_STDIN_MEMORY_LIMIT: "1024" }]) {
      const stdin = await runCli(["check", "-", "--stdin-filename", path, "-f", "json", "--lang", "en"], { stdin: bytes, env });
      expect(stdin.code).toBe(file.code);
      expect(stdin.stdout).toBe(file.stdout);
    }
    expect(JSON.parse(file.stdout).files[0].diagnostics.length).toBeGreaterThan(10);
  });

  it("converts to the unquoted text: JSON, NDJSON and CSV", async () => {
    const dir = tempDir("perftable-excel-text-");
    for (const to of ["json", "ndjson", "csv"]) {
      const out = await runCli(["convert", path, "--to", to]);
      const ref = await runCli(["convert", PLAIN, "--to", to]);
      expect([out.code, out.stderr]).toEqual([0, ""]);
      if (to === "csv") {
        // One row per indicator, the same as the plain text's but for the project's line.
        const rows = (csv: string) => (parseCsv(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[]).map(({ line: _line, ...row }) => row);
        expect(rows(out.stdout)).toEqual(rows(ref.stdout));
        expect(rows(out.stdout).map((r) => r.name)).toContain('参加"金交会"等大型金融展会');
        expect(out.stdout).toContain('"参加""金交会""等大型金融展会"');
      } else {
        const docs = to === "json" ? [JSON.parse(out.stdout)].flat() : out.stdout.trim().split("\n").map((l) => JSON.parse(l));
        const refDocs = to === "json" ? [JSON.parse(ref.stdout)].flat() : ref.stdout.trim().split("\n").map((l) => JSON.parse(l));
        expect(withoutPlaces(docs)).toEqual(withoutPlaces(refDocs));
        expect(out.stdout).toContain('"goal":"通过向企业发放政策扶持补贴，\\n发挥');
        expect(out.stdout).toContain('参加\\"金交会\\"等大型金融展会');
        expect(out.stdout).not.toContain('""');
      }
      writeFileSync(join(dir, `out.${to}`), out.stdout);
    }
  });
});

describe("spans over doubled quotes", () => {
  // The LibreOffice export with quotes inside the spans findings underline: the targets of
  // 我区金融显示度提升 (qualitative) and the level-2 category of 活动投诉数量 (not in the catalogue), in
  // the quoted 绩效指标 cell of 金融交流专项经费, where each quote is written `""`.
  const edited = textOf(`${DIR}seed-libreoffice-utf8.txt`)
    .replace("实施周期指标值:显示度提升；年度指标值:显示度提升", '实施周期指标值:""显示度""提升；年度指标值:""显示度""提升')
    .replace("4、3-满意度指标；31-服务对象满意度；活动投诉数量", '4、3-满意度指标；31-服务""对象""满意度；活动投诉数量');

  /** The file's text from a finding's column to its end column (a doubled quote is two columns). */
  function spanText(text: string, d: Diagnostic): string {
    expect(d.endLine).toBe(d.line);
    return [...text.split("\n")[d.line - 1]!].slice(d.column - 1, d.endColumn - 1).join("");
  }

  it("underline exactly the target values and the categories", async () => {
    const dir = tempDir("perftable-quotes-");
    const path = join(dir, "quoted.txt");
    writeFileSync(path, edited);
    const report = await checkFile(path);
    const on = (ruleId: string) => report.diagnostics.filter((d) => d.ruleId === ruleId && d.project === "金融交流专项经费" && d.line === 19).map((d) => spanText(edited, d));
    expect(on("indicator/qualitative")).toEqual(['""显示度""提升；年度指标值:""显示度""提升']);
    expect(on("indicator/category")).toEqual(['3-满意度指标；31-服务""对象""满意度']);
  });

  it("underline exactly a project's name that holds quotes, whole or streamed", async () => {
    // 金融项目评审专项经费 (no satisfaction indicator) renamed in the spreadsheet: its cell is quoted.
    const renamed = edited.replace("\n金融项目评审专项经费\t", '\n"金融项目""评审""专项经费"\t');
    expect(renamed).not.toBe(edited);
    const dir = tempDir("perftable-quotes-");
    const path = join(dir, "quoted-name.txt");
    writeFileSync(path, renamed);
    for (const report of [await checkFile(path), await checkFile(path, { wholeFileLimit: 0 })]) {
      const named = report.diagnostics.filter((d) => d.project === '金融项目"评审"专项经费' && d.ruleId.startsWith("project/"));
      expect(named.map((d) => d.ruleId)).toEqual(["project/missing-satisfaction"]);
      expect(named.map((d) => [d.line, d.column, d.endColumn, spanText(renamed, d)])).toEqual([[16, 2, 16, '金融项目""评审""专项经费']]);
    }
    // With its 总计 left empty, amount/zero-project underlines the name too.
    const empty = renamed.replace('"金融项目""评审""专项经费"\t25.00\t', '"金融项目""评审""专项经费"\t\t');
    writeFileSync(path, empty);
    const zero = (await checkFile(path)).diagnostics.filter((d) => d.ruleId === "amount/zero-project");
    expect(zero.map((d) => [d.line, spanText(empty, d)])).toEqual([[16, '金融项目""评审""专项经费']]);
  });
});
