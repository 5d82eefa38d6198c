// Hostile text is carried as data: for each fixtures/hostile/ table, the exact escaping of every output
// (JSON, NDJSON, CSV, SARIF, JUnit XML, GitHub annotations, pretty and summary on a terminal), no
// prototype pollution, and lone surrogates (which no UTF-8 file can hold) in memory.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { SaxesParser } from "saxes";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { CSV_COLUMNS, formatDocuments } from "../../src/convert/index.js";
import { formatReport } from "../../src/reporters/index.js";
import { parseTable } from "../../src/table/parse.js";
import type { FileReport, TableDocument } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import { stripSgr, UNSAFE_TERMINAL } from "../helpers/arbitraries.js";
import { runCli } from "../helpers/cli.js";
import { tsvToCsv } from "../helpers/convert-fixture.js";
import { ROOT } from "../helpers/fixtures.js";

const HUGE = "超长项目名称".repeat(Math.ceil(1048576 / 18));

interface HostileCase {
  file: string;
  department: string;
  unit: string;
  project: string;
  indicator: string;
  goal: string;
  /** Exact text of cells in the CSV of `convert --to csv`. */
  csv: string[];
  /** Exact text in the pretty report (messages and code frames). */
  pretty: string[];
  /** Exact text in the summary report (the department). */
  summary: string[];
}

const CASES: HostileCase[] = [
  {
    file: "prototype-keys.txt",
    department: "__proto__",
    unit: "constructor",
    project: "__proto__",
    indicator: "toString",
    goal: "hasOwnProperty",
    csv: ["__proto__,万元,constructor,__proto__,11,"],
    pretty: ["“constructor” “total” 130.01", "project “__proto__” has only 2 indicators"],
    summary: ["__proto__"],
  },
  {
    file: "html-script.txt",
    department: "<script>alert(1)</script>",
    unit: "<img src=x onerror=alert(1)>",
    project: "<script>alert(1)</script>",
    indicator: "<b>加粗</b>&lt",
    goal: "</td><script>alert(2)</script>",
    csv: ["<script>alert(1)</script>,万元,<img src=x onerror=alert(1)>,<script>alert(1)</script>,11,"],
    pretty: ["project “<script>alert(1)</script>” has only 2 indicators"],
    summary: ["<script>alert(1)</script>"],
  },
  {
    file: "sql-injection.txt",
    department: "'; DROP TABLE departments; --",
    unit: "' OR '1'='1",
    project: '"; DROP TABLE t; --',
    indicator: "Robert') DROP TABLE students--",
    goal: '"; DELETE FROM t WHERE "1"="1',
    csv: [`'; DROP TABLE departments; --,万元,' OR '1'='1,"""; DROP TABLE t; --",11,`],
    pretty: ['project “"; DROP TABLE t; --” has only 2 indicators'],
    summary: ["'; DROP TABLE departments; --"],
  },
  {
    file: "formula-injection.txt",
    department: "@SUM(A1:A2)",
    unit: '=HYPERLINK("http://x","y")',
    project: "+1+2",
    indicator: "=cmd|' /C calc'!A0",
    goal: "-2+3",
    csv: [`'@SUM(A1:A2),万元,"'=HYPERLINK(""http://x"",""y"")",'+1+2,11,`, ",'=cmd|' /C calc'!A0,"],
    pretty: ['“=HYPERLINK("http://x","y")” “total”', "project “+1+2” has only 2 indicators"],
    summary: ["@SUM(A1:A2)"],
  },
  {
    file: "control-characters.txt",
    department: "\u001b]8;;http://x\u0007链接\u001b]8;;\u0007部门",
    unit: "\u001b[2J\u001b[H清屏单位",
    project: "项目\u0007响铃",
    indicator: "\u001b[31m红色\u001b[0m\u009b31m",
    goal: "目标\u0085下一行\u007f删除",
    csv: ["\u001b]8;;http://x\u0007链接\u001b]8;;\u0007部门,万元,\u001b[2J\u001b[H清屏单位,项目\u0007响铃,11,", ",\u001b[31m红色\u001b[0m\u009b31m,"],
    pretty: ['“\\u001b[2J\\u001b[H清屏单位” “total”', "project “项目\\u0007响铃” has only 2 indicators"],
    summary: ["\\u001b]8;;http://x\\u0007链接\\u001b]8;;\\u0007部门"],
  },
  {
    file: "bidi-controls.txt",
    department: "\u202e门部试测",
    unit: "\u2066隔离\u2069单位",
    project: "\u202e反转文字项目",
    indicator: "零宽\u200b空格\u200f",
    goal: "目标\u2067\u202e",
    csv: ["\u202e门部试测,万元,\u2066隔离\u2069单位,\u202e反转文字项目,11,"],
    pretty: ['“\\u2066隔离\\u2069单位” “total”', "project “\\u202e反转文字项目” has only 2 indicators"],
    summary: ["\\u202e门部试测"],
  },
  {
    file: "huge-cell.txt",
    department: "示例区数据管理局（部门）",
    unit: "示例区数据管理局",
    project: HUGE,
    indicator: "平台接入数量",
    goal: "保障数据平台稳定运行。",
    csv: [`示例区数据管理局（部门）,万元,示例区数据管理局,${HUGE},11,`],
    pretty: [`project “${HUGE}” has only 2 indicators`],
    summary: ["示例区数据管理局（部门）"],
  },
];

const OPTIONS = { lang: "en" as const, color: false, cwd: ROOT };
const workDir = mkdtempSync(join(tmpdir(), "perftable-hostile-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Own property names of Object.prototype before anything ran (to detect pollution). */
const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
const TO_STRING_BEFORE = Object.prototype.toString;

function fixturePath(file: string): string {
  return `fixtures/hostile/${file}`;
}

function readFixture(file: string): Uint8Array {
  return readFileSync(join(ROOT, fixturePath(file)));
}

/** Elements' text and attribute values of a well-formed XML document (saxes throws on anything else). */
function parseXml(xml: string): { texts: string[]; attributes: string[] } {
  const parser = new SaxesParser();
  const texts: string[] = [];
  const attributes: string[] = [];
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("text", (t) => texts.push(t));
  parser.on("opentag", (tag) => attributes.push(...Object.values(tag.attributes).map(String)));
  parser.write(xml).close();
  return { texts, attributes };
}

/** Characters that XML 1.0 does not allow anywhere in a document. */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** The first project of the first unit. */
function firstProject(doc: TableDocument) {
  return doc.units[0]!.projects[0]!;
}

describe.each(CASES)("fixtures/hostile/$file", (c) => {
  const bytes = readFixture(c.file);
  const parsed = parseTable(bytes);
  const report: FileReport = checkInput(bytes, { path: fixturePath(c.file), keepSource: true });

  it("is read as data: every name exactly as written", () => {
    expect(parsed.value).toHaveLength(1);
    const doc = parsed.value[0]!;
    expect([doc.department, doc.units[0]!.name, firstProject(doc).name, firstProject(doc).goal, firstProject(doc).indicators[0]!.name]).toEqual([
      c.department,
      c.unit,
      c.project,
      c.goal,
      c.indicator,
    ]);
    const findings = report.diagnostics.map((d) => [d.ruleId, d.project, d.indicator]);
    expect(findings).toContainEqual(["project/few-indicators", c.project, null]);
    expect(findings).toContainEqual(["indicator/qualitative", c.project, c.indicator]);
    expect(report.diagnostics.filter((d) => d.ruleId === "amount/rounding").map((d) => d.data.name)).toEqual([c.unit, c.unit]);
  });

  it("JSON and NDJSON: valid, no raw control character, every name round-trips", () => {
    const json = formatDocuments("json", parsed.value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const back = JSON.parse(json) as TableDocument;
    expect(back).toEqual(JSON.parse(JSON.stringify(parsed.value[0])));
    expect([back.department, back.units[0]!.name, firstProject(back).name, firstProject(back).indicators[0]!.name]).toEqual([c.department, c.unit, c.project, c.indicator]);
    const lines = formatDocuments("ndjson", parsed.value).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.department, l.unit, l.project])[0]).toEqual([c.department, c.unit, c.project]);
    expect(lines[0].indicator.name).toBe(c.indicator);
  });

  it("CSV: RFC 4180 quoting, the text exactly; with escapeFormulas, the formula guard", () => {
    const guard = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
    const firstRow = (csv: string) => {
      const rows = parseCsv(csv, { bom: true, relax_column_count: false }) as string[][];
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      const first = Object.fromEntries(CSV_COLUMNS.map((k, i) => [k, rows[1]![i]]));
      return [first.department, first.unit, first.project, first.name];
    };
    const names = [c.department, c.unit, c.project, c.indicator];
    const escaped = formatDocuments("csv", parsed.value, { escapeFormulas: true });
    for (const cell of c.csv) expect(escaped).toContain(cell);
    expect(firstRow(escaped)).toEqual(names.map(guard));
    // By default the CSV, like the JSON, carries the table's text as it is.
    expect(firstRow(formatDocuments("csv", parsed.value))).toEqual(names);
  });

  it("check -f json and SARIF: valid JSON carrying the names exactly", () => {
    const json = JSON.parse(formatReport("json", [report], OPTIONS));
    expect(json.files[0].diagnostics.filter((d: { project: string }) => d.project === c.project).length).toBeGreaterThanOrEqual(2);
    const sarif = JSON.parse(formatReport("sarif", [report], OPTIONS));
    const results = sarif.runs[0].results as { ruleId: string; message: { text: string }; properties?: { project?: string; indicator?: string } }[];
    expect(results.find((r) => r.ruleId === "indicator/qualitative")!.properties).toEqual({ project: c.project, indicator: c.indicator });
    expect(results.find((r) => r.ruleId === "amount/rounding")!.message.text).toContain(`“${c.unit}”`);
  });

  it("JUnit XML: well-formed, escaped, no character illegal in XML, controls shown as \\uXXXX", () => {
    const xml = formatReport("junit", [report], OPTIONS);
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).not.toMatch(UNSAFE_TERMINAL);
    const { texts, attributes } = parseXml(xml);
    const all = [...texts, ...attributes].join("\n");
    expect(all).toContain(c.pretty[c.pretty.length - 1]);
    if (c.file === "html-script.txt") {
      expect(xml).not.toContain("<script>");
      expect(xml).toContain("project “&lt;script&gt;alert(1)&lt;/script&gt;” has only 2 indicators");
    }
  });

  it("GitHub annotations: one command per line, data escaped", () => {
    const out = formatReport("github", [report], OPTIONS);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(report.diagnostics.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=fixtures\/hostile\/[a-z-]+\.txt,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=perftable [a-z/-]+::/);
    expect(out).not.toMatch(UNSAFE_TERMINAL);
    for (const text of c.pretty) expect(out).toContain(text.replace(/%/g, "%25"));
  });

  it("pretty and summary: no raw control, C1 or bidi character reaches the terminal, with or without colour", () => {
    for (const color of [false, true]) {
      const pretty = formatReport("pretty", [report], { ...OPTIONS, color });
      const summary = formatReport("summary", [report], { ...OPTIONS, color });
      expect(stripSgr(pretty)).not.toMatch(UNSAFE_TERMINAL);
      expect(stripSgr(summary)).not.toMatch(UNSAFE_TERMINAL);
      for (const text of c.pretty) expect(stripSgr(pretty)).toContain(text);
      for (const text of c.summary) expect(stripSgr(summary)).toContain(text);
    }
  });
});

describe("hostile text through the CLI", () => {
  it("convert's findings on stderr and check's report on stdout are safe for a terminal", async () => {
    for (const c of CASES.filter((x) => x.file !== "huge-cell.txt")) {
      const converted = await runCli(["convert", fixturePath(c.file), "--to", "csv"], { cwd: ROOT });
      expect(converted.code).toBe(0);
      expect(converted.stderr).not.toMatch(UNSAFE_TERMINAL);
      const checked = await runCli(["check", fixturePath(c.file)], { cwd: ROOT, env: { LANG: "en_US.UTF-8", FORCE_COLOR: "1" } });
      expect(checked.code).toBe(c.file === "prototype-keys.txt" ? 1 : 0);
      expect(stripSgr(checked.stdout)).not.toMatch(UNSAFE_TERMINAL);
      for (const text of c.pretty) expect(stripSgr(checked.stdout)).toContain(text);
    }
  });
});

describe("a line break in data (a quoted .csv cell) cannot inject a workflow command", () => {
  it("github: one annotation per line, the break shown as ⏎; pretty and junit stay safe", async () => {
    const csv = tsvToCsv(readFileSync(join(ROOT, fixturePath("html-script.txt")), "utf8").replace("<script>alert(1)</script>\t80.00", "项目NAME\t80.00"));
    const file = join(workDir, "line-break.csv");
    writeFileSync(file, csv.replace("项目NAME", '"项目\n::error file=x::injected\n%0A"'));
    const report = await checkFile(file, { path: "line-break.csv", keepSource: true });
    const names = report.diagnostics.filter((d) => d.ruleId === "project/few-indicators").map((d) => d.project);
    expect(names).toEqual(["项目\n::error file=x::injected\n%0A"]);
    const github = formatReport("github", [report], OPTIONS);
    const lines = github.trimEnd().split("\n");
    expect(lines).toHaveLength(report.diagnostics.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=line-break\.csv,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=perftable [a-z/-]+::/);
    expect(github).toContain("project “项目⏎::error file=x::injected⏎%250A” has only 2 indicators");
    const pretty = formatReport("pretty", [report], OPTIONS);
    expect(pretty).not.toMatch(UNSAFE_TERMINAL);
    expect(pretty.split("\n").some((l) => l.startsWith("::"))).toBe(false);
    expect(() => parseXml(formatReport("junit", [report], OPTIONS))).not.toThrow();
  });
});

describe("no prototype pollution", () => {
  const text = readFileSync(join(ROOT, fixturePath("prototype-keys.txt")), "utf8");

  it("the unknown columns named __proto__ and constructor stay data in a null-prototype record", () => {
    const project = firstProject(parseTable(text).value[0]!);
    expect(Object.getPrototypeOf(project.extra)).toBeNull();
    expect(Object.keys(project.extra!)).toEqual(["__proto__", "constructor"]);
    expect(project.extra!["__proto__"]).toBe('{"polluted":"yes"}');
    const back = JSON.parse(formatDocuments("json", parseTable(text).value)) as TableDocument;
    const extra = firstProject(back).extra!;
    expect(Object.hasOwn(extra, "__proto__")).toBe(true);
    expect(extra["__proto__"]).toBe('{"polluted":"yes"}');
  });

  it("a level-1 category named __proto__ is counted in the table summary, not lost", () => {
    const broken = text.replace("1、1-产出指标；11-数量指标；toString", "1、__proto__；constructor；toString");
    const summary = checkInput(broken, { path: "p.txt" }).tables![0]!;
    expect(Object.entries(summary.categories!)).toContainEqual(["__proto__", 1]);
    expect(Object.entries(summary.categories!)).toContainEqual(["__proto__/constructor", 1]);
  });

  it("audit takes a department and a money unit named __proto__ or constructor as data", async () => {
    for (const moneyUnit of ["__proto__", "constructor", "toString"]) {
      const file = join(workDir, `money-unit-${moneyUnit}.txt`);
      writeFileSync(file, text.replace("单位：万元", `单位：${moneyUnit}`));
      const r = await runCli(["audit", file, "--jobs", "1", "-f", "json", "--no-progress"], { cwd: workDir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1); // the unknown columns are table/header errors
      const summary = JSON.parse(r.stdout).summary;
      expect(summary.byDepartment.map((d: { department: string }) => d.department)).toEqual(["__proto__"]);
      expect(summary.money).toEqual([{ unit: moneyUnit, total: "130.01" }]);
    }
  });

  it("after checking, converting and auditing every hostile table, Object.prototype is unchanged", async () => {
    for (const c of CASES) {
      const path = fixturePath(c.file);
      for (const format of ["pretty", "json", "sarif", "github", "junit", "summary"]) await runCli(["check", path, "-f", format], { cwd: ROOT });
      for (const to of ["json", "ndjson", "csv"]) await runCli(["convert", path, "--to", to], { cwd: ROOT });
    }
    await runCli(["audit", join(ROOT, "fixtures/hostile"), "--jobs", "1", "-f", "csv", "--no-progress"], { cwd: ROOT });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
    expect(Object.prototype.toString).toBe(TO_STRING_BEFORE);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe("lone surrogates (in memory: no UTF-8 file can hold them)", () => {
  const text = readFileSync(join(ROOT, fixturePath("prototype-keys.txt")), "utf8")
    .replace("constructor\t130.01", "单\ud800位\t130.01")
    .replace("__proto__\t80.00", "项目\udc00\t80.00")
    .replace("toString", "指标\ud83d");
  const parsed = parseTable(text);
  const report = checkInput(text, { path: "surrogates.txt", keepSource: true });

  it("are kept in the document and round-trip through JSON as \\uXXXX escapes", () => {
    const doc = parsed.value[0]!;
    expect([doc.units[0]!.name, firstProject(doc).name, firstProject(doc).indicators[0]!.name]).toEqual(["单\ud800位", "项目\udc00", "指标\ud83d"]);
    const json = formatDocuments("json", parsed.value);
    expect(json).toContain('"单\\ud800位"');
    expect(JSON.parse(json).units[0].name).toBe("单\ud800位");
    const check = JSON.parse(formatReport("json", [report], OPTIONS));
    expect(check.files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === "indicator/qualitative").indicator).toBe("指标\ud83d");
    expect(() => JSON.parse(formatReport("sarif", [report], OPTIONS))).not.toThrow();
  });

  it("are shown as \\uXXXX on a terminal and in XML, never raw", () => {
    const pretty = formatReport("pretty", [report], OPTIONS);
    expect(pretty).toContain("“单\\ud800位” “total”");
    expect(pretty).not.toMatch(UNSAFE_TERMINAL);
    const xml = formatReport("junit", [report], OPTIONS);
    expect(xml).not.toMatch(NOT_XML);
    expect(parseXml(xml).texts.join("\n")).toContain("\\udc00");
    expect(formatReport("github", [report], OPTIONS)).not.toMatch(UNSAFE_TERMINAL);
  });

  it("stay in the CSV text as they are (written to a UTF-8 file they become U+FFFD: UTF-8 cannot hold them)", () => {
    expect(formatDocuments("csv", parsed.value)).toContain("\r\n__proto__,万元,单\ud800位,项目\udc00,11,");
  });
});
