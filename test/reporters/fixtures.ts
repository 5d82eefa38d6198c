// Realistic FileReports for the reporter tests: the seed table with findings where SPEC §5 says
// the seed yields them, an unreadable file, a clean file, and a file full of hostile text.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Diagnostic, FileReport, ReportOptions } from "../../src/types.js";

export const SEED_PATH = "fixtures/seed-guangzhou-finance-bureau.txt";
export const SEED_SOURCE = readFileSync(
  fileURLToPath(new URL("../../fixtures/seed-guangzhou-finance-bureau.txt", import.meta.url)),
  "utf8",
);
export const SEED_LINES = SEED_SOURCE.split(/\r?\n/);
/** 1-based column (code points) of the first `≥0%` (保险赔付率, 实施周期指标值) on line 21. */
export const VACUOUS_COLUMN = 273;

export const CWD = "/work/project";
export const EN: ReportOptions = { lang: "en", color: false, cwd: CWD };
export const ZH: ReportOptions = { lang: "zh", color: false, cwd: CWD };

/** A diagnostic with defaults filled in. */
export function diag(partial: Partial<Diagnostic> & Pick<Diagnostic, "ruleId" | "messageId" | "line" | "column">): Diagnostic {
  return {
    severity: "warning",
    data: {},
    project: null,
    indicator: null,
    endLine: partial.line,
    endColumn: partial.column + 1,
    ...partial,
  };
}

/** A FileReport whose counts are computed from its diagnostics. */
export function fileReport(path: string, diagnostics: Diagnostic[], extra: Partial<FileReport> = {}): FileReport {
  return {
    path,
    encoding: "utf-8",
    errorCount: diagnostics.filter((d) => d.severity === "error").length,
    warningCount: diagnostics.filter((d) => d.severity === "warning").length,
    infoCount: diagnostics.filter((d) => d.severity === "info").length,
    diagnostics,
    ...extra,
  };
}

function projectName(line: number): string {
  return (SEED_LINES[line - 1] ?? "").split("\t")[0] ?? "";
}

function missingSatisfaction(line: number): Diagnostic {
  const name = projectName(line);
  return diag({
    ruleId: "project/missing-satisfaction",
    messageId: "missing",
    data: { name },
    line,
    column: 1,
    endColumn: Array.from(name).length + 1,
    project: name,
  });
}

/** The seed with some of the findings SPEC §5 lists, sorted by line, column, rule id. */
export function seedReport(): FileReport {
  const insurance = projectName(21);
  const diagnostics: Diagnostic[] = [
    missingSatisfaction(14),
    missingSatisfaction(17),
    missingSatisfaction(19),
    missingSatisfaction(21),
    diag({
      ruleId: "indicator/missing-value",
      messageId: "missingPeriod",
      data: { value: "无" },
      line: 21,
      column: 180,
      endColumn: 181,
      project: insurance,
      indicator: "实施周期",
    }),
    diag({
      ruleId: "indicator/vacuous-target",
      messageId: "vacuousPeriod",
      data: { value: "≥0%" },
      line: 21,
      column: VACUOUS_COLUMN,
      endColumn: VACUOUS_COLUMN + 3,
      project: insurance,
      indicator: "保险赔付率",
    }),
    missingSatisfaction(24),
    diag({
      ruleId: "indicator/no-unit",
      severity: "info",
      messageId: "noUnitAnnual",
      data: { value: "≥40" },
      line: 24,
      column: 412,
      endColumn: 415,
      project: projectName(24),
    }),
    missingSatisfaction(28),
  ];
  return fileReport(SEED_PATH, diagnostics, {
    source: SEED_SOURCE,
    tables: [
      { department: "广州开发区金融工作局（部门）", moneyUnit: "万元", units: 2, projects: 13, indicators: 53, moneyTotal: "15812.52" },
    ],
  });
}

/** A file that cannot be read (input/unreadable has real messages). */
export function unreadableReport(path = "missing.txt"): FileReport {
  return fileReport(path, [
    diag({ ruleId: "input/unreadable", severity: "error", messageId: "notFound", data: { path }, line: 1, column: 1 }),
  ], { encoding: null });
}

/** A clean file. */
export function cleanReport(path = "clean.txt"): FileReport {
  return fileReport(path, [], { source: "项目名称\t总计\n" });
}

/** Text meant to attack terminals, logs, XML, Markdown and SQL-minded consumers. */
export const HOSTILE = "\u001b[2J\u001b]0;pwned\u0007<script>alert(1)</script>\"; DROP TABLE t;--\u200fevil & 'x'|`y`";

/** A report whose path, source line and message data are all hostile. */
export function hostileReport(): FileReport {
  const line = `坏项目${HOSTILE}\t12.00`;
  return fileReport(`dir/bad,name:100%${HOSTILE}.txt`, [
    diag({
      ruleId: "input/unreadable",
      severity: "error",
      messageId: "ioError",
      data: { reason: HOSTILE },
      line: 1,
      column: 4,
      endColumn: 4 + Array.from(HOSTILE).length,
    }),
  ], { source: `${line}\n` });
}
