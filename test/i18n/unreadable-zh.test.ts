// `--lang zh`: why an input cannot be read is said in Chinese, also where the reason comes from a
// decoder or a file-format library (no English wording of perftable's own in the message).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

const ZH = { LANG: "zh_CN.UTF-8" };

describe("input/unreadable in Chinese", () => {
  it("a text with NUL bytes", async () => {
    const r = await runCli(["convert", "-"], { stdin: Buffer.from("abc\u0000\u0001def"), env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("文件是二进制数据（含 NUL 字节），不是文本表格");
    expect(r.stderr).not.toContain("bytes");
  });

  it("a file named .xlsx that is no workbook", async () => {
    const dir = tempDir("perftable-zh-");
    writeFileSync(join(dir, "t.xlsx"), Buffer.from("not a zip at all, just text"));
    const r = await runCli(["convert", "t.xlsx"], { cwd: dir, env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("无法读取文件：不是可读取的 .xlsx 文件：");
    expect(r.stderr).not.toContain("not a readable");
  });

  it("a CSV with an unclosed quote", async () => {
    const dir = tempDir("perftable-zh-");
    writeFileSync(join(dir, "t.csv"), '项目名称,总计,绩效目标,绩效指标\n"abc,1,2\n');
    const r = await runCli(["convert", "t.csv"], { cwd: dir, env: ZH });
    expect(r.stderr).toContain("无法读取文件：CSV 第 2 行：引号未闭合");
    expect(r.stderr).not.toContain("at line");
  });

  it("an unknown sheet", async () => {
    const dir = tempDir("perftable-zh-");
    const excel = (await import("exceljs")).default;
    const wb = new excel.Workbook();
    wb.addWorksheet("说明");
    await wb.xlsx.writeFile(join(dir, "t.xlsx"));
    const r = await runCli(["convert", "t.xlsx", "--sheet", "2025"], { cwd: dir, env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("无法读取文件：没有名为“2025”的工作表（现有工作表：说明）");
  });

  it("English stays as it was", async () => {
    const r = await runCli(["convert", "-"], { stdin: Buffer.from("abc\u0000\u0001def") });
    expect(r.stderr).toContain("the file is binary data (NUL bytes), not a text table");
  });
});
