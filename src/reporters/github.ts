// The `github` reporter: GitHub Actions workflow-command annotations (most severe first, at most 10
// per level, then a notice counting the rest) and the Markdown job summary for $GITHUB_STEP_SUMMARY.
import { formatMessage } from "../i18n/format.js";
import type { FileReport, Lang, ReportOptions } from "../types.js";
import { displayText, escapeGithubData, escapeGithubProperty, escapeMarkdown, sanitizeText } from "./sanitize.js";
import type { TextReportStream } from "./load.js";
import { countRule, createChalk, describeTotals, displayPath, formatTotalsLine, severityRank, severityWord, sumTotals } from "./shared.js";
import type { Finding, FindingSeverity, RuleCount, Totals } from "./shared.js";

/** GitHub shows 10 annotations of each level (error, warning, notice) per step; more are cut without notice. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

const COMMANDS: Record<FindingSeverity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * A path for `file=`: line breaks stay real characters, so that escapeGithubProperty turns them into
 * the %0A / %0D the runner decodes and the annotation names the real file; other control characters
 * are shown as text (\u001b), never sent raw.
 */
function annotationPath(path: string): string {
  return path
    .split(/([\r\n])/)
    .map((part) => (part === "\r" || part === "\n" ? part : sanitizeText(part)))
    .join("");
}

/** One `::error file=…,line=…::message` line. */
function formatAnnotation(f: Finding, options: ReportOptions): string {
  const d = f.diagnostic;
  const props = [
    `file=${escapeGithubProperty(annotationPath(displayPath(f.report.path, options.cwd, options.root)))}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeGithubProperty(sanitizeText(`perftable ${d.ruleId}`))}`,
  ];
  // A finding in a .xlsx or .csv names its cell first: GitHub cannot show a workbook's line and column.
  // A line break inside a name shows as ⏎, as in the other reports people read (one annotation a line).
  const message = escapeGithubData(displayText((d.ref === undefined ? "" : `${d.ref}: `) + formatMessage(d, options.lang)));
  return `::${COMMANDS[d.severity]} ${props.join(",")}::${message}`;
}

function omittedNotice(omitted: Totals, lang: Lang): string {
  const counts = describeTotals(omitted, lang);
  const text =
    lang === "zh"
      ? `perftable：另有 ${counts}未显示为注释（GitHub 每类最多显示约 ${GITHUB_ANNOTATIONS_PER_LEVEL} 条）；完整列表见作业摘要或 -f pretty 输出`
      : `perftable: not shown as annotations: ${counts} (GitHub shows about ${GITHUB_ANNOTATIONS_PER_LEVEL} of each level); see the job summary or -f pretty for the full list`;
  return `::notice::${escapeGithubData(text)}`;
}

/**
 * The findings of a run, taken file by file, keeping only what the github report shows: the first
 * annotations of each level, and counts (by level, and by rule for the job summary).
 */
export class GithubCollector {
  private readonly shown: Record<FindingSeverity, Finding[]> = { error: [], warning: [], info: [] };
  private readonly totals: Record<FindingSeverity, number> = { error: 0, warning: 0, info: 0 };
  private readonly byRule = new Map<string, RuleCount>();

  add(report: FileReport): void {
    // Only the path matters to an annotation: the findings kept do not hold the whole report.
    const file = { path: report.path } as FileReport;
    for (const d of report.eachDiagnostic ? report.eachDiagnostic() : report.diagnostics) {
      this.totals[d.severity]++;
      const list = this.shown[d.severity];
      if (list.length < GITHUB_ANNOTATIONS_PER_LEVEL) list.push({ report: file, diagnostic: d });
      countRule(this.byRule, d);
    }
  }

  /** The annotations, most severe first, then a notice counting the rest. */
  annotations(options: ReportOptions): string {
    let infos = this.shown.info;
    const omitted: Totals = {
      errors: this.totals.error - this.shown.error.length,
      warnings: this.totals.warning - this.shown.warning.length,
      infos: this.totals.info - infos.length,
    };
    const cut = omitted.errors + omitted.warnings + omitted.infos > 0;
    // The closing notice is a notice too: GitHub drops notices past the 10th of a step, so it takes
    // the place of the last info rather than be lost.
    if (cut && infos.length === GITHUB_ANNOTATIONS_PER_LEVEL) {
      infos = infos.slice(0, -1);
      omitted.infos++;
    }
    const lines = [...this.shown.error, ...this.shown.warning, ...infos].map((f) => formatAnnotation(f, options));
    if (cut) lines.push(omittedNotice(omitted, options.lang));
    return lines.length === 0 ? "" : lines.join("\n") + "\n";
  }

  /** The Markdown job summary; `files`: every file's report (their counts are used). */
  stepSummary(files: readonly FileReport[], options: ReportOptions): string {
    const zh = options.lang === "zh";
    const totals = sumTotals(files);
    const out: string[] = ["## perftable", ""];
    // The closing line of pretty and summary: under --quiet, a clean count is "no errors", not "no problems".
    out.push(formatTotalsLine(totals, options.lang, createChalk(false), options.quiet), "");

    const head = zh ? ["文件", "错误", "警告", "提示"] : ["File", "Errors", "Warnings", "Infos"];
    out.push(`| ${head.join(" | ")} |`, "| --- | ---: | ---: | ---: |");
    const shown = summaryRows(files);
    for (const r of shown) {
      out.push(`| ${escapeMarkdown(r.path)} | ${r.errorCount} | ${r.warningCount} | ${r.infoCount} |`);
    }
    const more = files.length - shown.length;
    if (more > 0) {
      out.push(
        "",
        zh
          ? `另有 ${more} 个文件未列出（作业摘要最多列 ${MAX_FILE_ROWS} 个，先列有错误的，再列有警告的）；完整列表见 -f pretty 或 -f json。`
          : `${more} more files not listed (the job summary lists at most ${MAX_FILE_ROWS}, those with errors first, then those with warnings); see -f pretty or -f json for all.`,
      );
    }

    const top = [...this.byRule.values()]
      .sort(
        (a, b) =>
          b.count - a.count ||
          severityRank(a.severity) - severityRank(b.severity) ||
          (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
      )
      .slice(0, TOP_RULES);
    if (top.length > 0) {
      out.push("", zh ? "### 最常见的规则" : "### Top rules", "");
      const ruleHead = zh ? ["规则", "级别", "数量"] : ["Rule", "Severity", "Count"];
      out.push(`| ${ruleHead.join(" | ")} |`, "| --- | --- | ---: |");
      for (const e of top) {
        out.push(`| ${escapeMarkdown(e.ruleId)} | ${severityWord(e.severity, options.lang)} | ${e.count} |`);
      }
    }
    return out.join("\n") + "\n";
  }
}

function collect(reports: readonly FileReport[]): GithubCollector {
  const collector = new GithubCollector();
  for (const r of reports) collector.add(r);
  return collector;
}

/** The `github` report: annotations, most severe first, then a notice counting the rest. */
export function formatGithub(reports: FileReport[], options: ReportOptions): string {
  return collect(reports).annotations(options);
}

/** Most frequent rules: at most this many rows in the job summary. */
const TOP_RULES = 10;

/**
 * Files listed in the job summary at most: GitHub refuses a step summary over 1 MiB, which a row per
 * file passes at about 20,000 files.
 */
export const MAX_FILE_ROWS = 1000;

/** The files the job summary lists: all, or (past MAX_FILE_ROWS) those with errors, then warnings, then the rest, each in order. */
function summaryRows(files: readonly FileReport[]): readonly FileReport[] {
  if (files.length <= MAX_FILE_ROWS) return files;
  const rank = (r: FileReport) => (r.errorCount > 0 ? 0 : r.warningCount > 0 ? 1 : 2);
  const chosen = new Set<FileReport>();
  for (let level = 0; level < 3 && chosen.size < MAX_FILE_ROWS; level++) {
    for (const r of files) {
      if (rank(r) !== level) continue;
      chosen.add(r);
      if (chosen.size === MAX_FILE_ROWS) break;
    }
  }
  return files.filter((r) => chosen.has(r));
}

/**
 * The Markdown job summary (for $GITHUB_STEP_SUMMARY): the totals, a counts table per file and
 * the most frequent rules. Table text is escaped for Markdown and HTML.
 */
export function formatGithubStepSummary(reports: FileReport[], options: ReportOptions): string {
  return collect(reports).stepSummary(reports, options);
}

/** The `github` report written file by file (see ReportStream), with its job summary at the end. */
export function createGithubStream(options: ReportOptions): TextReportStream & { stepSummary(files: readonly FileReport[]): string } {
  const collector = new GithubCollector();
  return {
    begin: () => "",
    file(r) {
      collector.add(r);
      return [];
    },
    end: () => collector.annotations(options),
    stepSummary: (files) => collector.stepSummary(files, options),
  };
}
