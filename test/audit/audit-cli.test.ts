// `perftable audit` end to end, in-process: every output format over fixtures/audit, exit codes,
// deterministic order whatever --jobs, and the HTML report's escaping and self-containment.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { runCli } from "../helpers/cli.js";
import { sheetsToXlsx } from "../helpers/convert-fixture.js";
import { ROOT, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const DIR = "fixtures/audit";
const FILES = [
  "fixtures/audit/dept-finance/finance-bureau-rollup-broken.txt",
  "fixtures/audit/dept-finance/finance-bureau.txt",
  "fixtures/audit/dept-sports/sports-bureau-in-yuan.txt",
  "fixtures/audit/dept-sports/sports-bureau.txt",
  "fixtures/audit/hostile/img-project-name.txt",
  "fixtures/audit/hostile/script-project-name.txt",
  "fixtures/audit/unreadable/binary.txt",
  "fixtures/audit/unreadable/empty.txt",
  "fixtures/audit/unreadable/meeting-notes.txt",
];

function tmp(): string {
  return tempDir("perftable-audit-");
}

/** What `check` says about each fixture: the audit must agree file by file. */
async function expectedCounts() {
  const out = [];
  for (const f of FILES) {
    const r = await checkFile(f, { cwd: ROOT });
    out.push({ path: f, errorCount: r.errorCount, warningCount: r.warningCount, infoCount: r.infoCount });
  }
  return out;
}

interface NdjsonFile {
  path: string;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  diagnostics: { ruleId: string; messageId: string; message: string; project: string | null }[];
  tables: { department: string | null; projects: number; indicators: number; moneyTotal: string | null; moneyUnit: string | null }[];
}

describe("perftable audit outputs", () => {
  it("prints a table per file, totals by rule and by department, and a verdict (exit 1)", async () => {
    const r = await runCli(["audit", DIR, "--jobs", "1"], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    // One row per file, in path order.
    const rows = lines.filter((l) => l.includes("fixtures/audit/"));
    expect(rows.map((l) => /fixtures\/audit\/\S+/.exec(l)![0])).toEqual(FILES);
    const seedRow = rows[1]!.split("│").map((c) => c.trim());
    expect(seedRow.slice(1, 10)).toEqual(["fixtures/audit/dept-finance/finance-bureau.txt", "广州开发区金融工作局（部门）", "2", "13", "53", "15,812.52 万元", "0", "8", "9"]);
    expect(rows[2]).toContain("13,000.00 元");
    expect(rows[6]).toContain("(unreadable)");
    // Aligned by display width: every line of the file table is equally wide on screen.
    const widths = new Set(lines.slice(0, FILES.length + 4).map((l) => [...l].reduce((n, ch) => n + (/[\u3000-\uffff]/.test(ch) ? 2 : 1), 0)));
    expect(widths.size).toBe(1);
    expect(r.stdout).toMatch(/│ amount\/unit-rollup\s+│ error\s+│\s+2 │\s+1 │/);
    expect(r.stdout).toMatch(/│ input\/unreadable\s+│ error\s+│\s+3 │\s+3 │/);
    // Department totals in 万元: the sports bureau has 13,855.00 万元 + 13,000.00 元 = 13,856.30 万元.
    expect(r.stdout).toMatch(/│ 广州开发区体育局（部门）\s+│\s+2 │\s+3 │\s+16 │\s+13,856\.30 │/);
    expect(r.stdout).toMatch(/│ 广州开发区金融工作局（部门）\s+│\s+2 │\s+26 │\s+106 │\s+31,625\.04 │\s+2 │/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✖ 4 of 9 files fail \(3 unreadable\) — \d+ problems \(5 errors, \d+ warnings, \d+ infos\)$/);
  });

  it("prints Chinese labels with --lang zh", async () => {
    const r = await runCli(["audit", DIR, "--lang", "zh"], { cwd: ROOT });
    expect(r.stdout).toContain("│ 文件");
    expect(r.stdout).toContain("按规则统计");
    expect(r.stdout).toContain("（无法读取）");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✖ 9 个文件中 4 个未通过（3 个无法读取） — /);
  });

  it("writes json: per file the check -f json shape plus tables, then a summary", async () => {
    const r = await runCli(["audit", DIR, "-f", "json"], { cwd: ROOT });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { files: NdjsonFile[]; summary: Record<string, unknown> };
    const counts = json.files.map(({ path, errorCount, warningCount, infoCount }) => ({ path, errorCount, warningCount, infoCount }));
    expect(counts).toEqual(await expectedCounts());
    expect(json.files[0]!.diagnostics.slice(0, 2).map((d) => d.ruleId)).toEqual(["amount/unit-rollup", "amount/unit-rollup"]);
    expect(json.files[1]!.tables).toEqual([
      expect.objectContaining({ department: "广州开发区金融工作局（部门）", moneyUnit: "万元", units: 2, projects: 13, indicators: 53, moneyTotal: "15812.52" }),
    ]);
    expect(json.files[6]!.diagnostics).toEqual([expect.objectContaining({ ruleId: "input/unreadable", messageId: "binary", message: "the file is binary data (PNG), not a text table" })]);
    expect(json.files[7]!.diagnostics[0]).toMatchObject({ messageId: "empty" });
    expect(json.files[8]!.diagnostics[0]).toMatchObject({ messageId: "noTable" });
    expect(json.summary).toMatchObject({ files: 9, failingFiles: 4, unreadableFiles: 3, tables: 6, errorCount: 5, verdict: "fail" });
    expect(json.summary.money).toEqual([{ unit: "万元", total: "60191.34" }]);
    expect(json.summary.byRule).toEqual(
      expect.arrayContaining([
        { ruleId: "input/unreadable", severity: "error", count: 3, files: 3 },
        { ruleId: "amount/unit-rollup", severity: "error", count: 2, files: 1 },
      ]),
    );
  });

  it("streams ndjson: one line per file in path order, then the summary line", async () => {
    const r = await runCli(["audit", DIR, "-f", "ndjson"], { cwd: ROOT });
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(FILES.length + 1);
    expect(lines.slice(0, -1).map((f: NdjsonFile) => f.path)).toEqual(FILES);
    const hostile = lines[5] as NdjsonFile;
    expect(hostile.diagnostics.map((d) => d.project)).toContain("<script>alert(1)</script>");
    expect(lines.at(-1).summary).toMatchObject({ files: 9, failingFiles: 4, verdict: "fail" });
  });

  it("writes csv: a BOM, one row per file, formula text guarded", async () => {
    const r = await runCli(["audit", DIR, "-f", "csv"], { cwd: ROOT });
    expect(r.stdout.startsWith("\uFEFFfile,status,department,tables,units,projects,indicators,money,money unit,errors,warnings,infos\r\n")).toBe(true);
    const rows = r.stdout.slice(1).trimEnd().split("\r\n");
    expect(rows).toHaveLength(FILES.length + 1);
    expect(rows[2]).toBe("fixtures/audit/dept-finance/finance-bureau.txt,pass,广州开发区金融工作局（部门）,1,2,13,53,15812.52,万元,0,8,9");
    expect(rows[1]).toMatch(/^fixtures\/audit\/dept-finance\/finance-bureau-rollup-broken\.txt,fail,.*,2,8,9$/);
    expect(rows[3]).toBe("fixtures/audit/dept-sports/sports-bureau-in-yuan.txt,pass,广州开发区体育局（部门）,1,1,1,6,13000.00,元,0,0,0");
    // The department "=2+3 …" would be a formula in a spreadsheet.
    expect(rows[5]).toContain(",'=2+3 公式注入测试局（部门）,");
    expect(rows[7]).toBe("fixtures/audit/unreadable/binary.txt,unreadable,,0,0,0,0,,,1,0,0");
  });

  it("writes several reports at once, each atomically to its file", async () => {
    const dir = tmp();
    const r = await runCli(["audit", DIR, "-f", "json", "-o", join(dir, "a.json"), "--report", `csv=${join(dir, "a.csv")}`, "--report", `html=${join(dir, "a.html")}`], { cwd: ROOT });
    expect(r.code).toBe(1); // writing reports does not change the exit code
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "a.json"), "utf8")).files).toHaveLength(9);
    expect(readFileSync(join(dir, "a.csv"), "utf8").split("\r\n")).toHaveLength(11);
    expect(readFileSync(join(dir, "a.html"), "utf8")).toMatch(/<\/html>\n$/);
  });
});

describe("perftable audit ordering", () => {
  it("gives the same output, sorted by path, with --jobs 1 and --jobs 2 and arguments in any order", async () => {
    const args = ["fixtures/audit/unreadable", "fixtures/audit/dept-*/*.txt", "fixtures/audit/hostile/img-project-name.txt", "fixtures/audit/hostile", "-f", "ndjson"];
    const one = await runCli(["audit", ...args, "--jobs", "1"], { cwd: ROOT });
    const two = await runCli(["audit", ...args, "--jobs", "2"], { cwd: ROOT });
    expect(two.stdout).toBe(one.stdout);
    const paths = one.stdout.trimEnd().split("\n").slice(0, -1).map((l) => JSON.parse(l).path);
    expect(paths).toEqual(FILES); // each file once, in path order
  });

  it("reports a file reached two ways (a link in one folder, its real place in another) once, by the same name in any argument order", async () => {
    // It kept the name of the argument given first: `audit b a` showed b/seed-link.txt, `audit a b` a/seed.txt.
    const dir = tmp();
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "a", "seed.txt"), SEED);
    writeFileSync(join(dir, "b", "sports.txt"), readFileSync(join(ROOT, "fixtures/audit/dept-sports/sports-bureau.txt")));
    symlinkSync(join("..", "a", "seed.txt"), join(dir, "b", "seed-link.txt"));
    const ab = await runCli(["audit", "a", "b", "-f", "csv"], { cwd: dir });
    const ba = await runCli(["audit", "b", "a", "-f", "csv"], { cwd: dir });
    const named = await runCli(["audit", "b/seed-link.txt", "a", "b", "-f", "csv"], { cwd: dir });
    expect(ab.stdout.split("\r\n").slice(1, -1).map((row) => row.split(",")[0])).toEqual(["a/seed.txt", "b/sports.txt"]);
    expect(ba.stdout).toBe(ab.stdout);
    expect(named.stdout).toBe(ab.stdout);
  });

  it("applies --rule to every file", async () => {
    const r = await runCli(["audit", DIR, "-f", "json", "--rule", "project/missing-satisfaction=error"], { cwd: ROOT });
    const json = JSON.parse(r.stdout);
    expect(json.summary.failingFiles).toBe(7); // 4 before, plus the seed and the two hostile tables
    expect(json.summary.byRule).toContainEqual({ ruleId: "project/missing-satisfaction", severity: "error", count: 14, files: 4 });
  });
});

describe("perftable audit exit codes", () => {
  const dir = tmp();
  writeFileSync(join(dir, "clean.txt"), readFileSync(join(ROOT, "fixtures/audit/dept-sports/sports-bureau.txt")));
  writeFileSync(join(dir, "seed.txt"), readFileSync(join(ROOT, "fixtures/audit/dept-finance/finance-bureau.txt")));

  it.each([
    ["only passing files (warnings allowed)", [dir], 0],
    ["a file with an error-level finding", [DIR], 1],
    ["an unreadable file", [join(ROOT, "fixtures/audit/unreadable/empty.txt")], 1],
    ["a path that does not exist (the others are still audited)", [join(dir, "clean.txt"), join(dir, "missing.txt")], 2],
    ["a glob that matches nothing", [join(dir, "*.tsv")], 2],
    ["a folder without tables", [join(ROOT, "src/cli")], 2],
    ["an unknown --report format", [dir, "--report", "xml=out.xml"], 2],
    ["a report in a folder that does not exist", [dir, "-o", join(dir, "no/such/folder/out.txt")], 2],
  ])("%s", async (_what, args, code) => {
    const r = await runCli(["audit", ...(args as string[]), "-f", "json"], { cwd: ROOT });
    expect(r.code).toBe(code);
    if (code === 2) expect(r.stderr).toMatch(/^perftable: /);
    else expect(r.stderr).toBe("");
  });
  it("--jobs 0: exit 2, said as for any bad option value", async () => {
    const r = await runCli(["audit", dir, "--jobs", "0", "-f", "json"], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: option '--jobs <n>' argument '0' is invalid\. --jobs must be at least 1, not 0/);
  });

  it("still reports every file when one path is missing", async () => {
    const r = await runCli(["audit", join(dir, "clean.txt"), join(dir, "missing.txt"), "-f", "ndjson"], { cwd: ROOT });
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0].errorCount).toBe(0);
    expect(lines[1].diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "notFound" });
    expect(lines[2].summary.files).toBe(2);
  });
});

describe("perftable audit -f html", () => {
  it("is one self-contained page with every piece of table text escaped", async () => {
    const r = await runCli(["audit", DIR, "-f", "html"], { cwd: ROOT });
    const html = r.stdout;
    expect(r.code).toBe(1);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    // No network: no URL, no external script, style, font or image.
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc\s*=\s*["']?(?:https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"`);
    // The hostile names never appear as markup.
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>广州开发区测试局");
    // Exactly the report's own scripts: the two JSON blocks and the inline program.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="pt-files">', '<script type="application/json" id="pt-meta">', "<script>"]);
    // In the SVG chart, the hostile department is escaped text.
    expect(html).toContain("&lt;b&gt;广州开发区测试局&lt;/b&gt;（部门）");
    // The data block parses back to the original text.
    const data = JSON.parse(/<script type="application\/json" id="pt-files">([\s\S]*?)<\/script>/.exec(html)![1]!) as { path: string; status: string; findings: unknown[][] }[];
    expect(data.map((f) => f.path)).toEqual(FILES);
    expect(data.map((f) => f.status)).toEqual(["fail", "pass", "pass", "pass", "pass", "pass", "unreadable", "unreadable", "unreadable"]);
    const hostile = data[5]!.findings.find((f) => f[1] === "project/missing-satisfaction")!;
    expect(hostile[5]).toBe("<script>alert(1)</script>");
    // The offending text: the project name cell.
    expect(hostile[7]).toBe("<script>alert(1)</script>");
    expect(data[4]!.findings[0]![7]).toBe("<img src=x onerror=alert(1)>");
    // Charts: one bar per department with money, per rule, per level-2 category.
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4);
    expect(html).toContain("<title>amount/unit-rollup (error): 2</title>");
  });

  it("shows the offending text of a roll-up error and Chinese labels with --lang zh", async () => {
    const r = await runCli(["audit", "fixtures/audit/dept-finance", "-f", "html", "--lang", "zh"], { cwd: ROOT });
    expect(r.stdout).toContain('<html lang="zh-CN">');
    expect(r.stdout).toContain("各部门金额（万元）");
    const data = JSON.parse(/id="pt-files">([\s\S]*?)<\/script>/.exec(r.stdout)![1]!) as { findings: unknown[][] }[];
    expect(data[0]!.findings[0]!.slice(0, 4)).toEqual(["error", "amount/unit-rollup", 11, 12]);
    expect(data[0]!.findings[0]![4]).toContain("15,810.92");
    expect(data[0]!.findings[0]![7]).toBe("15,810.92");
  });
});

describe("perftable audit progress", () => {
  it("draws a progress bar on a terminal's standard error", async () => {
    const r = await runCli(["audit", DIR], { cwd: ROOT, tty: true, env: { LANG: "en_US.UTF-8", NO_COLOR: "1" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/9\/9 files \| [\d.]+ files\/s \| ETA/);
    expect(r.stdout).not.toContain("files/s");
  });

  it("draws it in Chinese under --lang zh (no English “ETA”)", async () => {
    const r = await runCli(["audit", DIR, "--lang", "zh"], { cwd: ROOT, tty: true, env: { LANG: "en_US.UTF-8", NO_COLOR: "1" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/9\/9 个文件 \| [\d.]+ 个\/秒 \| 剩余 /);
    expect(r.stderr).not.toMatch(/ETA|files/);
  });

  it.each([
    ["--no-progress", ["--no-progress"], true, {}],
    ["standard error is not a terminal", [], false, {}],
    // CI runners that give a pseudo-terminal: the log must stay clean.
    ["CI=true on a terminal", [], true, { CI: "true" }],
    ["CI=1 on a terminal", [], true, { CI: "1" }],
    ["GITHUB_ACTIONS=true on a terminal", [], true, { GITHUB_ACTIONS: "true" }],
    ["GITLAB_CI=true on a terminal", [], true, { GITLAB_CI: "true" }],
    ["TF_BUILD=True (Azure Pipelines) on a terminal", [], true, { TF_BUILD: "True" }],
    ["--progress but standard error not a terminal", ["--progress"], false, { CI: "true" }],
  ])("draws nothing with %s", async (_what, flags, tty, env) => {
    const r = await runCli(["audit", DIR, ...flags], { cwd: ROOT, tty, env: { LANG: "en_US.UTF-8", NO_COLOR: "1", ...env } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
  });

  it.each([
    ["CI=true with --progress", ["--progress"], { CI: "true" }],
    ["CI=false", [], { CI: "false" }],
    ["CI=0", [], { CI: "0" }],
    ["CI empty", [], { CI: "" }],
  ])("draws it on a terminal with %s", async (_what, flags, env) => {
    const r = await runCli(["audit", DIR, ...flags], { cwd: ROOT, tty: true, env: { LANG: "en_US.UTF-8", NO_COLOR: "1", ...env } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/9\/9 files \| [\d.]+ files\/s \| ETA/);
  });
});

describe("a workbook with a sheet whose table could not be read", () => {
  // 金融工作局: the seed, read. 附表: the seed under 1,001 rows of notes, its table not found.
  const dir = tempDir("perftable-audit-sheet-");
  const path = join(dir, "departments.xlsx");
  const notes = Array.from({ length: 1001 }, (_, i) => `填报口径说明第${i + 1}条`).join("\n");
  const department = "广州开发区金融工作局（部门）";
  const written = sheetsToXlsx([
    ["金融工作局", SEED],
    ["附表", `${notes}\n${SEED}`],
  ]).then((bytes) => writeFileSync(path, bytes));

  it("lists the departments of the sheets read, marked partly unreadable (table, en and zh)", async () => {
    await written;
    const en = await runCli(["audit", path, "--lang", "en"]);
    expect(en.code).toBe(1);
    const row = en.stdout.split("\n").find((l) => l.includes("departments.xlsx"))!;
    expect(row).toContain(`│ ${department} (partly unreadable) │`);
    expect(en.stdout).toContain("(1 unreadable)");
    const zh = await runCli(["audit", path, "--lang", "zh"]);
    expect(zh.stdout.split("\n").find((l) => l.includes("departments.xlsx"))).toContain(`│ ${department}（部分无法读取） │`);
    // A file with no table read at all keeps the mark alone.
    const none = await runCli(["audit", join(ROOT, "fixtures/audit/unreadable/empty.txt"), "--lang", "en"]);
    expect(none.stdout).toMatch(/│ \(unreadable\)\s+│/);
    // check says the same file is unreadable input (exit 2), as before.
    expect((await runCli(["check", path])).code).toBe(2);
  });

  it("csv, json and html give the status unreadable with the departments read and why", async () => {
    await written;
    const csv = await runCli(["audit", path, "-f", "csv", "--lang", "en"]);
    expect(csv.stdout.split("\r\n")[1]).toBe(`${path},unreadable,${department},1,2,13,53,15812.52,万元,1,8,9`);
    const json = JSON.parse((await runCli(["audit", path, "-f", "json", "--lang", "en"])).stdout) as {
      files: { tables: { department: string; sheet: string }[]; diagnostics: { ruleId: string; messageId: string }[] }[];
      summary: { unreadableFiles: number; byDepartment: { department: string }[] };
    };
    expect(json.files[0]!.tables.map((t) => [t.sheet, t.department])).toEqual([["金融工作局", department]]);
    expect(json.files[0]!.diagnostics.filter((d) => d.ruleId === "input/unreadable").map((d) => d.messageId)).toEqual(["noTableWithinSheet"]);
    expect(json.summary.unreadableFiles).toBe(1);
    expect(json.summary.byDepartment.map((d) => d.department)).toEqual([department]);
    const html = (await runCli(["audit", path, "-f", "html", "--lang", "en"])).stdout;
    const data = JSON.parse(/id="pt-files">([\s\S]*?)<\/script>/.exec(html)![1]!) as { status: string; departments: string[]; reason: string }[];
    expect(data.map((f) => [f.status, f.departments])).toEqual([["unreadable", [department]]]);
    expect(data[0]!.reason).toMatch(/^no performance table read on sheet 附表: /);
  });
});
