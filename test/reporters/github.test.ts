// Tests of the github reporter: workflow-command annotations (format, escaping, order, the
// 10-per-level cap and the closing notice) and the Markdown job summary.
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/i18n/format.js";
import { formatGithub, formatGithubStepSummary } from "../../src/reporters/github.js";
import type { Diagnostic } from "../../src/types.js";
import { CWD, EN, SEED_PATH, ZH, cleanReport, diag, fileReport, hostileReport, seedReport, unreadableReport } from "./fixtures.js";

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

describe("formatGithub", () => {
  it("prints one annotation per finding with file, position and title", () => {
    const seed = seedReport();
    const out = lines(formatGithub([seed], EN));
    const message = formatMessage(seed.diagnostics[5]!, "en").replace(/%/g, "%25");
    expect(out).toContain(
      `::warning file=${SEED_PATH},line=21,col=273,endLine=21,endColumn=276,title=perftable indicator/vacuous-target::${message}`,
    );
    expect(out.at(-1)).toMatch(/^::notice file=fixtures\/seed-guangzhou-finance-bureau\.txt,line=24,col=412,.*title=perftable indicator\/no-unit::/);
    expect(out).toHaveLength(9);
  });

  it("puts the most severe first", () => {
    const out = lines(formatGithub([seedReport(), unreadableReport()], EN));
    expect(out.map((l) => l.slice(0, l.indexOf(" ")))).toEqual(["::error", ...Array(8).fill("::warning"), "::notice"]);
    expect(out[0]).toBe(
      "::error file=missing.txt,line=1,col=1,endLine=1,endColumn=2,title=perftable input/unreadable::file not found: missing.txt",
    );
  });

  it("makes paths relative to cwd with forward slashes (absolute when outside)", () => {
    const out = lines(formatGithub([unreadableReport(`${CWD}/sub/a.txt`), unreadableReport("/other/b.txt")], EN));
    expect(out[0]).toContain("::error file=sub/a.txt,");
    expect(out[1]).toContain("::error file=/other/b.txt,");
  });

  it("makes paths relative to the repository root (GITHUB_WORKSPACE) when a step runs in a subfolder", () => {
    // The runner keeps a relative file= as given and reads it from the repository root.
    const options = { ...EN, cwd: `${CWD}/submissions`, root: CWD };
    const out = lines(formatGithub([unreadableReport("2024/金融局,报表.txt"), unreadableReport("/other/b.txt")], options));
    expect(out[0]).toContain("::error file=submissions/2024/金融局%2C报表.txt,");
    expect(out[1]).toContain("::error file=/other/b.txt,");
  });

  it("escapes properties and data so hostile text cannot start another command", () => {
    const report = hostileReport();
    const out = lines(formatGithub([report], EN));
    expect(out).toHaveLength(1);
    const line = out[0]!;
    expect(line).toMatch(/^::error file=dir\/bad%2Cname%3A100%25\\u001b\[2J/);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f\u200f]/);
    // the only `::` are the command's own two
    expect(line.split("::")).toHaveLength(3);
    const injected = fileReport("x.txt", [
      diag({ ruleId: "input/unreadable", severity: "error", messageId: "ioError", data: { reason: "ok\n::error::pwned\r\n" }, line: 1, column: 1 }),
    ]);
    // A line break in a file name is %0A, which the runner decodes back to the real name.
    expect(lines(formatGithub([unreadableReport("a\nb.txt")], EN))[0]).toMatch(/^::error file=a%0Ab\.txt,/);
    const injectedOut = formatGithub([injected], EN);
    expect(lines(injectedOut)).toHaveLength(1);
    expect(injectedOut).not.toMatch(/\n::error::pwned/);
  });

  it("shows at most 10 annotations per level and counts the rest in a notice", () => {
    const diagnostics: Diagnostic[] = [];
    for (let i = 1; i <= 12; i++) diagnostics.push(diag({ ruleId: "indicator/sequence", messageId: "gap", line: i, column: 1 }));
    for (let i = 1; i <= 15; i++) {
      diagnostics.push(diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 100 + i, column: 2 }));
    }
    for (let i = 1; i <= 3; i++) {
      diagnostics.push(diag({ ruleId: "indicator/no-unit", severity: "info", messageId: "noUnitAnnual", line: 200 + i, column: 3 }));
    }
    const out = lines(formatGithub([fileReport("big.txt", diagnostics)], EN));
    expect(out).toHaveLength(10 + 10 + 3 + 1);
    expect(out.slice(0, 10).every((l) => l.startsWith("::error "))).toBe(true);
    expect(out.slice(10, 20).every((l) => l.startsWith("::warning "))).toBe(true);
    expect(out.slice(20, 23).every((l) => l.startsWith("::notice "))).toBe(true);
    expect(out[0]).toContain("line=101,");
    expect(out[9]).toContain("line=110,");
    expect(out[23]).toBe(
      "::notice::perftable: not shown as annotations: 7 problems (5 errors, 2 warnings, 0 infos) (GitHub shows about 10 of each level); see the job summary or -f pretty for the full list",
    );
    const zh = lines(formatGithub([fileReport("big.txt", diagnostics)], ZH));
    expect(zh.at(-1)).toContain("另有 7 个问题（5 个错误，2 个警告，0 个提示）未显示为注释");
  });

  it("keeps the closing notice within GitHub's 10 notices per step", () => {
    // GitHub drops the 11th notice of a step: the count of what was left out would be lost.
    const notices = (n: number) =>
      Array.from({ length: n }, (_, i) => diag({ ruleId: "indicator/no-unit", severity: "info", messageId: "noUnitAnnual", line: 1 + i, column: 3 }));
    const errors = Array.from({ length: 12 }, (_, i) => diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 100 + i, column: 2 }));
    for (const diagnostics of [notices(12), [...errors, ...notices(10)]]) {
      const out = lines(formatGithub([fileReport("big.txt", diagnostics)], EN));
      expect(out.filter((l) => l.startsWith("::notice")).length).toBe(10);
      expect(out.at(-1)).toMatch(/^::notice::perftable: not shown as annotations: /);
    }
    const onlyInfos = lines(formatGithub([fileReport("big.txt", notices(12))], EN));
    expect(onlyInfos.at(-1)).toContain("3 problems (0 errors, 0 warnings, 3 infos)");
    const mixed = lines(formatGithub([fileReport("big.txt", [...errors, ...notices(10)])], EN));
    expect(mixed.at(-1)).toContain("3 problems (2 errors, 0 warnings, 1 info)");
    // Ten infos and nothing left out: all ten are shown, with no notice.
    expect(lines(formatGithub([fileReport("big.txt", notices(10))], EN)).every((l) => l.startsWith("::notice file="))).toBe(true);
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatGithub([cleanReport()], EN)).toBe("");
  });
});

describe("formatGithub: cells", () => {
  it("names the cell of a finding in a .xlsx or .csv first (GitHub cannot show a workbook's lines)", () => {
    const d = diag({ ruleId: "table/preamble", messageId: "missingTitle", line: 1, column: 1, ref: "绩效目标表!A1" });
    const out = lines(formatGithub([fileReport("t.xlsx", [d])], EN));
    expect(out[0]).toBe(`::warning file=t.xlsx,line=1,col=1,endLine=1,endColumn=2,title=perftable table/preamble::绩效目标表!A1: ${formatMessage(d, "en")}`);
  });
});

describe("formatGithubStepSummary", () => {
  it("gives totals, a counts table per file and the top rules", () => {
    const out = formatGithubStepSummary([seedReport(), unreadableReport(), cleanReport()], EN);
    expect(out).toBe(
      [
        "## perftable",
        "",
        "✖ 10 problems (1 error, 8 warnings, 1 info)",
        "",
        "| File | Errors | Warnings | Infos |",
        "| --- | ---: | ---: | ---: |",
        "| fixtures/seed-guangzhou-finance-bureau.txt | 0 | 8 | 1 |",
        "| missing.txt | 1 | 0 | 0 |",
        "| clean.txt | 0 | 0 | 0 |",
        "",
        "### Top rules",
        "",
        "| Rule | Severity | Count |",
        "| --- | --- | ---: |",
        "| project/missing-satisfaction | warning | 6 |",
        "| input/unreadable | error | 1 |",
        "| indicator/missing-value | warning | 1 |",
        "| indicator/vacuous-target | warning | 1 |",
        "| indicator/no-unit | info | 1 |",
        "",
      ].join("\n"),
    );
  });

  it("says --quiet hid warnings and infos instead of \"no problems\"", () => {
    // --quiet passes the reports with errors only: the warnings it hid may still fail --max-warnings.
    const quietClean = { ...cleanReport(), path: "seed.txt" };
    const out = formatGithubStepSummary([quietClean], { ...EN, quiet: true });
    expect(out).toContain("✔ no errors (--quiet: warnings and infos not shown)");
    expect(out).not.toContain("no problems");
    expect(formatGithubStepSummary([quietClean], { ...ZH, quiet: true })).toContain("✔ 没有错误（--quiet：不显示警告和提示）");
    expect(formatGithubStepSummary([quietClean], EN)).toContain("✔ no problems");
  });

  it("lists at most 1,000 files, those with errors and then warnings first, and says how many more (GitHub refuses over 1 MiB)", () => {
    const files = Array.from({ length: 30_000 }, (_, i) => {
      const path = `dept-${String(i).padStart(5, "0")}.txt`;
      if (i % 100 === 7) return fileReport(path, [diag({ ruleId: "amount/row-sum", messageId: "mismatch", line: 12, column: 1, severity: "error" })]);
      if (i % 20 === 3) return fileReport(path, [diag({ ruleId: "table/preamble", messageId: "missingTitle", line: 1, column: 1 })]);
      return cleanReport(path);
    });
    const out = formatGithubStepSummary(files, EN);
    expect(Buffer.byteLength(out)).toBeLessThan(200_000);
    const rows = out.split("\n").filter((l) => l.startsWith("| dept-"));
    expect(rows).toHaveLength(1000);
    // 300 files with an error, then the first 700 of the 1,500 with a warning, in path order.
    expect(rows.filter((r) => r.endsWith("| 1 | 0 | 0 |"))).toHaveLength(300);
    expect(rows.filter((r) => r.endsWith("| 0 | 1 | 0 |"))).toHaveLength(700);
    expect(rows[0]).toBe("| dept-00003.txt | 0 | 1 | 0 |");
    expect(out).toContain("29000 more files not listed (the job summary lists at most 1000, those with errors first");
    expect(formatGithubStepSummary(files, ZH)).toContain("另有 29000 个文件未列出");
    expect(formatGithubStepSummary(files.slice(0, 1000), EN)).not.toContain("more files not listed");
  });

  it("is in Chinese with --lang zh", () => {
    const out = formatGithubStepSummary([seedReport()], ZH);
    expect(out).toContain("✖ 9 个问题（0 个错误，8 个警告，1 个提示）");
    expect(out).toContain("| 文件 | 错误 | 警告 | 提示 |");
    expect(out).toContain("### 最常见的规则");
    expect(out).toContain("| project/missing-satisfaction | 警告 | 6 |");
  });

  it("escapes hostile paths for Markdown and HTML", () => {
    const out = formatGithubStepSummary([hostileReport()], EN);
    const row = out.split("\n").find((l) => l.startsWith("| dir/"))!;
    expect(row).not.toContain("<script>");
    expect(row).toContain("&lt;script&gt;");
    expect(row).toContain("\\|\\`y\\`");
    // four cells: the pipe inside the path is escaped
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u200f]/);
  });
});
