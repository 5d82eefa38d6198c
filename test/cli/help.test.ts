// Help text: every command has its examples and exit codes, in English, and in Chinese under
// --lang zh or a Chinese locale (commander's titles, option notes and its own help lines too).
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const COMMANDS = ["check", "convert", "audit", "rules", "init"];

describe("help", () => {
  it.each(COMMANDS)("%s --help: usage, options, examples and exit codes in English", async (command) => {
    const r = await runCli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: perftable /);
    expect(r.stdout).toContain("Options:");
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes:");
    expect(r.stdout).toContain("display help for command");
    expect(r.stdout).not.toMatch(/[用选示退]/u);
  });

  it.each(COMMANDS)("%s --help --lang zh: the same in Chinese", async (command) => {
    const r = await runCli([command, "--help", "--lang", "zh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： perftable /);
    expect(r.stdout).toContain("选项：");
    expect(r.stdout).toContain("示例：");
    expect(r.stdout).toContain("退出码：");
    expect(r.stdout).toContain("显示帮助");
    // No English prose left: only flags, placeholders, choices and example command lines.
    expect(r.stdout).not.toMatch(/Usage:|Options:|Examples:|Exit codes:|choices:|default:|display help/);
    // Full-width punctuation in Chinese text, and one pair of brackets per note (was `（可重复）（默认：[]）`).
    expect(r.stdout).not.toMatch(/\p{Script=Han}[,:;()]\s*\p{Script=Han}|\p{Script=Han}\s*[,:;()]\p{Script=Han}/u);
    expect(r.stdout).not.toContain("）（");
  });

  it("follows a Chinese locale, and --lang en overrides it", async () => {
    const zh = await runCli(["check", "--help"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(zh.stdout).toContain("报告格式（可选：\"pretty\"、\"json\"、\"sarif\"、\"github\"、\"junit\"、\"summary\"；默认：\"pretty\"）");
    const en = await runCli(["check", "--help", "--lang", "en"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(en.stdout).toMatch(/report format \(choices: "pretty", "json",\s+"sarif"/);
  });

  it("perftable --help lists the commands in the chosen language", async () => {
    const zh = await runCli(["--help", "--lang", "zh"]);
    expect(zh.stdout).toContain("命令：");
    expect(zh.stdout).toMatch(/check \[options\] <inputs\.\.\.> +按规则检查绩效目标表/);
    expect(zh.stdout).toMatch(/help \[command\] +显示某个命令的帮助/);
    // The program's description in Chinese only (the English sentence was shown in Chinese help too).
    expect(zh.stdout).toContain("解析、转换和检查项目支出绩效目标表。");
    expect(zh.stdout).not.toContain("Parse, convert and check");
    const en = await runCli(["--help"]);
    expect(en.stdout).toMatch(/check \[options\] <inputs\.\.\.> +check tables against the rules/);
  });

  it("takes --lang before the command too (perftable --lang zh check …), as the command's own", async () => {
    const SEED = "fixtures/seed-guangzhou-finance-bureau.txt";
    const zh = await runCli(["--lang", "zh", "check", SEED, "-f", "summary"], { env: { LANG: "en_US.UTF-8" } });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^按规则/);
    const en = await runCli(["--lang=en", "check", SEED, "-f", "summary"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(en.stdout).toMatch(/^By rule/);
    // A bad value is the command's usage error; before --help it chooses the help's language.
    expect((await runCli(["--lang", "fr", "check", SEED])).code).toBe(2);
    const help = await runCli(["--lang", "zh", "--help"], { env: { LANG: "en_US.UTF-8" } });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法： perftable /);
  });
});

describe("no command, or help for an unknown one", () => {
  it("perftable alone prints the help to standard error and is a usage error (exit 2): an empty $CMD in CI never passes", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: perftable /);
  });

  it("perftable help chek: the unknown command with a suggestion, exit 2 (it printed the general help, exit 0)", async () => {
    const r = await runCli(["help", "chek"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown command 'chek'\n(Did you mean check?)");
    const zh = await runCli(["help", "chek"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(zh.stderr).toContain("错误：未知命令 'chek'\n（是否想输入 check？）");
    const ok = await runCli(["help", "check"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Usage: perftable check /);
  });
});

describe("rules <id> in Chinese", () => {
  it("labels and examples without English (the failing example of input/unreadable was an English sentence; options: was English)", async () => {
    for (const id of ["input/unreadable", "input/replaced-bytes", "project/few-indicators"]) {
      const r = await runCli(["rules", id, "--lang", "zh"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^默认级别：(error|warning|info)$/m);
      expect(r.stdout).toMatch(/^不通过的例子：$/m);
      expect(r.stdout, id).not.toMatch(/[A-Za-z]{2,}[ ,:]+[A-Za-z]{2,}/);
    }
    expect((await runCli(["rules", "project/few-indicators", "--lang", "zh"])).stdout).toContain('\n选项：{"min":3}\n');
    expect((await runCli(["rules", "project/few-indicators", "--lang", "en"])).stdout).toContain('\noptions: {"min":3}\n');
  });

  it.each(["check", "audit", "convert"])("%s \"\": an empty input is a usage error, never the current folder", async (command) => {
    // (`perftable check "$FILE"` with FILE unset read every table under the current folder.)
    const r = await runCli([command, ""]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("an empty name: give a file, a folder, a glob or -");
    const zh = await runCli([command, "", "--lang", "zh"]);
    expect(zh.stderr).toContain("名称为空：请给出文件、文件夹、通配符或 -");
  });
});
