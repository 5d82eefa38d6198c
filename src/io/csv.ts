// Reads a decoded .csv table (RFC 4180, via csv-parse) into the rows of cells the table reader
// takes, with each cell's line, code-point column and spreadsheet reference (`G12`).
import { createRequire } from "node:module";

// csv-parse is loaded only when a .csv file is read, not at every start-up.
const requireLazy = createRequire(import.meta.url);
let parseModule: typeof import("csv-parse/sync") | undefined;
function csvParser(): typeof import("csv-parse/sync").parse {
  return (parseModule ??= requireLazy("csv-parse/sync") as typeof import("csv-parse/sync")).parse;
}
import type { RawCell, RawRow } from "../table/rows.js";
import type { Diagnostic, Result } from "../types.js";
import { columnLetters, readFailure, trimCell } from "./formats.js";

/** Turns increasing UTF-16 offsets of a text into 1-based line and code-point column, in one pass. */
class PositionCursor {
  private offset = 0;
  private line = 1;
  private column = 1;
  constructor(private readonly text: string) {}

  at(target: number): { line: number; column: number } {
    const t = this.text;
    // Offsets only grow; a smaller one (never expected) restarts from the top.
    if (target < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.column = 1;
    }
    for (let i = this.offset; i < target; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x0a) {
        this.line++;
        this.column = 1;
      } else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(t.charCodeAt(i - 1)))) {
        this.column++;
      }
    }
    this.offset = target;
    return { line: this.line, column: this.column };
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Offsets (within one record's raw text) where each field starts, following csv-parse with
 * `relax_quotes`: a field opening with `"` runs to its closing quote, then to the next comma.
 */
function fieldBounds(raw: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = raw.endsWith("\n") ? raw.length - 1 : raw.length;
  let i = 0;
  for (;;) {
    const start = i;
    if (raw.charCodeAt(i) === 0x22) {
      i++;
      while (i < n) {
        if (raw.charCodeAt(i) === 0x22) {
          if (raw.charCodeAt(i + 1) === 0x22) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < n && raw.charCodeAt(i) !== 0x2c) i++;
    out.push({ start, end: i });
    if (i >= n) return out;
    i++;
  }
}

interface Parsed {
  record: string[];
  raw: string;
}

/** csv-parse's errors that relaxed parsing can still meet, in Chinese. */
const CSV_ERRORS_ZH: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "引号未闭合",
  CSV_INVALID_CLOSING_QUOTE: "引号后的字符无效",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "引号后的字符无效",
  CSV_MAX_RECORD_SIZE: "记录过长",
};

/** A csv-parse error in Chinese (by its code), else its English title. */
function describeCsvErrorZh(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === "string" ? CSV_ERRORS_ZH[code] : undefined) ?? describeCsvError(error);
}

/** The title of a csv-parse message (`Quote Not Closed: the parsing is …` → `Quote Not Closed`). */
function describeCsvError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const colon = message.indexOf(":");
  return colon > 0 ? message.slice(0, colon) : message;
}

/**
 * Read the records of a decoded CSV text. Each cell's text is trimmed like the tab-separated
 * reader's; `line`/`column` locate its first character in the file (1-based, columns in code
 * points); `ref` is its spreadsheet reference (column letter + record number, `A12`), as a
 * spreadsheet program would show the file. Quoted cells may hold commas, tabs and line breaks.
 * Records csv-parse cannot read (an unclosed quote) are reported as `input/unreadable` (`ioError`,
 * "CSV: … at line N") at their line; the records around them are kept. A file whose header row is
 * one cell of names between semicolons (a semicolon-separated CSV) gives one `ioError` saying so,
 * and no rows. Never throws.
 */
export function readCsvRows(text: string): Result<RawRow[]> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // One record delimiter only: CRLF becomes LF (positions stay the same, CR only ends a line).
  const normal = source.includes("\r\n") ? source.replace(/\r\n/g, "\n") : source;
  const cursor = new PositionCursor(normal);
  const rows: RawRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  let recordNumber = 0;

  const consume = (raw: string): number => {
    let start = offset;
    if (!normal.startsWith(raw, offset)) {
      const found = normal.indexOf(raw, offset);
      if (found !== -1) start = found;
    }
    offset = start + raw.length;
    recordNumber++;
    return start;
  };
  const fail = (error: unknown, at: number) => {
    const { line } = cursor.at(Math.min(at, normal.length));
    diagnostics.push(readFailure(`CSV: ${describeCsvError(error)} at line ${line}`, line, `CSV 第 ${line} 行：${describeCsvErrorZh(error)}`));
  };

  try {
    csvParser()(normal, {
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      record_delimiter: "\n",
      on_record: (parsed: unknown) => {
        const { record, raw } = parsed as Parsed;
        const start = consume(raw);
        const row = buildRow(record, raw, start, recordNumber, cursor);
        if (row !== null) rows.push(row);
        return null;
      },
      on_skip: (error: unknown, raw: string | undefined) => {
        const start = raw === undefined ? offset : consume(raw);
        fail(error, start);
        return undefined;
      },
    });
  } catch (error) {
    fail(error, offset);
  }
  // A header whose names all sit in one cell between semicolons: a CSV from a European Excel (or a
  // locale whose list separator is `;`), read as comma-separated it has no table. Said as such.
  const semicolons = rows.find((row) => row.cells.some((c) => c.text.includes(";") && c.text.includes("项目名称") && c.text.includes("绩效指标")));
  if (semicolons !== undefined) {
    const line = semicolons.line;
    return {
      value: [],
      diagnostics: [
        readFailure(
          `the .csv file is separated by semicolons (;), not commas: its header row (line ${line}) is one cell; save it as CSV with commas, or as Unicode text (.txt)`,
          line,
          `.csv 文件以分号（;）而不是逗号分隔：其表头行（第 ${line} 行）被读成一个单元格；请另存为逗号分隔的 CSV，或“Unicode 文本”（.txt）`,
        ),
      ],
    };
  }
  return { value: rows, diagnostics };
}

/** Offsets of the quotes in `text`, when the quoted `field` wrote each of them doubled (else none). */
function doubledQuotes(text: string, field: string): number[] {
  const at: number[] = [];
  for (let k = text.indexOf('"'); k !== -1; k = text.indexOf('"', k + 1)) at.push(k);
  return field.split('""').length - 1 === at.length ? at : [];
}

/** A row of trimmed cells from one record; null when every cell is empty (a blank line). */
function buildRow(record: string[], raw: string, recordStart: number, recordNumber: number, cursor: PositionCursor): RawRow | null {
  if (record.every((v) => trimCell(v).text === "")) return null;
  const bounds = fieldBounds(raw);
  const cells: RawCell[] = [];
  const rowLine = cursor.at(recordStart).line;
  for (let j = 0; j < record.length; j++) {
    const value = record[j]!;
    const b = bounds[j] ?? { start: raw.length, end: raw.length };
    // A quoted field's text starts after its opening quote; a field csv-parse kept literally (a
    // stray quote, relaxed) starts at the field itself.
    const quoted = raw.charCodeAt(b.start) === 0x22 && raw.slice(b.start, b.end) !== value;
    const trimmed = trimCell(value);
    const { line, column } = cursor.at(recordStart + b.start + (quoted ? 1 : 0) + trimmed.lead);
    const cell: RawCell = { text: trimmed.text, line, column, ref: `${columnLetters(j)}${recordNumber}` };
    // Its quotes, each written `""` in a quoted field: two columns in the file (see RawCell.doubled).
    const doubled = quoted && trimmed.text.includes('"') ? doubledQuotes(trimmed.text, raw.slice(b.start, b.end)) : null;
    if (doubled !== null && doubled.length > 0) cell.doubled = doubled;
    cells.push(cell);
  }
  return { line: rowLine, cells };
}
