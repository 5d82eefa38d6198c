// A line break inside a name (a spreadsheet cell's Alt+Enter, quoted in its text export): the reports
// people read (pretty, summary, audit table and html) show it as ⏎, the text kept on one line; the
// data formats (JSON, NDJSON, CSV, SARIF) keep it exactly. Other control characters stay `\uXXXX`
// escapes, a lone carriage return too (it would send a terminal back to the line's start).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { displayText, LINE_BREAK_MARK, sanitizeText } from "../../src/reporters/sanitize.js";
import { runCli } from "../helpers/cli.js";
import { editSeed } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const ENV = { LANG: "en_US.UTF-8", NO_COLOR: "1" };

/**
 * The seed after two cells were typed over two lines in a spreadsheet and exported as text (quoted):
 * the 部门名称 and the name of 金融项目评审专项经费 (which has no satisfaction indicator: a finding names it).
 */
const TABLE = editSeed("\n金融项目评审专项经费\t", '\n"金融项目评审\n专项经费"\t', editSeed("部门名称：广州开发区金融工作局（部门）", '"部门名称：广州开发区金融工作局\n（部门）"'));
const PROJECT = "金融项目评审⏎专项经费";
const DEPARTMENT = "广州开发区金融工作局⏎（部门）";

describe("displayText", () => {
  it("shows LF and CRLF as one ⏎ each, and escapes the rest as sanitizeText does", () => {
    expect(LINE_BREAK_MARK).toBe("⏎");
    expect(displayText("金融项目评审\n专项经费")).toBe(PROJECT);
    expect(displayText("金融项目\r\n评审\n\n专项经费")).toBe("金融项目⏎评审⏎⏎专项经费");
    expect(displayText("项目\u001b[2J\r名称\u202e")).toBe(sanitizeText("项目\u001b[2J\r名称\u202e"));
    expect(displayText("项目\u001b[2J\r名称\u202e")).toBe("项目\\u001b[2J\\u000d名称\\u202e");
    expect(displayText("金融\t项目")).toBe("金融 项目");
  });
});

describe("a name with a line break in the reports people read", () => {
  const dir = tempDir("perftable-line-breaks-");
  writeFileSync(join(dir, "table.txt"), TABLE);

  it("check -f pretty: the finding's message names the project with ⏎, on one line", async () => {
    const r = await runCli(["check", "table.txt", "-f", "pretty"], { cwd: dir, env: ENV });
    const line = r.stdout.split("\n").find((l) => l.includes("project/missing-satisfaction"));
    expect(line).toBe(`table.txt:15:2  warning  project “${PROJECT}” has no satisfaction indicator (满意度指标)  project/missing-satisfaction`);
    expect(r.stdout).not.toContain("\\u000a");
  });

  it("check -f summary: the department with ⏎", async () => {
    const r = await runCli(["check", "table.txt", "-f", "summary"], { cwd: dir, env: ENV });
    expect(r.stdout).toContain(`│ ${DEPARTMENT} │`);
    expect(r.stdout).not.toContain("\\u000a");
  });

  it("audit -f table: the department with ⏎, in the files and by department", async () => {
    const r = await runCli(["audit", "table.txt", "-f", "table", "--no-progress"], { cwd: dir, env: ENV });
    expect(r.stdout.split(DEPARTMENT)).toHaveLength(3);
    expect(r.stdout).not.toContain("\\u000a");
  });

  it("audit -f html: the department, the message and the project with ⏎", async () => {
    expect((await runCli(["audit", "table.txt", "-f", "html", "--no-progress", "-o", "audit.html"], { cwd: dir, env: ENV })).code).toBe(0);
    const html = readFileSync(join(dir, "audit.html"), "utf8");
    expect(html).toContain(`"departments":["${DEPARTMENT}"]`);
    expect(html).toContain(`"project “${PROJECT}” has no satisfaction indicator (满意度指标)","${PROJECT}"`);
    expect(html).toContain(`>${DEPARTMENT}</text>`);
    expect(html).not.toContain("u000a");
  });

  it("check -f github and -f junit: the message names the project with ⏎ (one annotation a line)", async () => {
    const github = (await runCli(["check", "table.txt", "-f", "github"], { cwd: dir, env: ENV })).stdout;
    expect(github).toContain(`::project “${PROJECT}” has no satisfaction indicator (满意度指标)`);
    expect(github).not.toContain("u000a");
    const junit = (await runCli(["check", "table.txt", "-f", "junit"], { cwd: dir, env: ENV })).stdout;
    expect(junit).toContain(`project “${PROJECT}” has no satisfaction indicator (满意度指标)`);
    expect(junit).not.toContain("u000a");
  });

  it("the data formats keep the line break exactly", async () => {
    const json = JSON.parse((await runCli(["check", "table.txt", "-f", "json"], { cwd: dir, env: ENV })).stdout);
    expect(JSON.stringify(json)).toContain('“金融项目评审\\n专项经费”');
    expect(JSON.stringify(json)).not.toContain("⏎");
    const sarif = (await runCli(["check", "table.txt", "-f", "sarif"], { cwd: dir, env: ENV })).stdout;
    expect(sarif).toContain("金融项目评审\\n专项经费");
    expect(sarif).not.toContain("⏎");
    const ndjson = (await runCli(["audit", "table.txt", "-f", "ndjson", "--no-progress"], { cwd: dir, env: ENV })).stdout;
    expect(ndjson).toContain("广州开发区金融工作局\\n（部门）");
    expect(ndjson).not.toContain("⏎");
    const csv = (await runCli(["convert", "table.txt", "--to", "csv"], { cwd: dir, env: ENV })).stdout;
    expect(csv).toContain('"金融项目评审\n专项经费"');
    expect(csv).not.toContain("⏎");
  });
});
