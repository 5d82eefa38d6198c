// The `json` reporter: the machine contract of `perftable check` (SPEC §6). Keys are fixed; rule
// ids, message ids and data stay language-neutral, only `message` is in the chosen language.
import { formatMessage, messageTemplate } from "../i18n/format.js";
import type { Diagnostic, FileReport, Lang, ReportOptions } from "../types.js";
import { streamPieces, streamText, type TextReportStream } from "./load.js";

/** One finding in the JSON report. */
export interface JsonDiagnostic {
  ruleId: string;
  severity: "error" | "warning" | "info";
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  project: string | null;
  indicator: string | null;
  messageId: string;
  data: Record<string, string | number>;
  /** The spreadsheet cell, for .xlsx / .csv input. */
  ref?: string;
}

/** One file in the JSON report (no `source`). */
export interface JsonFile {
  path: string;
  encoding: string | null;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  diagnostics: JsonDiagnostic[];
}

export interface JsonReport {
  files: JsonFile[];
}

/** The JSON report as a value (for the library API and for tests). */
export function buildJsonReport(reports: readonly FileReport[], lang: Lang): JsonReport {
  return { files: reports.map((r) => ({ ...jsonFileHead(r), diagnostics: r.diagnostics.map((d) => jsonDiagnostic(d, lang)) })) };
}

/** The fields of a file in the JSON report before its findings. */
export function jsonFileHead(r: FileReport): Omit<JsonFile, "diagnostics"> {
  return { path: r.path, encoding: r.encoding, errorCount: r.errorCount, warningCount: r.warningCount, infoCount: r.infoCount };
}

/** One finding of the JSON report as an object. */
export function jsonDiagnostic(d: Diagnostic, lang: Lang): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: formatMessage(d, lang),
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    project: d.project ?? null,
    indicator: d.indicator ?? null,
    messageId: d.messageId,
    data: d.data,
    ...(d.ref === undefined ? {} : { ref: d.ref }),
  };
}

/** JSON literals of strings that repeat across findings (rule ids, names, values), bounded. */
const literals = new Map<string, string>();
function literal(s: string | null): string {
  if (s === null) return "null";
  let v = literals.get(s);
  if (v === undefined) {
    v = JSON.stringify(s);
    if (literals.size >= 50_000) literals.clear();
    literals.set(s, v);
  }
  return v;
}

/**
 * The rendered `data` block and messages of a data object. The rule runner shares one data object
 * between all findings with the same data, so this is made once per distinct data, not per finding.
 */
interface RenderedData {
  block: string;
  /** Message literal by message template (a template is one rule's message in one language). */
  messages: Map<string, string>;
}
const renderedData = new WeakMap<object, RenderedData>();

const I10 = "\n          ";
const I12 = "\n            ";

function renderData(data: Record<string, string | number>): RenderedData {
  let r = renderedData.get(data);
  if (r === undefined) {
    let block = "";
    for (const key of Object.keys(data)) {
      const value = data[key];
      const text = typeof value === "string" ? literal(value) : JSON.stringify(value);
      if (text === undefined) continue;
      block += (block === "" ? "{" : ",") + I12 + JSON.stringify(key) + ": " + text;
    }
    r = { block: block === "" ? "{}" : block + I10 + "}", messages: new Map() };
    renderedData.set(data, r);
  }
  return r;
}

/** One finding as `JSON.stringify(jsonDiagnostic(d), null, 2)` indented by 8, without the objects. */
function renderDiagnostic(d: Diagnostic, lang: Lang): string {
  const data = renderData(d.data);
  const template = messageTemplate(d, lang);
  let message: string | undefined;
  if (template !== undefined) {
    message = data.messages.get(template);
    if (message === undefined) data.messages.set(template, (message = JSON.stringify(formatMessage(d, lang))));
  } else {
    message = JSON.stringify(formatMessage(d, lang));
  }
  return (
    "{" + I10 + '"ruleId": ' + literal(d.ruleId) +
    "," + I10 + '"severity": "' + d.severity + '"' +
    "," + I10 + '"message": ' + message +
    "," + I10 + '"line": ' + d.line +
    "," + I10 + '"column": ' + d.column +
    "," + I10 + '"endLine": ' + d.endLine +
    "," + I10 + '"endColumn": ' + d.endColumn +
    "," + I10 + '"project": ' + literal(d.project ?? null) +
    "," + I10 + '"indicator": ' + literal(d.indicator ?? null) +
    "," + I10 + '"messageId": ' + literal(d.messageId) +
    "," + I10 + '"data": ' + data.block +
    (d.ref === undefined ? "" : "," + I10 + '"ref": ' + JSON.stringify(d.ref)) +
    "\n        }"
  );
}

/**
 * The `json` report in pieces (a file's head, then its findings a thousand at a time), exactly the
 * text of `JSON.stringify(buildJsonReport(…), null, 2)`, so a report with hundreds of thousands of
 * findings is written without building one huge string.
 */
export function formatJsonChunks(reports: readonly FileReport[], options: ReportOptions): Generator<string> {
  return streamPieces(createJsonStream(options), reports);
}

/** The `json` report written file by file (see ReportStream). */
export function createJsonStream(options: ReportOptions): TextReportStream {
  let files = 0;
  return {
    begin: () => "",
    *file(r) {
      yield files++ === 0 ? '{\n  "files": [\n' : ",\n";
      yield* fileEntryChunks(r, options.lang);
    },
    end: () => (files === 0 ? '{\n  "files": []\n}\n' : "\n  ]\n}\n"),
  };
}

/**
 * One file's object of the `json` report in pieces, indented for its place in `"files": [ … ]`.
 * `more` (the text of further properties, each starting `,\n      "key": `) goes after `diagnostics`.
 */
export function* fileEntryChunks(r: FileReport, lang: Lang, more = ""): Generator<string> {
  const head = JSON.stringify(jsonFileHead(r), null, 2).replace(/\n/g, "\n    ");
  const open = head.slice(0, -1).trimEnd();
  if (r.eachDiagnostic ? r.errorCount + r.warningCount + r.infoCount === 0 : r.diagnostics.length === 0) {
    yield `    ${open},\n      "diagnostics": []${more}\n    }`;
    return;
  }
  yield `    ${open},\n      "diagnostics": [\n`;
  let chunk = "";
  let i = 0;
  // Files with very many findings keep them compactly: iterate without making them all at once.
  for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) {
    chunk += (i === 0 ? "        " : ",\n        ") + renderDiagnostic(d, lang);
    if (++i % 1000 === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + "\n      ]" + more + "\n    }";
}

/** The `json` report: pretty-printed with two spaces, ending with a newline. */
export function formatJson(reports: FileReport[], options: ReportOptions): string {
  return streamText(createJsonStream(options), reports);
}
