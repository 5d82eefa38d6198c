// Checks one file of an audit (in a worker or in-process): checkFile, then the offending text of
// the first findings for the HTML report, then the source dropped so only counts and findings travel.
import { resolve } from "node:path";
import { isMainThread } from "node:worker_threads";
import { checkFile } from "../api.js";
import { detectFormat } from "../io/formats.js";
import { readSmallFile } from "../io/read-input.js";
import { checkInput, makeReport, type ResolvedConfig, sheetOfRef } from "../validate/run.js";
import { unreadable } from "../table/parse.js";
import type { Diagnostic, FileReport, TableSummary } from "../types.js";
import type { AuditCheckSettings, AuditFileReport, PrerenderFormat, RuleCount } from "./types.js";
import { buildAuditJsonFile, jsonEntryChunks, renderJsonEntry } from "../reporters/audit/json.js";
import { ndjsonLineChunks, renderNdjsonLine } from "../reporters/audit/ndjson.js";

/** Longest excerpt kept, in code points. */
export const EXCERPT_LENGTH = 200;

/**
 * Check one file (a big text table on up to `split.threads` threads). Never throws: an unexpected failure
 * becomes an `input/unreadable` finding.
 */
export async function auditFile(file: string, settings: AuditCheckSettings, config: ResolvedConfig, split: { threads: number; splitBytes?: number } = { threads: 1 }): Promise<AuditFileReport> {
  try {
    const keepSource = settings.excerpts > 0;
    const bytes = readSmallFile(resolve(settings.cwd, file));
    // Small text tables (the usual submission) in one synchronous read: no stream, fewer round trips.
    if (bytes !== null && detectFormat(file, bytes) === "text") {
      return finishReport(checkInput(bytes, { path: file, encoding: settings.encoding, config, keepSource }), settings);
    }
    // A big table may be checked in parts on `threads` (not for the HTML report, whose excerpts
    // need the text of a file that is read whole).
    return finishReport(await checkFile(file, { path: file, encoding: settings.encoding, config, cwd: settings.cwd, keepSource, threads: keepSource ? 1 : split.threads, splitBytes: split.splitBytes }), settings);
  } catch (error) {
    return failedReport(file, error);
  }
}

/** Turn a FileReport into what travels back: counts by rule, excerpts, no source, findings cut to `keep`. */
export function finishReport(report: FileReport, settings: Pick<AuditCheckSettings, "keep" | "excerpts" | "prerender">): AuditFileReport {
  // A file with very many findings keeps them compactly (eachDiagnostic): they are walked, never
  // all made as objects (reading `diagnostics`, even by spreading the report, would make them).
  const compact = report.eachDiagnostic !== undefined;
  const all = (): Iterable<Diagnostic> => (compact ? report.eachDiagnostic!() : report.diagnostics);
  const counts = new Map<string, RuleCount>();
  let unreadableId: string | null = null;
  let unreadableFinding: Diagnostic | null = null;
  const tables = report.tables !== undefined && report.tables.length > 1 ? new TableCounts(report.tables) : null;
  for (const d of all()) {
    const key = `${d.ruleId}\u0000${d.severity}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { ruleId: d.ruleId, severity: d.severity, count: 1 });
    if (unreadableId === null && d.ruleId === "input/unreadable") {
      unreadableId = d.messageId;
      unreadableFinding = d;
    }
    tables?.add(d);
  }
  const wanted = Math.max(settings.keep, report.source === undefined ? 0 : settings.excerpts);
  const out: AuditFileReport = {
    path: report.path,
    encoding: report.encoding,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    infoCount: report.infoCount,
    diagnostics: compact ? firstOf(all(), wanted) : report.diagnostics,
    ruleCounts: [...counts.values()],
    unreadable: unreadableId,
  };
  if (report.tables !== undefined) {
    // (The report's own too: a compact report's entries below are rendered from it.)
    if (tables !== null) report.tables = tables.counted();
    out.tables = report.tables;
  }
  if (report.source !== undefined && settings.excerpts > 0 && out.diagnostics.length > 0) {
    out.excerpts = extractExcerpts(report.source, out.diagnostics, settings.excerpts);
  }
  if (settings.prerender !== undefined) {
    const rendered: Partial<Record<PrerenderFormat, Iterable<Uint8Array>>> = {};
    if (compact) {
      for (const format of settings.prerender.formats) {
        const lang = settings.prerender.lang;
        const pieces = { [Symbol.iterator]: () => encodePieces(format === "json" ? jsonEntryChunks(report, lang) : ndjsonLineChunks(report, lang)) };
        // A worker sends the bytes (made now); in this thread they are made as they are written, so
        // the entry of a 1 GB table (1.2 GB of JSON) is never held whole.
        rendered[format] = isMainThread ? pieces : [...pieces];
      }
    } else {
      const entry = buildAuditJsonFile(out, settings.prerender.lang);
      for (const format of settings.prerender.formats) {
        rendered[format] = [encoder.encode(format === "json" ? renderJsonEntry(entry) : renderNdjsonLine(entry))];
      }
    }
    out.rendered = rendered;
  }
  if (out.diagnostics.length > settings.keep) {
    out.diagnostics = out.diagnostics.slice(0, settings.keep);
    // (Why the file is unreadable, for the HTML report: a workbook's sheet comes after the others' findings.)
    if (unreadableFinding !== null && settings.keep > 0 && !out.diagnostics.includes(unreadableFinding)) out.unreadableFinding = unreadableFinding;
  }
  return out;
}

/**
 * The findings of a file of several tables counted table by table (for `audit`'s totals by
 * department): a finding is in the table of its sheet whose start is the last at or before its line;
 * one before a sheet's first table, or on no known sheet, in the first table.
 */
class TableCounts {
  /** Per sheet ("" for a text file or a .csv): the start lines of its tables, ascending, and their indexes. */
  private readonly bySheet = new Map<string, { lines: number[]; indexes: number[] }>();
  private readonly errors: number[];
  private readonly warnings: number[];
  private readonly infos: number[];

  constructor(private readonly tables: readonly TableSummary[]) {
    tables.forEach((t, i) => {
      const key = t.sheet ?? "";
      let group = this.bySheet.get(key);
      if (group === undefined) this.bySheet.set(key, (group = { lines: [], indexes: [] }));
      group.lines.push(t.line ?? 1);
      group.indexes.push(i);
    });
    this.errors = tables.map(() => 0);
    this.warnings = tables.map(() => 0);
    this.infos = tables.map(() => 0);
  }

  add(d: Diagnostic): void {
    const group = this.bySheet.get(sheetOfRef(d.ref) ?? "");
    let table = 0;
    if (group !== undefined) {
      // The last table starting at or before the finding's line (binary search).
      let lo = 0;
      let hi = group.lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (group.lines[mid]! <= d.line) lo = mid;
        else hi = mid - 1;
      }
      table = group.indexes[lo]!;
    }
    if (d.severity === "error") this.errors[table]!++;
    else if (d.severity === "warning") this.warnings[table]!++;
    else this.infos[table]!++;
  }

  /** The tables with their counts (copies). */
  counted(): TableSummary[] {
    return this.tables.map((t, i) => ({ ...t, errorCount: this.errors[i]!, warningCount: this.warnings[i]!, infoCount: this.infos[i]! }));
  }
}

/** The first `n` items. */
function firstOf<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/** Text pieces encoded as UTF-8 about a megabyte at a time. */
function* encodePieces(chunks: Iterable<string>): Generator<Uint8Array> {
  let text = "";
  let any = false;
  for (const chunk of chunks) {
    text += chunk;
    if (text.length >= 512 * 1024) {
      yield encoder.encode(text);
      any = true;
      text = "";
    }
  }
  if (text !== "" || !any) yield encoder.encode(text);
}

const encoder = new TextEncoder();

/** The report of a file whose check failed unexpectedly (a bug, or a worker that died). */
export function failedReport(file: string, error: unknown): AuditFileReport {
  const reason = error instanceof Error ? error.message : String(error);
  return finishReport(makeReport(file, null, [unreadable("ioError", { path: file, reason: `internal error: ${reason}` })]), { keep: Infinity, excerpts: 0 });
}

/**
 * The text each of the first `limit` diagnostics points at: from its start to its end, or to the
 * end of its first line when it spans several; at most EXCERPT_LENGTH code points.
 */
export function extractExcerpts(source: string, diagnostics: readonly Diagnostic[], limit: number): string[] {
  const out: string[] = [];
  const count = Math.min(limit, diagnostics.length);
  // Diagnostics are sorted by line, so line starts are found with one forward scan.
  let lineNumber = 1;
  let lineStart = 0;
  for (let i = 0; i < count; i++) {
    const d = diagnostics[i]!;
    if (d.line < lineNumber) {
      lineNumber = 1;
      lineStart = 0;
    }
    while (lineNumber < d.line && lineStart !== -1) {
      const nl = source.indexOf("\n", lineStart);
      lineStart = nl === -1 ? -1 : nl + 1;
      lineNumber++;
    }
    if (lineStart === -1) {
      out.push("");
      lineNumber = 1;
      lineStart = 0;
      continue;
    }
    let lineEnd = source.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = source.length;
    const from = advanceCodePoints(source, lineStart, lineEnd, d.column - 1);
    const wanted = d.endLine === d.line ? Math.max(0, d.endColumn - d.column) : Infinity;
    const to = advanceCodePoints(source, from, lineEnd, Math.min(wanted, EXCERPT_LENGTH));
    out.push(source.slice(from, to).replace(/\r$/, ""));
  }
  return out;
}

/** The UTF-16 offset `n` code points after `from`, stopping at `limit`. */
function advanceCodePoints(s: string, from: number, limit: number, n: number): number {
  let i = from;
  while (n > 0 && i < limit) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < limit ? 2 : 1;
    n--;
  }
  return i;
}
