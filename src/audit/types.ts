// Data that crosses the audit's thread boundary: the settings a worker checks files with, and the
// per-file result it sends back (a FileReport without source text, plus excerpts for the HTML report).
import type { EncodingOption } from "../io/decode.js";
import type { Diagnostic, FileReport, Lang, Severity } from "../types.js";
import type { ResolvedConfig } from "../validate/run.js";

/** ResolvedConfig as plain arrays, so it can be posted to a worker and rebuilt there. */
export interface SerializedConfig {
  severities: [string, Severity][];
  options: [string, Record<string, number | string | boolean>][];
}

/** How every file of an audit is checked. */
export interface AuditCheckSettings {
  encoding: EncodingOption;
  config: SerializedConfig;
  /** Folder relative paths are resolved against. */
  cwd: string;
  /**
   * Findings sent back per file (the rest are only counted, in `ruleCounts`): Infinity for the
   * json/ndjson reports, 200 for html, 0 for table/csv — less to copy between threads.
   */
  keep: number;
  /**
   * Keep the offending text of the first `excerpts` findings of each file (for the HTML report);
   * 0: none, and the decoded text is never kept.
   */
  excerpts: number;
  /**
   * Report entries made where the file is checked (on the worker, in parallel) as UTF-8 bytes, so
   * the main thread only writes them: the json and ndjson reports, in this language.
   */
  prerender?: { formats: PrerenderFormat[]; lang: Lang };
}

/** The audit formats whose per-file text a worker makes. */
export type PrerenderFormat = "json" | "ndjson";

/** Findings of one rule at one severity in a file. */
export interface RuleCount {
  ruleId: string;
  severity: Exclude<Severity, "off">;
  count: number;
}

/**
 * The result of auditing one file: its FileReport (never with `source`; `diagnostics` cut to the
 * first `keep`, the counts always complete), its findings counted by rule, why it is unreadable
 * (the input/unreadable message id, or null) and, when asked, the text each of the first findings
 * points at (`excerpts[i]` belongs to `diagnostics[i]`, at most 200 code points, one line).
 */
export interface AuditFileReport extends FileReport {
  ruleCounts: RuleCount[];
  unreadable: string | null;
  /** The input/unreadable finding when `diagnostics` was cut before it (a workbook's sheet after many findings on the others). */
  unreadableFinding?: Diagnostic;
  excerpts?: string[];
  /**
   * The file's entry in each prerendered report (UTF-8, in pieces of about a megabyte), made before
   * `diagnostics` was cut. An array when it comes from a worker; in the thread that checked a file
   * with very many findings, made as it is iterated (each time).
   */
  rendered?: Partial<Record<PrerenderFormat, Iterable<Uint8Array>>>;
}

/** Turn a ResolvedConfig (Maps) into arrays that survive structured clone and JSON. */
export function serializeConfig(config: ResolvedConfig): SerializedConfig {
  return { severities: [...config.severities], options: [...config.options] };
}

/** Rebuild a ResolvedConfig from its serialized form. */
export function deserializeConfig(config: SerializedConfig): ResolvedConfig {
  return { severities: new Map(config.severities), options: new Map(config.options) };
}
