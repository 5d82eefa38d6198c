// Outputs against inputs, in check, convert and audit: never over an input, never two outputs in one
// file, and a report left in a scanned folder is not read back as a table.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SEED } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

function folder(): string {
  const dir = tempDir("perftable-targets-");
  writeFileSync(join(dir, "a.txt"), SEED);
  return dir;
}

describe("an output that is an input", () => {
  it.each([
    ["check -o", ["check", "a.txt", "-o", "a.txt"], "-o a.txt"],
    ["check --report", ["check", "a.txt", "--report", "json=./a.txt"], "--report json=./a.txt"],
    ["check --write-baseline", ["check", "a.txt", "--write-baseline", "a.txt"], "--write-baseline=a.txt"],
    ["convert -o", ["convert", "a.txt", "-o", "a.txt"], "-o a.txt"],
    ["audit -o", ["audit", "a.txt", "-o", "a.txt", "--no-progress"], "-o a.txt"],
  ])("%s: exit 2, the input untouched", async (_name, args, flag) => {
    const dir = folder();
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag} would overwrite the input a.txt`);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(SEED);
  });

  it("also through another name of the same file (a hard link), in Chinese too", async () => {
    const dir = folder();
    linkSync(join(dir, "a.txt"), join(dir, "same.txt"));
    const r = await runCli(["check", "a.txt", "-o", "same.txt", "--lang", "zh"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("-o same.txt 会覆盖输入文件 a.txt");
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(SEED);
  });
});

describe("an output that is the file standard input reads (`- -o a.txt < a.txt`)", () => {
  const built = existsSync(join(ROOT, "dist/cli.cjs"));
  it.skipIf(!built).each([
    ["convert", ["convert", "-", "-o", "a.txt"]],
    ["convert --to csv, another spelling", ["convert", "-", "--to", "csv", "-o", "./a.txt"]],
    ["check", ["check", "-", "-f", "json", "-o", "a.txt"]],
  ])("%s: exit 2, the input untouched (it was replaced by the output)", (_name, args) => {
    const dir = folder();
    const stdin = openSync(join(dir, "a.txt"), "r");
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), ...args, "--lang", "en"], { cwd: dir, stdio: [stdin, "pipe", "pipe"], encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`would overwrite the input - (the file standard input reads)`);
    } finally {
      closeSync(stdin);
    }
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(SEED);
  });

  it.skipIf(!built)("another file on standard input is converted as before", () => {
    const dir = folder();
    const stdin = openSync(join(dir, "a.txt"), "r");
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), "convert", "-", "-o", "b.json"], { cwd: dir, stdio: [stdin, "pipe", "pipe"], encoding: "utf8" });
      expect(r.status).toBe(0);
    } finally {
      closeSync(stdin);
    }
    expect(JSON.parse(readFileSync(join(dir, "b.json"), "utf8")).units).toHaveLength(2);
  });
});

describe("an output that is the configuration or the baseline read by the run", () => {
  const CONFIG = '{\n  "rules": { "indicator/qualitative": "off" },\n  "maxWarnings": 20\n}\n';
  function withSettings(): { dir: string; baseline: string } {
    const dir = folder();
    writeFileSync(join(dir, "perftable.config.json"), CONFIG);
    const baseline = '{\n  "version": 1,\n  "entries": []\n}\n';
    writeFileSync(join(dir, "perftable.baseline.json"), baseline);
    return { dir, baseline };
  }

  it.each([
    ["check -o over the configuration found", ["check", "a.txt", "-f", "json", "-o", "perftable.config.json"], "-o perftable.config.json would overwrite the configuration"],
    ["check --report over --config", ["check", "a.txt", "--config", "perftable.config.json", "--report", "sarif=./perftable.config.json"], "--report sarif=./perftable.config.json would overwrite the configuration"],
    ["check --write-baseline over the configuration", ["check", "a.txt", "--write-baseline", "perftable.config.json"], "--write-baseline=perftable.config.json would overwrite the configuration"],
    ["check -o over --baseline", ["check", "a.txt", "--baseline", "perftable.baseline.json", "-f", "json", "-o", "perftable.baseline.json"], "-o perftable.baseline.json would overwrite the baseline perftable.baseline.json"],
    ["audit -o over the configuration found", ["audit", "a.txt", "-f", "json", "-o", "perftable.config.json", "--no-progress"], "-o perftable.config.json would overwrite the configuration"],
  ])("%s: exit 2, both files untouched", async (_name, args, message) => {
    const { dir, baseline } = withSettings();
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
    expect(readFileSync(join(dir, "perftable.config.json"), "utf8")).toBe(CONFIG);
    expect(readFileSync(join(dir, "perftable.baseline.json"), "utf8")).toBe(baseline);
  });

  it("in Chinese too", async () => {
    const { dir } = withSettings();
    const r = await runCli(["check", "a.txt", "--baseline", "perftable.baseline.json", "-o", "perftable.baseline.json"], { cwd: dir, env: { LANG: "zh_CN.UTF-8" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("perftable: -o perftable.baseline.json 会覆盖基线文件 perftable.baseline.json；请把输出写到别处\n");
  });

  it("--write-baseline over the --baseline it applies is allowed: the accepted findings are brought up to date", async () => {
    const { dir } = withSettings();
    const r = await runCli(["check", "a.txt", "--no-config", "--baseline", "perftable.baseline.json", "--write-baseline", "perftable.baseline.json", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "perftable.baseline.json"), "utf8")).entries.length).toBeGreaterThan(0);
  });
});

describe("two outputs in one file", () => {
  it.each([
    ["-o and --report", ["check", "a.txt", "-f", "json", "-o", "r.json", "--report", "sarif=./r.json"]],
    ["two --report", ["check", "a.txt", "--report", "json=r.json", "--report", "sarif=r.json"]],
    ["audit", ["audit", "a.txt", "-f", "json", "-o", "r.json", "--report", "csv=r.json", "--no-progress"]],
  ])("%s: exit 2, nothing written", async (_name, args) => {
    const dir = folder();
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/write to the same file: one of them would be lost/);
    expect(() => readFileSync(join(dir, "r.json"))).toThrow();
  });

  it("standard output and /dev/null may be given more than once", async () => {
    const dir = folder();
    const r = await runCli(["check", "a.txt", "-f", "json", "-o", "/dev/null", "--report", "sarif=/dev/null", "--report", "summary=-"], { cwd: dir });
    expect(r.code).toBe(0);
  });
});

describe("a report inside a scanned folder", () => {
  it("is not read back as a table on the next run (check and audit)", async () => {
    const dir = folder();
    for (const sub of ["c", "a"]) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, "t.txt"), SEED);
    }
    for (let run = 0; run < 2; run++) {
      const check = await runCli(["check", "c", "-f", "json", "-o", "c/report.json"], { cwd: dir });
      expect(check.code).toBe(0);
      const audit = await runCli(["audit", "a", "-f", "csv", "-o", "a/audit.csv", "--no-progress"], { cwd: dir });
      expect(audit.code).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(dir, "c", "report.json"), "utf8")).files.map((f: { path: string }) => f.path)).toEqual(["c/t.txt"]);
    const csv = readFileSync(join(dir, "a", "audit.csv"), "utf8").trimEnd().split("\r\n");
    expect(csv).toHaveLength(2); // the header and a/t.txt, not audit.csv
    expect(csv[1]).toMatch(/^a\/t\.txt,pass,/);
  });

  it("a file given twice under two spellings is checked once", async () => {
    const dir = folder();
    mkdirSync(join(dir, "s"));
    writeFileSync(join(dir, "s", "t.txt"), SEED);
    const r = await runCli(["check", "./s/t.txt", "s", "-f", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout).files).toHaveLength(1);
  });
});

describe("nothing to check", () => {
  it("says so and prints no report of success", async () => {
    const dir = folder();
    mkdirSync(join(dir, "empty"));
    const r = await runCli(["check", "empty"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("no file found for empty");
  });
});

describe("counts on the command line", () => {
  it.each([
    [["check", "a.txt", "--jobs", "0"], "--jobs must be at least 1, not 0"],
    [["convert", "a.txt", "--jobs", "-1"], "--jobs must be at least 1, not -1"],
    [["audit", "a.txt", "--jobs", "0", "--no-progress"], "--jobs must be at least 1, not 0"],
    [["check", "a.txt", "--max-warnings", "-2"], "--max-warnings must be at least -1, not -2"],
    [["check", "a.txt", "--jobs", "two"], '--jobs takes a whole number, not "two"'],
  ])("%j: exit 2", async (args, message) => {
    const r = await runCli(args, { cwd: folder() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });
  it("--max-warnings -1 is no limit", async () => {
    expect((await runCli(["check", "a.txt", "--max-warnings", "-1"], { cwd: folder() })).code).toBe(0);
  });
  it("more warnings than --max-warnings: exit 1, said with the same perftable: prefix as every message", async () => {
    const en = await runCli(["check", "a.txt", "--max-warnings", "7", "-f", "summary"], { cwd: folder() });
    expect(en.code).toBe(1);
    expect(en.stderr).toBe("perftable: 8 warnings, more than --max-warnings 7\n");
    const zh = await runCli(["check", "a.txt", "--max-warnings", "7", "-f", "summary", "--lang", "zh"], { cwd: folder() });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe("perftable: 警告 8 条，超过 --max-warnings 7\n");
  });
});

describe("a baseline names files relative to itself", () => {
  it("accepts the same findings whatever folder or spelling the check runs with", async () => {
    const dir = folder();
    mkdirSync(join(dir, "x"));
    writeFileSync(join(dir, "x", "seed.txt"), SEED);
    const written = await runCli(["check", "seed.txt", "--write-baseline", "bl.json"], { cwd: join(dir, "x") });
    expect(written.code).toBe(0);
    const entries = JSON.parse(readFileSync(join(dir, "x", "bl.json"), "utf8")).entries as { file: string }[];
    expect(new Set(entries.map((e) => e.file))).toEqual(new Set(["seed.txt"]));
    for (const [cwd, file, baseline] of [
      [join(dir, "x"), "./seed.txt", "bl.json"],
      [join(dir, "x"), join(dir, "x", "seed.txt"), "bl.json"],
      [dir, "x/seed.txt", "x/bl.json"],
    ]) {
      const r = await runCli(["check", file!, "--baseline", baseline!, "-f", "json"], { cwd });
      expect(JSON.parse(r.stdout).files[0].diagnostics, `${cwd} ${file}`).toEqual([]);
    }
  });

  it("a baseline written with the paths as given (before) still applies", async () => {
    const dir = folder();
    mkdirSync(join(dir, "x"));
    writeFileSync(join(dir, "x", "seed.txt"), SEED);
    await runCli(["check", "x/seed.txt", "--write-baseline", "x/bl.json"], { cwd: dir });
    const path = join(dir, "x", "bl.json");
    const baseline = JSON.parse(readFileSync(path, "utf8"));
    for (const e of baseline.entries) e.file = "x/seed.txt"; // the old form, from the parent folder
    writeFileSync(path, JSON.stringify(baseline));
    const r = await runCli(["check", "x/seed.txt", "--baseline", "x/bl.json", "-f", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout).files[0].diagnostics).toEqual([]);
  });
});

describe("configuration and option errors in the run's language", () => {
  it.each([
    ["a bad lang in the configuration", '{"lang": "fr"}', ["check", "a.txt"], "perftable.config.json：“lang”只能是“zh”或“en”"],
    ["an unknown rule", '{"rules": {"nope/x": "error"}}', ["check", "a.txt"], "rules[\"nope/x\"]：未知的规则编号"],
    ["an option of the wrong type (it said 类型必须是 number)", '{"rules": {"indicator/satisfaction-threshold": ["warning", {"floor": "85"}]}}', ["check", "a.txt"], "rules[\"indicator/satisfaction-threshold\"][1].floor：必须是数字\n"],
  ])("%s (zh from LANG)", async (_name, config, args, message) => {
    const dir = folder();
    writeFileSync(join(dir, "perftable.config.json"), config);
    const r = await runCli(args, { cwd: dir, env: { LANG: "zh_CN.UTF-8" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("bad JSON, in Chinese", async () => {
    const dir = folder();
    writeFileSync(join(dir, "perftable.config.json"), '{\n  "lang": "zh",\n  "rules": }\n');
    const r = await runCli(["check", "a.txt", "--lang", "zh"], { cwd: dir });
    expect(r.code).toBe(2);
    // File, line and column, and no English: V8's message was quoted as it was.
    expect(r.stderr).toBe(`perftable: ${join(dir, "perftable.config.json")}:3:12：配置文件不是有效的 JSON：此处应为一个值，而不是“}”\n`);
  });

  it("--report, --rule, a missing baseline, rules and init in Chinese with --lang zh", async () => {
    const dir = folder();
    const zh = async (args: string[]) => (await runCli([...args, "--lang", "zh"], { cwd: dir })).stderr;
    expect(await zh(["check", "a.txt", "--report", "xml=a.xml"])).toContain("未知的格式“xml”");
    expect(await zh(["check", "a.txt", "--rule", "nope/x=error"])).toContain("未知的规则编号“nope/x”");
    expect(await zh(["check", "a.txt", "--baseline", "none.json"])).toContain("无法读取基线文件");
    expect(await zh(["rules", "nope/x"])).toContain("未知的规则编号“nope/x”");
    expect((await runCli(["init", "--lang", "zh"], { cwd: dir })).stdout).toContain("已写入");
    expect(await zh(["init"])).toContain("已存在（用 --force 覆盖）");
  });
});

describe("links, and outputs that are tables (found in review)", () => {
  it("an output that is a symbolic link is written through it, and the link stays a link", async () => {
    const dir = folder();
    symlinkSync("real.json", join(dir, "link.json"));
    writeFileSync(join(dir, "real.json"), "old");
    const r = await runCli(["check", "a.txt", "-f", "json", "-o", "link.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "real.json"), "utf8")).files).toHaveLength(1);
  });

  it("an output that is a table found in a scanned folder or by a glob: exit 2, the table kept", async () => {
    const dir = folder();
    mkdirSync(join(dir, "two"));
    writeFileSync(join(dir, "two", "a.txt"), SEED);
    writeFileSync(join(dir, "two", "b.txt"), SEED);
    for (const args of [["check", "two", "-o", "two/b.txt"], ["check", "two/*.txt", "-o", "two/b.txt"], ["audit", "two", "-f", "csv", "-o", "two/b.txt", "--no-progress"]]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("would overwrite the input two/b.txt");
      expect(readFileSync(join(dir, "two", "b.txt"), "utf8")).toBe(SEED);
    }
  });

  it("an output that is a table of over 256 KB whose first 256 KB end inside a character: exit 2, the table kept", async () => {
    // The check of whether the output holds a table reads the first 256 KB; cut inside a Chinese
    // character they were not UTF-8, read as GB18030, found no table, and the table was overwritten.
    const dir = folder();
    mkdirSync(join(dir, "two"));
    const lines = SEED.split("\n");
    const rows = lines.filter((l) => l.includes("\t") && !l.startsWith("合计") && !l.startsWith("项目名称"));
    let big = SEED.endsWith("\n") ? SEED : `${SEED}\n`;
    while (Buffer.byteLength(big) < 300 * 1024) big += `${rows.join("\n")}\n`;
    // Move the 256 KB boundary into a three-byte character.
    for (let pad = 0; !isInsideCharacter(Buffer.from(big), 256 * 1024); pad++) big = `x${big}`;
    writeFileSync(join(dir, "two", "a.txt"), SEED);
    writeFileSync(join(dir, "two", "big.txt"), big);
    const r = await runCli(["check", "two", "-f", "json", "-o", "two/big.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("would overwrite the input two/big.txt");
    expect(readFileSync(join(dir, "two", "big.txt"), "utf8")).toBe(big);
  });

  it("two outputs through a linked folder clash on the first run too", async () => {
    const dir = folder();
    mkdirSync(join(dir, "out"));
    symlinkSync("out", join(dir, "outlink"));
    const r = await runCli(["check", "a.txt", "-f", "json", "-o", "out/r.json", "--report", "sarif=outlink/r.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("write to the same file");
  });

  it("one file reached through a linked folder is checked once", async () => {
    const dir = folder();
    mkdirSync(join(dir, "s"));
    writeFileSync(join(dir, "s", "t.txt"), SEED);
    symlinkSync("s", join(dir, "sl"));
    const r = await runCli(["check", "s", "sl", "-f", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout).files).toHaveLength(1);
  });

  it("a baseline applies from a folder reached through a link, and to a linked copy of the tables", async () => {
    const dir = folder();
    mkdirSync(join(dir, "s"));
    mkdirSync(join(dir, "bl"));
    writeFileSync(join(dir, "s", "t.txt"), SEED);
    await runCli(["check", "s", "--write-baseline", "bl/base.json"], { cwd: dir });
    const via = join(tempDir("perftable-link-"), "L");
    symlinkSync(dir, via);
    for (const [cwd, args] of [
      [via, ["check", join(via, "s"), "--baseline", "bl/base.json"]],
      [via, ["check", "s", "--baseline", join(dir, "bl", "base.json")]],
    ] as const) {
      const r = await runCli([...args, "-f", "json"], { cwd });
      expect(JSON.parse(r.stdout).files[0].diagnostics, args.join(" ")).toEqual([]);
    }
  });

  it("a baseline reached through a link in another folder keys files relative to the real file", async () => {
    const dir = folder();
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "a.txt"), SEED);
    await runCli(["check", "real", "--write-baseline", "real/base.json"], { cwd: dir });
    symlinkSync("real/base.json", join(dir, "bl.json"));
    const r = await runCli(["check", "real", "--baseline", "bl.json", "-f", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout).files[0].diagnostics).toEqual([]);
  });

  it("--write-baseline - is refused (it is not standard output)", async () => {
    const r = await runCli(["check", "a.txt", "--write-baseline", "-"], { cwd: folder() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--write-baseline needs a file name (not -)");
  });

  it("control characters of a file name in an error are shown, not sent", async () => {
    const dir = folder();
    const name = "a\u001b]0;PWNED\u0007.txt";
    writeFileSync(join(dir, name), SEED);
    const r = await runCli(["check", name, "-o", name], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a\\u001b]0;PWNED\\u0007.txt");
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});

describe("commander's own errors in Chinese", () => {
  it.each([
    [["check", "--foo", "--lang", "zh"], ["错误：未知选项 '--foo'", "（用 --help 查看用法）"]],
    [["chek"], ["错误：未知命令 'chek'"]],
    [["check", "a.txt", "-f", "xml", "--lang=zh"], ["错误：选项 '-f, --format <format>' 的值 'xml' 无效，可选：pretty"]],
    [["check", "a.txt", "--jobs", "0", "--lang", "zh"], ["--jobs 至少为 1，而不是 0"]],
    [["convert", "a", "b", "--lang", "zh"], ["错误：'convert' 的参数过多：应为 1 个，实际 2 个"]],
  ])("%j", async (args, expected) => {
    const r = await runCli(args, { cwd: folder(), env: args.includes("chek") ? { LANG: "zh_CN.UTF-8" } : { LANG: "en_US.UTF-8" } });
    expect(r.code).toBe(2);
    for (const text of expected) expect(r.stderr).toContain(text);
  });
  it("and in English otherwise", async () => {
    expect((await runCli(["check", "--foo"], { cwd: folder() })).stderr).toContain("error: unknown option '--foo'");
  });
});

/** Whether byte `at` of `bytes` is a UTF-8 continuation byte (the bytes before it end inside a character). */
function isInsideCharacter(bytes: Buffer, at: number): boolean {
  return (bytes[at]! & 0xc0) === 0x80;
}
