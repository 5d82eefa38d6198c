// The audit `json` report: { files: [per file, as `check -f json` plus `tables`], summary }, written
// file by file so that memory does not grow with the number of files.
import type { AuditFileReport } from "../../audit/types.js";
import type { AuditSummary } from "../../audit/summary.js";
import type { FileReport, Lang, ReportOptions, TableSummary } from "../../types.js";
import { buildJsonReport, fileEntryChunks, type JsonFile } from "../json.js";
import type { AuditFormatter } from "./index.js";

/** One file of the audit JSON / NDJSON: the `check -f json` entry plus its tables' summaries. */
export interface AuditJsonFile extends JsonFile {
  tables: TableSummary[];
}

/** The JSON entry of one file. */
export function buildAuditJsonFile(report: AuditFileReport, lang: Lang): AuditJsonFile {
  const { excerpts: _excerpts, source: _source, tables, ...rest } = report;
  return { ...buildJsonReport([rest], lang).files[0]!, tables: tables ?? [] };
}

/** A file's entry at its place in `"files": [ … ]` (indented by four, no separator). */
export function renderJsonEntry(entry: AuditJsonFile): string {
  // Stringified in place inside `{ "files": [ … ] }`, so JSON.stringify indents it itself (no
  // second pass over the text to indent it); the wrapper's first and last lines are cut off.
  const text = JSON.stringify({ files: [entry] }, null, 2);
  return text.slice(WRAPPER_HEAD.length, text.length - WRAPPER_TAIL.length);
}
const WRAPPER_HEAD = '{\n  "files": [\n';
const WRAPPER_TAIL = "\n  ]\n}";

/**
 * renderJsonEntry in pieces, straight from a report: for a file with very many findings, kept
 * compactly, whose entry is too big to build as objects and one string.
 */
export function* jsonEntryChunks(report: FileReport, lang: Lang): Generator<string> {
  const tables = JSON.stringify(report.tables ?? [], null, 2).replace(/\n/g, "\n      ");
  yield* fileEntryChunks(report, lang, `,\n      "tables": ${tables}`);
}

export function createJsonFormatter(options: ReportOptions): AuditFormatter {
  let first = true;
  return {
    begin: () => '{\n  "files": [',
    file(report) {
      const separator = first ? "\n" : ",\n";
      first = false;
      // Made by the worker that checked the file, when it could.
      const rendered = report.rendered?.json;
      if (rendered === undefined) return separator + renderJsonEntry(buildAuditJsonFile(report, options.lang));
      return (function* () {
        yield separator;
        yield* rendered;
      })();
    },
    end: (summary: AuditSummary) => `${first ? "" : "\n  "}],\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, "\n  ")}\n}\n`,
  };
}
