// The check command as a table of arguments → exit code and output.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { editSeed, ROOT, SEED, SEED_PATH } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

function tmp(): string {
  return tempDir("perftable-cli-");
}

const BROKEN = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");

describe("perftable check", () => {
  it("passes the seed with exit 0 and a pretty report", async () => {
    const r = await runCli(["check", SEED_PATH]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("seed-guangzhou-finance-bureau.txt:14:1");
    expect(r.stdout).toContain("project/missing-satisfaction");
    expect(r.stdout).not.toMatch(/\u001b\[/); // not a TTY: no colour
    expect(r.stderr).toBe("");
  });

  it("gives the SPEC json contract", async () => {
    const r = await runCli(["check", SEED_PATH, "-f", "json"], { cwd: ROOT });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files).toHaveLength(1);
    const f = json.files[0];
    expect(f).toMatchObject({ encoding: "utf-8", errorCount: 0, warningCount: 8, infoCount: 9 });
    expect(Object.keys(f.diagnostics[0])).toEqual(expect.arrayContaining(["ruleId", "severity", "message", "line", "column", "endLine", "endColumn", "project", "indicator"]));
    expect(f.diagnostics.find((d: { line: number }) => d.line === 14)).toMatchObject({ ruleId: "project/missing-satisfaction", severity: "warning", column: 1, endColumn: 11, project: "金融项目评审专项经费", indicator: null });
  });

  it("fails with exit 1 on an error-level finding", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "broken.txt"), BROKEN);
    const r = await runCli(["check", "broken.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === "amount/total-rollup")).toHaveLength(1);
  });

  it.each([
    [["check", "--max-warnings", "8", SEED_PATH], 0],
    [["check", "--max-warnings", "7", SEED_PATH], 1],
    [["check", "--rule", "project/missing-satisfaction=error", SEED_PATH], 1],
    [["check", "--rule", "project/missing-satisfaction=off", "--max-warnings", "2", SEED_PATH], 0],
    [["check", "--rule", "no/such-rule=error", SEED_PATH], 2],
    [["check", "--rule", "project/missing-satisfaction=fatal", SEED_PATH], 2],
    [["check", "-f", "xml", SEED_PATH], 2],
    [["check"], 2],
    [["frobnicate"], 2],
    [["check", "--max-warnings", "many", SEED_PATH], 2],
  ])("%j → exit %i", async (args, code) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it("--quiet reports errors only", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "broken.txt"), BROKEN);
    const r = await runCli(["check", "broken.txt", "--quiet", "-f", "json"], { cwd: dir });
    const diags = JSON.parse(r.stdout).files[0].diagnostics;
    expect(diags.map((d: { ruleId: string; severity: string }) => `${d.severity} ${d.ruleId}`)).toEqual(["error amount/row-sum", "error amount/total-rollup"]);
    expect(r.code).toBe(1);
  });

  it("--quiet hides the warnings but --max-warnings still counts them", async () => {
    const quiet = await runCli(["check", SEED_PATH, "--quiet", "--max-warnings", "0", "-f", "json"]);
    expect(JSON.parse(quiet.stdout).files[0].diagnostics).toEqual([]);
    expect(quiet.code).toBe(1);
    // The report does not claim "no problems" when --quiet hid some.
    const pretty = await runCli(["check", SEED_PATH, "--quiet"]);
    expect(pretty.stdout).toContain("✔ no errors (--quiet: warnings and infos not shown)");
    expect(pretty.stdout).not.toContain("no problems");
    expect(quiet.stderr).toContain("8 warnings, more than --max-warnings 0");
    expect((await runCli(["check", SEED_PATH, "--quiet", "--max-warnings", "8"])).code).toBe(0);
  });

  it("--max-warnings says one warning in the singular", async () => {
    const r = await runCli(["check", SEED_PATH, "--rule", "project/missing-satisfaction=off", "--rule", "indicator/vacuous-target=off", "--max-warnings", "0", "-f", "json", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("perftable: 1 warning, more than --max-warnings 0\n");
  });

  it("reports a missing file and an unreadable one with exit 2, and still reports the others", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "seed.txt"), SEED);
    const r = await runCli(["check", "missing.txt", "empty.txt", "seed.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(["missing.txt", "empty.txt", "seed.txt"]);
    expect(files[0].diagnostics).toEqual([expect.objectContaining({ ruleId: "input/unreadable", message: "file not found: missing.txt" })]);
    expect(files[1].diagnostics).toEqual([expect.objectContaining({ ruleId: "input/unreadable", message: "the file is empty" })]);
    expect(files[2].warningCount).toBe(8);
  });

  it("marks a SARIF run with an unreadable file unsuccessful, as its exit code 2 does", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "seed.txt"), SEED);
    const r = await runCli(["check", "empty.txt", "seed.txt", "-f", "sarif", "--lang", "zh"], { cwd: dir });
    expect(r.code).toBe(2);
    const invocation = JSON.parse(r.stdout).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "error", message: { text: "文件为空" }, locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: { uri: "empty.txt", uriBaseId: "%SRCROOT%" } }) })] }),
    ]);
    const ok = await runCli(["check", "seed.txt", "-f", "sarif"], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("reads standard input with --stdin-filename", async () => {
    const r = await runCli(["check", "-", "--stdin-filename", "dept.txt", "-f", "json"], { stdin: SEED });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].path).toBe("dept.txt");
  });

  it("recurses into directories and expands globs, in sorted order", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "b", "z.txt"), SEED);
    writeFileSync(join(dir, "a.txt"), SEED);
    writeFileSync(join(dir, "notes.md"), "# not a table");
    const byDir = await runCli(["check", ".", "-f", "json"], { cwd: dir });
    expect(JSON.parse(byDir.stdout).files.map((f: { path: string }) => f.path)).toEqual(["a.txt", "b/z.txt"]);
    const byGlob = await runCli(["check", "**/*.txt", "-f", "json"], { cwd: dir });
    expect(JSON.parse(byGlob.stdout).files.map((f: { path: string }) => f.path)).toEqual(["a.txt", "b/z.txt"]);
    const none = await runCli(["check", "*.xlsx"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no file found for *.xlsx");
  });

  it("messages follow --lang, then LANG", async () => {
    const zh = await runCli(["check", SEED_PATH, "-f", "json"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(JSON.parse(zh.stdout).files[0].diagnostics[0].message).toMatch(/[\u4e00-\u9fff]/);
    const en = await runCli(["check", SEED_PATH, "-f", "json", "--lang", "en"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(JSON.parse(en.stdout).files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === "project/few-indicators").message).toMatch(/^[\x20-\x7e]*[a-z]/);
  });

  it("writes several reports in one run without changing the exit code", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "broken.txt"), BROKEN);
    const r = await runCli(["check", "broken.txt", "-f", "json", "-o", "out.json", "--report", "sarif=out.sarif", "--report", "junit=out.xml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).files[0].errorCount).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(dir, "out.xml"), "utf8")).toContain("<testsuites");
    const bad = await runCli(["check", "broken.txt", "--report", "sarif"], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it("gives github and sarif paths from the repository root (GITHUB_WORKSPACE) when run in a subfolder", async () => {
    const env = { GITHUB_WORKSPACE: ROOT, LANG: "C" };
    const cwd = join(ROOT, "fixtures");
    const github = await runCli(["check", "seed-guangzhou-finance-bureau.txt", "-f", "github"], { cwd, env });
    expect(github.stdout).toMatch(/^::warning file=fixtures\/seed-guangzhou-finance-bureau\.txt,line=14,col=1,/m);
    expect(github.stdout).not.toMatch(/file=seed-/);
    const sarif = await runCli(["check", "seed-guangzhou-finance-bureau.txt", "-f", "sarif"], { cwd, env });
    const uris = new Set(JSON.parse(sarif.stdout).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(["fixtures/seed-guangzhou-finance-bureau.txt"]);
    // Without GITHUB_WORKSPACE, paths stay relative to the working folder.
    const local = await runCli(["check", "seed-guangzhou-finance-bureau.txt", "-f", "github"], { cwd, env: { LANG: "C" } });
    expect(local.stdout).toMatch(/^::warning file=seed-guangzhou-finance-bureau\.txt,/m);
  });

  it("gives SARIF columns in code points, as its columnKind says, past astral characters (𠀀 is two UTF-16 units)", async () => {
    const dir = tmp();
    // 𠀀 (U+20000) twice before 提高项目评审效率's target: 2 columns in code points, 4 in UTF-16.
    writeFileSync(join(dir, "t.txt"), editSeed("；提高项目评审效率；", "；𠀀𠀀提高项目评审效率；"));
    const r = await runCli(["check", "t.txt", "-f", "sarif"], { cwd: dir, env: { LANG: "C" } });
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.columnKind).toBe("unicodeCodePoints");
    const qualitative = run.results.find((x: { ruleId: string }) => x.ruleId === "indicator/qualitative");
    // 217 and 228 in the seed (the targets 提高 after the name): two more, not four.
    expect(qualitative.locations[0].physicalLocation.region).toEqual({ startLine: 14, startColumn: 219, endLine: 14, endColumn: 230 });
  });

  it("writes the GitHub step summary when GITHUB_STEP_SUMMARY is set", async () => {
    const dir = tmp();
    const summary = join(dir, "summary.md");
    const r = await runCli(["check", SEED_PATH, "-f", "github"], { env: { GITHUB_STEP_SUMMARY: summary, LANG: "C" } });
    expect(r.stdout).toMatch(/^::warning file=/m);
    expect(readFileSync(summary, "utf8")).toMatch(/\|/);
  });

  it("says in the run's language that the step summary cannot be written", async () => {
    const dir = tmp();
    const summary = join(dir, "no-such-folder", "summary.md");
    const zh = await runCli(["check", SEED_PATH, "-f", "github", "--lang", "zh"], { env: { GITHUB_STEP_SUMMARY: summary, LANG: "C" } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe(`perftable: 无法写入作业摘要 GITHUB_STEP_SUMMARY=${summary}：文件或文件夹不存在（ENOENT）\n`);
    const en = await runCli(["check", SEED_PATH, "-f", "github"], { env: { GITHUB_STEP_SUMMARY: summary, LANG: "C" } });
    expect(en.stderr).toBe(`perftable: cannot write the step summary GITHUB_STEP_SUMMARY=${summary}: no such file or folder (ENOENT)\n`);
  });
});

describe("configuration", () => {
  it("is found from the working folder upward and applied", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "perftable.config.json"), JSON.stringify({ rules: { "project/missing-satisfaction": "error" } }));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "seed.txt"), SEED);
    const r = await runCli(["check", "seed.txt", "-f", "json"], { cwd: join(dir, "sub") });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].errorCount).toBe(6);
    const ignored = await runCli(["check", "seed.txt", "--no-config"], { cwd: join(dir, "sub") });
    expect(ignored.code).toBe(0);
  });

  it("takes rule options", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "c.json"), JSON.stringify({ rules: { "indicator/satisfaction-threshold": ["warning", { floor: 92 }] } }));
    const r = await runCli(["check", SEED_PATH, "--config", join(dir, "c.json"), "-f", "json"]);
    const found = JSON.parse(r.stdout).files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === "indicator/satisfaction-threshold");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d: { severity: string }) => d.severity === "warning")).toBe(true);
  });

  it.each([
    [{ rules: { "no/such": "error" } }, 'rules["no/such"]: unknown rule id'],
    [{ rules: { "amount/row-sum": "loud" } }, 'rules["amount/row-sum"]: severity must be one of'],
    [{ rulez: {} }, 'unknown key "rulez"'],
    [{ rules: { "indicator/satisfaction-threshold": ["info", { flor: 1 }] } }, "flor: unknown option"],
    [{ lang: "fr" }, '"lang" must be "zh" or "en"'],
  ])("rejects %j with exit 2 naming the key", async (config, message) => {
    const dir = tmp();
    writeFileSync(join(dir, "perftable.config.json"), JSON.stringify(config));
    const r = await runCli(["check", SEED_PATH], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("rejects a config that is not JSON", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "perftable.config.json"), "{ rules: ");
    const r = await runCli(["check", SEED_PATH], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perftable: ${join(dir, "perftable.config.json")}:1:3: the configuration is not valid JSON: expected a property name in double quotes, found rules (write "rules")\n`);
  });

  it("init writes a starter config that check accepts, and refuses to overwrite it", async () => {
    const dir = tmp();
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, "perftable.config.json"), "utf8"));
    expect(config.rules["amount/unit-rollup"]).toBe("error");
    expect(config.rules["project/missing-cost"]).toBe("off");
    writeFileSync(join(dir, "seed.txt"), SEED);
    expect((await runCli(["check", "seed.txt"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["init"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["init", "--force"], { cwd: dir })).code).toBe(0);
  });
});

describe("baselines", () => {
  it("accepts today's findings and fails only on new ones", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "t.txt"), BROKEN);
    const write = await runCli(["check", "t.txt", "--write-baseline", "base.json"], { cwd: dir });
    expect(write.code).toBe(1);
    const baseline = JSON.parse(readFileSync(join(dir, "base.json"), "utf8"));
    expect(baseline.version).toBe(1);
    expect(baseline.entries).toContainEqual({ file: "t.txt", ruleId: "amount/total-rollup", project: null, count: 1 });
    expect(baseline.entries.every((e: Record<string, unknown>) => !("line" in e))).toBe(true);

    const again = await runCli(["check", "t.txt", "--baseline", "base.json", "-f", "json"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files[0].diagnostics).toEqual([]);

    // An unrelated edit that moves every row down does not break the baseline…
    writeFileSync(join(dir, "t.txt"), "\n\n" + BROKEN);
    expect((await runCli(["check", "t.txt", "--baseline", "base.json"], { cwd: dir })).code).toBe(0);
    // …but a new finding fails.
    writeFileSync(join(dir, "t.txt"), editSeed("金融交流专项经费\t70.00\t70.00", "金融交流专项经费\t70.00\t60.00", BROKEN));
    const fresh = await runCli(["check", "t.txt", "--baseline", "base.json", "-f", "json"], { cwd: dir });
    expect(fresh.code).toBe(1);
    expect(JSON.parse(fresh.stdout).files[0].diagnostics.map((d: { ruleId: string; line: number }) => `${d.line} ${d.ruleId}`)).toEqual(["11 amount/unit-rollup", "16 amount/row-sum"]);
  });

  it("rejects a baseline that is missing or malformed with exit 2", async () => {
    const dir = tmp();
    expect((await runCli(["check", SEED_PATH, "--baseline", "nope.json"], { cwd: dir })).code).toBe(2);
    writeFileSync(join(dir, "b.json"), JSON.stringify({ entries: "x" }));
    const r = await runCli(["check", SEED_PATH, "--baseline", "b.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a perftable baseline");
    expect(existsSync(join(dir, "nope.json"))).toBe(false);
  });
});
