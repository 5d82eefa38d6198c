// The `sarif` reporter: SARIF 2.1.0 for GitHub code scanning and other viewers — one run, a rules[]
// entry per rule, stable fingerprints (file, rule, project), at most 5,000 results (most severe first);
// a file that could not be read makes the run unsuccessful, with an error notification naming it.
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatMessage } from "../i18n/format.js";
import { rules as registryRules } from "../rules/index.js";
import type { Rule } from "../rules/index.js";
import type { Diagnostic, FileReport, Lang, ReportOptions, Severity } from "../types.js";
import type { TextReportStream } from "./load.js";
import { VERSION } from "../version.js";
import { describeTotals, relativePath } from "./shared.js";
import type { Finding, FindingSeverity, Totals } from "./shared.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const SARIF_TOOL_VERSION = VERSION;
export const SARIF_INFORMATION_URI = "https://www.npmjs.com/package/perftable";
/** GitHub code scanning ignores results past this many per run. */
export const SARIF_MAX_RESULTS = 5000;
/** Key of perftable's partial fingerprint (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = "perftable/v1";

type SarifLevel = "error" | "warning" | "note" | "none";

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  defaultConfiguration?: { level: SarifLevel; enabled?: boolean };
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties?: { project?: string; indicator?: string; ref?: string };
}

/**
 * A condition of the run itself: a file that could not be read (level error, its location, the rule
 * `input/unreadable` as `associatedRule`) or results left out (level warning, `descriptor`).
 */
export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  descriptor?: { id: string };
  associatedRule?: { id: string; index: number };
}

/** A SARIF 2.1.0 log as perftable writes it. */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    language: string;
    columnKind: "unicodeCodePoints";
    invocations: {
      /** False when a file could not be read (`input/unreadable`): the tool could not check all its input. */
      executionSuccessful: boolean;
      toolExecutionNotifications?: SarifNotification[];
    }[];
    results: SarifResult[];
  }[];
}

/** Extra settings of the SARIF reporter (tests, library users). */
export interface SarifSettings {
  /** perftable's version for `tool.driver.version` (default: the package version). */
  version?: string;
  /** Results kept per run (default 5,000). */
  maxResults?: number;
}

function levelOf(severity: FindingSeverity | Severity): SarifLevel {
  if (severity === "error") return "error";
  if (severity === "warning") return "warning";
  if (severity === "info") return "note";
  return "none";
}

/** A Markdown code block whose fence is longer than any backtick run in the text. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** The rules[] entry of a registry rule: descriptions and help (why, failing and passing example). */
function describeRule(rule: Rule, lang: Lang): SarifRule {
  const { docs, id, defaultSeverity } = rule.meta;
  const [badLabel, goodLabel] = lang === "zh" ? ["不通过的例子", "通过的例子"] : ["Failing example", "Passing example"];
  const why = docs.why[lang];
  return {
    id,
    shortDescription: { text: docs.summary[lang] },
    fullDescription: { text: why },
    help: {
      text: `${why}\n\n${badLabel}: ${docs.bad}\n${goodLabel}: ${docs.good}`,
      markdown: `${why}\n\n${badLabel}:\n\n${codeBlock(docs.bad)}\n\n${goodLabel}:\n\n${codeBlock(docs.good)}`,
    },
    defaultConfiguration:
      defaultSeverity === "off" ? { level: "none", enabled: false } : { level: levelOf(defaultSeverity) },
  };
}

/** A lone surrogate (half of a pair without its other half): encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Where a finding's file is: relative to the repository root (`root`, else cwd) under %SRCROOT%
 * (percent-encoded), else a file URI. GitHub reads a relative URI from the repository root.
 */
function artifactLocation(filePath: string, cwd: string, root = cwd): { uri: string; uriBaseId?: string } {
  const relative = relativePath(filePath, cwd, root);
  if (relative === null) return { uri: pathToFileURL(path.resolve(cwd, filePath)).href };
  const encode = (part: string) => encodeURIComponent(part.replace(LONE_SURROGATE, "\ufffd"));
  return { uri: relative.split("/").map(encode).join("/"), uriBaseId: "%SRCROOT%" };
}

/** The file part of a fingerprint: stable across machines (relative path when inside the root). */
function fingerprintFile(filePath: string, cwd: string, root = cwd): string {
  return relativePath(filePath, cwd, root) ?? path.resolve(cwd, filePath).split(path.sep).join("/");
}

/** SARIF regions are 1-based with end ≥ start; keep them valid whatever a diagnostic says. */
function regionOf(d: Finding["diagnostic"]): SarifLocation["physicalLocation"]["region"] {
  const startLine = Math.max(1, d.line);
  const startColumn = Math.max(1, d.column);
  const endLine = Math.max(startLine, d.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, d.endColumn) : Math.max(1, d.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function capMessage(kept: number, total: number, left: Totals, lang: Lang): string {
  const counts = describeTotals(left, lang);
  if (lang === "zh") {
    return (
      `共 ${total} 条结果，只列出按严重程度排序的前 ${kept} 条；其余 ${counts}未列出：` +
      `GitHub 代码扫描每次运行最多读取 ${kept} 条结果。完整列表请用 -f json。`
    );
  }
  return (
    `Only the ${kept} most severe of ${total} results are included; the other ${counts} were left out: ` +
    `GitHub code scanning reads at most ${kept} results per run. Use -f json for the full list.`
  );
}

/** A finding the log may show, with its file and fingerprint. */
interface KeptFinding {
  path: string;
  diagnostic: Diagnostic;
  fingerprint: string;
}

const SEVERITY_ORDER: FindingSeverity[] = ["error", "warning", "info"];

const UNREADABLE = "input/unreadable";

/** A finding's message as the log shows it: a finding in a .xlsx or .csv names its cell first. */
function messageText(d: Diagnostic, lang: Lang): string {
  return (d.ref === undefined ? "" : `${d.ref}: `) + formatMessage(d, lang);
}

/**
 * The findings of a run, taken file by file, keeping only what the log can show: the first
 * `maxResults` of each severity (the log lists the most severe first, in run order), with their
 * fingerprints, and counts of the rest. A run over thousands of files never holds all its findings.
 */
export class SarifCollector {
  private readonly maxResults: number;
  /**
   * Occurrences so far of each file + rule + project (a fingerprint's `:n` suffix), by file, rule
   * and project: keyed by strings the findings already hold, so no key is built per finding.
   */
  private readonly seen = new Map<string, Map<string, Map<string, number>>>();
  private readonly kept: Record<FindingSeverity, KeptFinding[]> = { error: [], warning: [], info: [] };
  private readonly totals: Record<FindingSeverity, number> = { error: 0, warning: 0, info: 0 };
  /** Every `input/unreadable` finding, capped or not: each is a notification of the run. */
  private readonly unreadable: { path: string; diagnostic: Diagnostic }[] = [];

  constructor(
    private readonly options: ReportOptions,
    private readonly settings: SarifSettings = {},
  ) {
    this.maxResults = settings.maxResults ?? SARIF_MAX_RESULTS;
  }

  add(report: FileReport): void {
    const file = fingerprintFile(report.path, this.options.cwd, this.options.root);
    let byRule = this.seen.get(file);
    if (byRule === undefined) this.seen.set(file, (byRule = new Map()));
    for (const d of report.eachDiagnostic ? report.eachDiagnostic() : report.diagnostics) {
      let byProject = byRule.get(d.ruleId);
      if (byProject === undefined) byRule.set(d.ruleId, (byProject = new Map()));
      const project = d.project ?? "";
      const occurrence = byProject.get(project) ?? 0;
      byProject.set(project, occurrence + 1);
      this.totals[d.severity]++;
      if (d.ruleId === UNREADABLE) this.unreadable.push({ path: report.path, diagnostic: d });
      const bucket = this.kept[d.severity];
      if (bucket.length >= this.maxResults) continue;
      const hash = createHash("sha256").update(`${file}\u0000${d.ruleId}\u0000${project}`).digest("hex");
      bucket.push({ path: report.path, diagnostic: d, fingerprint: occurrence === 0 ? hash : `${hash}:${occurrence}` });
    }
  }

  /** The SARIF log of everything added. */
  build(): SarifLog {
    const { lang, cwd, root } = this.options;
    const rules = registryRules.map((r) => describeRule(r, lang));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    // Most severe first; equal severities in run order.
    const kept = SEVERITY_ORDER.flatMap((severity) => this.kept[severity]).slice(0, this.maxResults);
    const shown: Totals = { errors: 0, warnings: 0, infos: 0 };
    const results: SarifResult[] = kept.map((f) => {
      const d = f.diagnostic;
      if (d.severity === "error") shown.errors++;
      else if (d.severity === "warning") shown.warnings++;
      else shown.infos++;
      let index = ruleIndex.get(d.ruleId);
      if (index === undefined) {
        index = rules.length;
        rules.push({ id: d.ruleId, shortDescription: { text: d.ruleId } });
        ruleIndex.set(d.ruleId, index);
      }
      const result: SarifResult = {
        ruleId: d.ruleId,
        ruleIndex: index,
        level: levelOf(d.severity),
        // A finding in a .xlsx or .csv names its cell first (a workbook has no lines to show).
        message: { text: messageText(d, lang) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path, cwd, root), region: regionOf(d) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      };
      if (d.project != null || d.indicator != null || d.ref !== undefined) {
        result.properties = {};
        if (d.project != null) result.properties.project = d.project;
        if (d.indicator != null) result.properties.indicator = d.indicator;
        if (d.ref !== undefined) result.properties.ref = d.ref;
      }
      return result;
    });
    const left: Totals = { errors: this.totals.error - shown.errors, warnings: this.totals.warning - shown.warnings, infos: this.totals.info - shown.infos };
    const total = this.totals.error + this.totals.warning + this.totals.info;
    const notifications = this.unreadable.map(({ path: file, diagnostic: d }): SarifNotification => ({
      level: "error",
      message: { text: messageText(d, lang) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, cwd, root), region: regionOf(d) } }],
      associatedRule: { id: UNREADABLE, index: ruleIndex.get(UNREADABLE) ?? 0 },
    }));
    if (total > kept.length) {
      notifications.push({
        level: "warning",
        message: { text: capMessage(kept.length, total, left, lang) },
        descriptor: { id: "perftable/results-capped" },
      });
    }
    return sarifLog(rules, results, notifications, this.options, this.settings);
  }
}

/** The SARIF log as a value. */
export function buildSarifLog(reports: readonly FileReport[], options: ReportOptions, settings: SarifSettings = {}): SarifLog {
  const collector = new SarifCollector(options, settings);
  for (const r of reports) collector.add(r);
  return collector.build();
}

function sarifLog(rules: SarifRule[], results: SarifResult[], notifications: SarifNotification[], options: ReportOptions, settings: SarifSettings): SarifLog {
  const { lang } = options;
  // SARIF 2.1.0 §3.20.14: the tool did not succeed when it could not check some of its input
  // (exit code 2); an error-level notification says which file and why (§3.58).
  const invocation: SarifLog["runs"][number]["invocations"][number] = {
    executionSuccessful: !notifications.some((n) => n.level === "error"),
  };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "perftable",
            version: settings.version ?? SARIF_TOOL_VERSION,
            informationUri: SARIF_INFORMATION_URI,
            rules,
          },
        },
        language: lang === "zh" ? "zh-CN" : "en-US",
        columnKind: "unicodeCodePoints",
        invocations: [invocation],
        results,
      },
    ],
  };
}

/** The `sarif` report: SARIF 2.1.0 JSON, pretty-printed, ending with a newline. */
export function formatSarif(reports: FileReport[], options: ReportOptions, settings: SarifSettings = {}): string {
  return JSON.stringify(buildSarifLog(reports, options, settings), null, 2) + "\n";
}

/** The `sarif` report written file by file (see ReportStream): findings are collected, the log written at the end. */
export function createSarifStream(options: ReportOptions): TextReportStream {
  const collector = new SarifCollector(options);
  return {
    begin: () => "",
    file(r) {
      collector.add(r);
      return [];
    },
    end: () => JSON.stringify(collector.build(), null, 2) + "\n",
  };
}
