// The `pretty` reporter (default on a terminal): findings per file with a code frame underlining
// the offending text by display width, then a per-file counts table and a closing count line.
import type { ChalkInstance } from "chalk";
import { formatMessage } from "../i18n/format.js";
import type { Diagnostic, FileReport, ReportOptions } from "../types.js";
import { streamPieces, streamText, type TextReportStream } from "./load.js";
import { displayText, sanitizeChar, sanitizeText } from "./sanitize.js";
import {
  createChalk,
  formatFileCountsTable,
  formatTotalsLine,
  severityWord,
  sumTotals,
} from "./shared.js";
import { displayWidth, padEndDisplay } from "./text-width.js";

/** Display columns shown before the start of the underlined text (indicator cells are long). */
export const FRAME_COLUMNS_BEFORE = 30;
/** Display columns shown from the start of the underlined text on. */
export const FRAME_COLUMNS_AFTER = 50;

/** One source line cut to a window around a span, and the `^` line that underlines the span. */
export interface CodeFrame {
  text: string;
  carets: string;
}

/**
 * The window of `lineText` around the span that starts at `column` (1-based, code points) and
 * ends before `endColumn` (null: at the end of the line). About 30 display columns are kept
 * before the span and 50 from its start on, with `…` where the line is cut; unsafe characters are
 * shown escaped; the carets are aligned by display width (a Chinese character takes two).
 */
export function buildCodeFrame(lineText: string, column: number, endColumn: number | null): CodeFrame {
  return frameCodePoints(codePointsOf(lineText), column, endColumn);
}

/** Code points looked at on each side of the span start: a bound on the work for very long lines. */
const SCAN_LIMIT = 4 * (FRAME_COLUMNS_BEFORE + FRAME_COLUMNS_AFTER);

/**
 * The code points of a line, indexable: the line itself when it has no surrogates (each UTF-16
 * unit is then a code point: no array of one-character strings for a line of thousands).
 */
function codePointsOf(line: string): ArrayLike<string> {
  return SURROGATE.test(line) ? Array.from(line) : line;
}
const SURROGATE = /[\ud800-\udfff]/;

/** buildCodeFrame over a line already split into code points. */
function frameCodePoints(codePoints: ArrayLike<string>, column: number, endColumn: number | null): CodeFrame {
  const length = codePoints.length;
  const start = Math.min(Math.max(column - 1, 0), length);
  const end = endColumn === null ? length : Math.min(Math.max(endColumn - 1, start), length);
  // Only a neighbourhood of the start can be shown: code points are sanitised and measured as the
  // window grows, never more than SCAN_LIMIT away from the start.
  const from = Math.max(0, start - SCAN_LIMIT);
  const to = Math.min(length, start + SCAN_LIMIT);
  const width = (i: number): number => displayWidth(sanitizeChar(codePoints[i]!));

  let left = start;
  for (let used = 0; left > from; left--) {
    const w = width(left - 1);
    if (used + w > FRAME_COLUMNS_BEFORE) break;
    used += w;
  }
  let right = start;
  for (let used = 0; right < to; right++) {
    const w = width(right);
    if (used + w > FRAME_COLUMNS_AFTER) break;
    used += w;
  }
  if (right === start && start < length) right = start + 1;

  const cutLeft = left > 0 ? "…" : "";
  const cutRight = right < length ? "…" : "";
  let shown = "";
  let indent = displayWidth(cutLeft);
  let caretWidth = 0;
  const caretEnd = Math.min(end, right);
  for (let i = left; i < right; i++) {
    const piece = sanitizeChar(codePoints[i]!);
    shown += piece;
    if (i < start) indent += displayWidth(piece);
    else if (i < caretEnd) caretWidth += displayWidth(piece);
  }
  return { text: cutLeft + shown + cutRight, carets: " ".repeat(indent) + "^".repeat(Math.max(1, caretWidth)) };
}

/**
 * Line `n` (1-based) of a decoded file, split on `\n` or `\r\n` — found by a scan forward from the
 * line asked before (findings come in line order), so the lines of a big file (millions, when it
 * is no table) are never all made at once.
 */
function sourceLines(source: string): (n: number) => string | undefined {
  let number = 1;
  let start = 0;
  return (n) => {
    if (n < number) {
      number = 1;
      start = 0;
    }
    while (number < n && start !== -1) {
      const nl = source.indexOf("\n", start);
      start = nl === -1 ? -1 : nl + 1;
      number++;
    }
    if (start === -1 || n < 1) return undefined;
    const end = source.indexOf("\n", start);
    if (end === -1) return source.slice(start);
    return source.slice(start, end > start && source.charCodeAt(end - 1) === 13 ? end - 1 : end);
  };
}

function colorSeverity(word: string, d: Diagnostic, chalk: ChalkInstance): string {
  if (d.severity === "error") return chalk.red(word);
  if (d.severity === "warning") return chalk.yellow(word);
  return chalk.blue(word);
}

/** Findings rendered per chunk of the streamed report. */
const FINDINGS_PER_CHUNK = 1000;

/**
 * The block of one file in pieces: its path, then each finding with its code frame, a thousand
 * findings per piece. A file with very many findings is walked with `eachDiagnostic`, so they are
 * never all made at once.
 */
function* fileBlockChunks(report: FileReport, options: ReportOptions, chalk: ChalkInstance): Generator<string> {
  const path = sanitizeText(report.path);
  // A file too big to keep whole has its lines read again from disk, in order.
  const lineAt = report.source !== undefined ? sourceLines(report.source) : report.lines !== undefined ? (n: number) => report.lines!.line(n) : () => undefined;
  const severityColumn = Math.max(
    ...(["error", "warning", "info"] as const).map((s) => displayWidth(severityWord(s, options.lang))),
  );
  const findings = (): Iterable<Diagnostic> => (report.eachDiagnostic ? report.eachDiagnostic() : report.diagnostics);
  let maxLine = 1;
  for (const d of findings()) if (d.line > maxLine) maxLine = d.line;
  const gutterWidth = String(maxLine).length;
  const words = {} as Record<Diagnostic["severity"], string>;
  for (const s of ["error", "warning", "info"] as const) words[s] = padEndDisplay(severityWord(s, options.lang), severityColumn);
  const codePoints = new Map<number, ArrayLike<string>>();
  let chunk = chalk.bold.underline(path);
  let n = 0;
  try {
    for (const d of findings()) {
      const message = displayText(formatMessage(d, options.lang));
      chunk += `\n${path}:${d.line}:${d.column}${d.ref === undefined ? "" : ` (${sanitizeText(d.ref)})`}  ${colorSeverity(words[d.severity], d, chalk)}  ${message}  ${chalk.dim(sanitizeText(d.ruleId))}`;
      let cps = codePoints.get(d.line);
      if (cps === undefined && d.line >= 1) {
        const lineText = lineAt(d.line);
        if (lineText !== undefined) {
          // Findings come in line order: only the current line's code points are worth keeping.
          codePoints.clear();
          cps = codePointsOf(lineText);
          codePoints.set(d.line, cps);
        }
      }
      if (cps !== undefined) {
        const frame = frameCodePoints(cps, d.column, d.endLine === d.line ? d.endColumn : null);
        const gutter = chalk.dim(`${String(d.line).padStart(gutterWidth)} │`);
        const blank = chalk.dim(`${" ".repeat(gutterWidth)} │`);
        chunk += `\n  ${gutter} ${frame.text}\n  ${blank} ${colorSeverity(frame.carets, d, chalk)}`;
      }
      if (++n % FINDINGS_PER_CHUNK === 0) {
        yield chunk;
        chunk = "";
      }
    }
  } finally {
    report.lines?.close();
  }
  if (chunk !== "") yield chunk;
}

function hasFindings(r: FileReport): boolean {
  return r.eachDiagnostic ? r.errorCount + r.warningCount + r.infoCount > 0 : r.diagnostics.length > 0;
}

/**
 * The `pretty` report in pieces: one block per file with findings, the counts table, the closing
 * line. A report of hundreds of thousands of findings is written without one huge string.
 */
export function formatPrettyChunks(reports: readonly FileReport[], options: ReportOptions): Generator<string> {
  return streamPieces(createPrettyStream(options), reports);
}

/** The `pretty` report written file by file (see ReportStream). */
export function createPrettyStream(options: ReportOptions): TextReportStream {
  const chalk = createChalk(options.color);
  return {
    begin: () => "",
    *file(r) {
      if (!hasFindings(r)) return;
      yield* fileBlockChunks(r, options, chalk);
      yield "\n\n";
    },
    end(files) {
      const table = files.length > 0 ? formatFileCountsTable(files, options.lang, chalk) + "\n\n" : "";
      return table + formatTotalsLine(sumTotals(files), options.lang, chalk, options.quiet) + "\n";
    },
  };
}

/** The `pretty` report: one block per file with findings, the counts table, the closing line. */
export function formatPretty(reports: FileReport[], options: ReportOptions): string {
  return streamText(createPrettyStream(options), reports);
}
