// `check` writes its reports file by file, keeping only each file's counts (and what sarif, github
// and junit must hold to the end). Every output must be byte for byte what the library's reporters
// give over the whole run; a second report to standard output is held and follows the first; and
// baselines, --quiet, several outputs and bad files work as before.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { expandInputs } from "../../src/io/inputs.js";
import { formatGithub } from "../../src/reporters/github.js";
import { formatJson } from "../../src/reporters/json.js";
import { formatJunit } from "../../src/reporters/junit.js";
import { formatPretty } from "../../src/reporters/pretty.js";
import { formatSarif } from "../../src/reporters/sarif.js";
import { formatSummary } from "../../src/reporters/summary.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("perftable-streamed-");
const inputs = [`${ROOT}fixtures/audit`, `${ROOT}fixtures/rules/amount`, `${ROOT}fixtures/seed-guangzhou-finance-bureau.txt`, join(dir, "missing.txt")];

/**
 * Run check as given, and with the same report asked for a second time on standard output (held,
 * then written after the first).
 */
async function both(args: string[], env: NodeJS.ProcessEnv = { LANG: "en_US.UTF-8" }) {
  const format = args.includes("-f") ? args[args.indexOf("-f") + 1]! : "pretty";
  const streamed = await runCli(["check", ...inputs, ...args], { env });
  const twice = await runCli(["check", ...inputs, ...args, "--report", `${format}=-`], { env });
  return { streamed, twice };
}

const FORMATS = { pretty: formatPretty, json: formatJson, summary: formatSummary, sarif: formatSarif, github: formatGithub, junit: formatJunit };

/** The report of the whole run made by the library's reporter of `format`, as the reference. */
async function wholeRun(format: keyof typeof FORMATS): Promise<string> {
  const reports = [];
  for (const file of expandInputs(inputs, process.cwd()).files) reports.push(await checkFile(file, { path: file, keepSource: format === "pretty" }));
  return FORMATS[format](reports, { lang: "en", color: false, cwd: process.cwd() });
}

describe("check written file by file", () => {
  it.each(Object.keys(FORMATS) as (keyof typeof FORMATS)[])("%s: byte for byte the library's report of the whole run", async (format) => {
    const r = await runCli(["check", ...inputs, "-f", format]);
    expect(r.stdout.length).toBeGreaterThan(200);
    expect(r.stdout).toBe(await wholeRun(format));
    expect(r.code).toBe(2); // the missing file
  });

  it.each([
    ["pretty", ["-f", "pretty"]],
    ["json", ["-f", "json"]],
    ["summary", ["-f", "summary"]],
    ["sarif", ["-f", "sarif"]],
    ["github", ["-f", "github"]],
    ["junit", ["-f", "junit"]],
    ["sarif capped", ["-f", "sarif", "--rule", "indicator/qualitative=error"]],
    ["zh pretty, errors only", ["--lang", "zh", "--quiet"]],
  ])("%s: a second report to standard output is the same, after the first", async (_name, args) => {
    const { streamed, twice } = await both(args);
    expect(streamed.stdout.length).toBeGreaterThan(200);
    expect(twice.stdout).toBe(streamed.stdout.repeat(2));
    expect(streamed.stderr).toBe(twice.stderr);
    expect(streamed.code).toBe(twice.code);
    expect(streamed.code).toBe(2); // the missing file
  });

  it("writes several outputs at once, each as the whole run does", async () => {
    const outs = (tag: string) => ["-f", "summary", "--report", `json=${join(dir, `${tag}.json`)}`, "--report", `pretty=${join(dir, `${tag}.txt`)}`];
    const streamed = await runCli(["check", ...inputs, ...outs("a")]);
    const whole = await runCli(["check", ...inputs, ...outs("b"), "--report", "summary=-"]);
    expect(whole.stdout).toBe(streamed.stdout.repeat(2));
    expect(readFileSync(join(dir, "a.json"), "utf8")).toBe(readFileSync(join(dir, "b.json"), "utf8"));
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(readFileSync(join(dir, "b.txt"), "utf8"));
    expect(JSON.parse(readFileSync(join(dir, "a.json"), "utf8")).files.length).toBeGreaterThan(5);
  });

  it("writes the same GitHub job summary", async () => {
    const env = (tag: string) => ({ LANG: "en_US.UTF-8", GITHUB_STEP_SUMMARY: join(dir, `${tag}.md`) });
    const streamed = await runCli(["check", ...inputs, "-f", "github"], { env: env("a") });
    const whole = await runCli(["check", ...inputs, "-f", "github", "--report", "github=-"], { env: env("b") });
    expect(whole.stdout).toBe(streamed.stdout.repeat(2));
    const summary = readFileSync(join(dir, "a.md"), "utf8");
    expect(summary).toContain("### Top rules");
    expect(summary).toBe(readFileSync(join(dir, "b.md"), "utf8"));
  });

  it("applies a baseline file by file, using up each entry across the run", async () => {
    const baseline = join(dir, "baseline.json");
    await runCli(["check", ...inputs.slice(0, 2), "--write-baseline", baseline, "-f", "summary"]);
    // Accept all but one of each entry, so something is left to report.
    const b = JSON.parse(readFileSync(baseline, "utf8")) as { entries: { count: number }[] };
    for (const e of b.entries) e.count = Math.max(0, e.count - 1);
    writeFileSync(baseline, JSON.stringify(b));
    const { streamed, twice } = await both(["-f", "json", "--baseline", baseline]);
    expect(twice.stdout).toBe(streamed.stdout.repeat(2));
    const all = await runCli(["check", ...inputs, "-f", "json"]);
    const count = (text: string) => (JSON.parse(text) as { files: { diagnostics: unknown[] }[] }).files.reduce((n, f) => n + f.diagnostics.length, 0);
    expect(count(streamed.stdout)).toBeLessThan(count(all.stdout));
    expect(count(streamed.stdout)).toBeGreaterThan(0);
  });

  it("writes the same baseline file (from the findings before a given baseline is applied)", async () => {
    const given = join(dir, "given.json");
    await runCli(["check", inputs[1]!, "--write-baseline", given, "-f", "summary"]);
    const args = (out: string) => ["check", ...inputs, "-f", "json", "--baseline", given, "--write-baseline", join(dir, out)];
    const streamed = await runCli(args("s.json"));
    const twice = await runCli([...args("t.json"), "--report", "json=-"]);
    expect(twice.stdout).toBe(streamed.stdout.repeat(2));
    const written = readFileSync(join(dir, "s.json"), "utf8");
    expect(written).toBe(readFileSync(join(dir, "t.json"), "utf8"));
    // every finding of every file, not only those left after the given baseline
    expect(written.length).toBeGreaterThan(readFileSync(given, "utf8").length);
  });

  it("an output that cannot be written: exit 2, one message, no partial file", async () => {
    const r = await runCli(["check", ...inputs.slice(0, 2), "-f", "json", "-o", join(dir, "no-such-folder", "out.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perftable: cannot write ${join(dir, "no-such-folder", "out.json")}: no such folder (ENOENT)\n`);
  });
});
