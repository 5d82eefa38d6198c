// parseTable: bytes or text in, the document model of every table in it out, with the reader's
// diagnostics (table/*, indicator/syntax, input/unreadable). The library entry point of `convert`.
import { decodeInput, type EncodingOption, type NoTableBefore } from "../io/decode.js";
import type { Replaced } from "../io/replaced.js";
import type { AmountRow, Diagnostic, Project, Result, Span, TableDocument, Unit } from "../types.js";
import { TableReader, type TableSink } from "./reader.js";
import type { RawRow } from "./rows.js";
import { splitRows } from "./split.js";

export interface ParseOptions {
  /** Forced encoding for bytes (default: detect). */
  encoding?: EncodingOption;
}

/** Everything the reader found, kept in memory. */
class CollectingSink implements TableSink {
  readonly tables: TableDocument[] = [];
  readonly diagnostics: Diagnostic[] = [];
  startTable(doc: TableDocument): void {
    this.tables.push(doc);
  }
  total(_row: AmountRow): void {}
  project(_p: Project, _u: Unit): void {}
  endUnit(_u: Unit): void {}
  endTable(_doc: TableDocument): void {}
  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** An `input/unreadable` diagnostic at the start of the file. */
export function unreadable(messageId: string, data: Record<string, string> = {}): Diagnostic {
  // At its place when it has one (a byte that is not UTF-8), else at the start of the file.
  const line = Number(data.line);
  const column = Number(data.column);
  const at = line > 0 && column > 0 ? { line, column, endLine: line, endColumn: column + 1 } : START;
  return { ruleId: "input/unreadable", severity: "error", messageId, data, ...at, project: null, indicator: null };
}

/**
 * The `input/replaced-bytes` finding of a file whose decoding replaced bytes by U+FFFD: one per file,
 * at the first replacement character, with the count and the byte offset of the first. Not given
 * when the file holds no table (its input/unreadable finding says why).
 */
export function replacedBytes(encoding: string, replaced: Replaced): Diagnostic {
  const { line, column } = replaced;
  return {
    ruleId: "input/replaced-bytes",
    severity: "warning",
    messageId: "replaced",
    data: { encoding, count: replaced.count, offset: replaced.offset },
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    project: null,
    indicator: null,
  };
}

/**
 * The `input/unreadable` finding of a reader that found no table: `noTable`, or `noTableWithin`
 * when it stopped looking for a header (the rest of the input was not read).
 */
export function noTable(reader: TableReader, notUtf8?: Record<string, string>): Diagnostic {
  // Taken for GB18030 because one byte was not UTF-8: that byte is the likelier story (read so, a
  // long UTF-8 table is garbage past the header search bound too).
  if (notUtf8 !== undefined) return unreadable("noTableNotUtf8", notUtf8);
  return reader.stopped === null ? unreadable("noTable") : unreadable("noTableWithin", { line: String(reader.stopped.to) });
}

/** Read every table from rows already split into cells (used for .csv / .xlsx input too). */
export function parseRows(rows: Iterable<RawRow>, encoding: string, notUtf8?: Record<string, string>, replaced?: Replaced): Result<TableDocument[]> {
  const sink = new CollectingSink();
  const reader = new TableReader(sink, { encoding, retain: true });
  for (const row of rows) {
    reader.push(row);
    if (reader.stopped !== null) break;
  }
  if (reader.end() === 0) sink.diagnostics.push(noTable(reader, notUtf8));
  else if (replaced !== undefined) sink.diagnostics.push(replacedBytes(encoding, replaced));
  return { value: sink.tables, diagnostics: sink.diagnostics };
}

/** A sink that keeps nothing (for readers that only look for a table). */
export const nullSink: TableSink = { startTable() {}, total() {}, project() {}, endUnit() {}, endTable() {}, diagnostic() {} };

/**
 * The finding of a reader of `text` that stops looking for a header within it without finding a
 * table, else null: `text` is what a read decodes before a byte it fails on (a NUL character, a
 * byte that is not UTF-8), which a streamed read, stopping there, never reaches (see io/decode.ts's
 * NoTableBefore). The complete lines are read as rows; the line that byte cuts off is asked about
 * as a streamed read asks about a line it is still reading (TableReader.mayRead).
 */
export const noTableBefore: NoTableBefore = (text, encoding, notUtf8) => {
  const last = text.lastIndexOf("\n");
  const reader = new TableReader(nullSink, { encoding, retain: false, skipIndicators: true });
  let line = 1;
  for (const row of splitRows(text.slice(0, last + 1))) {
    reader.push(row);
    if (reader.currentTable !== null || reader.tables > 0) return null;
    if (reader.stopped !== null) break;
    line = row.line + 1;
  }
  const cut = text.length - (last + 1);
  if (reader.stopped === null && cut > 0) reader.mayRead(cut, line);
  if (reader.stopped === null || reader.tables > 0) return null;
  // (Stopped: noTableWithin, or noTableNotUtf8 when read as GB18030 for a byte that is not UTF-8.)
  const found = noTable(reader, notUtf8);
  return { messageId: found.messageId as "noTableWithin" | "noTableNotUtf8", data: found.data as Record<string, string> };
};

/**
 * Why `input` holds no table (its `input/unreadable` finding), or null as soon as a table's header
 * is read: a reader without rules that keeps nothing, for the cheap questions (is a scanned file a
 * table, does the head of an endless standard input hold one).
 */
export function whyNoTable(input: Uint8Array, encoding: EncodingOption = "auto"): Diagnostic | null {
  const decoded = decodeInput(input, encoding, noTableBefore);
  if (!decoded.ok) return unreadable(decoded.messageId, decoded.data);
  const reader = new TableReader(nullSink, { encoding: decoded.encoding, retain: false, skipIndicators: true });
  for (const row of splitRows(decoded.text)) {
    reader.push(row);
    if (reader.currentTable !== null || reader.tables > 0) return null;
    if (reader.stopped !== null) break;
  }
  return reader.end() > 0 ? null : noTable(reader, decoded.notUtf8);
}

/**
 * Parse a performance table. `input` is decoded text, or bytes (decoded by BOM, then UTF-8, then
 * GB18030 unless `options.encoding` forces one). Returns one document per table in the input (none
 * when the input is not a table, with an `input/unreadable` diagnostic). Never throws.
 */
export function parseTable(input: string | Uint8Array, options: ParseOptions = {}): Result<TableDocument[]> {
  const decoded = decodeInput(input, options.encoding ?? "auto", noTableBefore);
  if (!decoded.ok) return { value: [], diagnostics: [unreadable(decoded.messageId, decoded.data)] };
  return parseRows(splitRows(decoded.text), decoded.encoding, decoded.notUtf8, decoded.replaced);
}
