// The `sarif` reporter: SARIF 2.1.0 for GitHub code scanning and other viewers — one run, a rules[]
// entry per rule, stable fingerprints (file, rule, project), at most 5,000 results (most severe first).
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatMessage } from "../i18n/format.js";
import { rules as registryRules } from "../rules/index.js";
import type { Rule } from "../rules/index.js";
import type { FileReport, Lang, ReportOptions, Severity } from "../types.js";
import { VERSION } from "../version.js";
import { countSeverities, describeTotals, flattenFindings, relativePath, sortBySeverity } from "./shared.js";
import type { Finding, FindingSeverity } from "./shared.js";

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

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties?: { project?: string; indicator?: string };
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
      executionSuccessful: boolean;
      toolExecutionNotifications?: { level: SarifLevel; message: SarifMessage; descriptor: { id: string } }[];
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
  const [badLabel, goodLabel] = lang === "zh" ? ["不合格示例", "合格示例"] : ["Failing example", "Passing example"];
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

/** Where a finding's file is: relative to cwd under %SRCROOT% (percent-encoded), else a file URI. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = relativePath(filePath, cwd);
  if (relative === null) return { uri: pathToFileURL(path.resolve(cwd, filePath)).href };
  const encode = (part: string) => encodeURIComponent(part.replace(LONE_SURROGATE, "\ufffd"));
  return { uri: relative.split("/").map(encode).join("/"), uriBaseId: "%SRCROOT%" };
}

/** The file part of a fingerprint: stable across machines (relative path when inside cwd). */
function fingerprintFile(filePath: string, cwd: string): string {
  return relativePath(filePath, cwd) ?? path.resolve(cwd, filePath).split(path.sep).join("/");
}

/** SARIF regions are 1-based with end ≥ start; keep them valid whatever a diagnostic says. */
function regionOf(d: Finding["diagnostic"]): SarifResult["locations"][number]["physicalLocation"]["region"] {
  const startLine = Math.max(1, d.line);
  const startColumn = Math.max(1, d.column);
  const endLine = Math.max(startLine, d.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, d.endColumn) : Math.max(1, d.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function capMessage(kept: number, total: number, left: Finding[], lang: Lang): string {
  const counts = describeTotals(countSeverities(left.map((f) => f.diagnostic)), lang);
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

/** The SARIF log as a value. */
export function buildSarifLog(reports: readonly FileReport[], options: ReportOptions, settings: SarifSettings = {}): SarifLog {
  const { lang, cwd } = options;
  const maxResults = settings.maxResults ?? SARIF_MAX_RESULTS;
  const rules = registryRules.map((r) => describeRule(r, lang));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  // Fingerprints are computed in report order, before sorting and capping, so they stay stable.
  const seen = new Map<string, number>();
  const fingerprints = new Map<Finding, string>();
  const findings = flattenFindings(reports);
  for (const f of findings) {
    const d = f.diagnostic;
    const hash = createHash("sha256")
      .update(`${fingerprintFile(f.report.path, cwd)}\u0000${d.ruleId}\u0000${d.project ?? ""}`)
      .digest("hex");
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    fingerprints.set(f, occurrence === 0 ? hash : `${hash}:${occurrence}`);
  }

  const sorted = sortBySeverity(findings);
  const kept = sorted.slice(0, maxResults);
  const left = sorted.slice(maxResults);

  const results: SarifResult[] = kept.map((f) => {
    const d = f.diagnostic;
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
      message: { text: formatMessage(d, lang) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.report.path, cwd), region: regionOf(d) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(f) ?? "" },
    };
    if (d.project != null || d.indicator != null) {
      result.properties = {};
      if (d.project != null) result.properties.project = d.project;
      if (d.indicator != null) result.properties.indicator = d.indicator;
    }
    return result;
  });

  const invocation: SarifLog["runs"][number]["invocations"][number] = { executionSuccessful: true };
  if (left.length > 0) {
    invocation.toolExecutionNotifications = [
      {
        level: "warning",
        message: { text: capMessage(kept.length, sorted.length, left, lang) },
        descriptor: { id: "perftable/results-capped" },
      },
    ];
  }

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
