// The outputs of `perftable convert`: the JSON document (SPEC §4), NDJSON (one indicator per
// line with its unit and project), and CSV (one row per indicator, UTF-8 with BOM for Excel).
import { escapeJsonForTerminal, sanitizeText } from "../reporters/sanitize.js";
import { isUnparsable } from "../table/amount.js";
import { type Indicator, MONEY_KEYS, type MoneyKey, type Project, type TableDocument, type Target, type Unit } from "../types.js";

export type ConvertFormat = "json" | "ndjson" | "csv";
export const CONVERT_FORMATS: readonly ConvertFormat[] = ["json", "ndjson", "csv"];

/**
 * Writes the JSON of documents part by part, the same way whether they are in memory or streamed:
 * the document's own fields one per line, each unit's fields on one line, each project on one line.
 * Compact where the bulk is, so a 100 MB table converts quickly; still easy to skim and diff.
 */
export class JsonWriter {
  private out: string[] = [];
  private tableIndex = -1;
  private headWritten = false;
  private unitsInTable = 0;
  private projectsInUnit = 0;
  private projectChars = 0;

  /** `tables`: how many documents will be written (more than one makes a JSON array). */
  constructor(private readonly tables: number) {}

  /** About how much is written and not yet taken (the projects' length). */
  get pending(): number {
    return this.projectChars;
  }

  /** Take what was written so far. */
  drain(): string {
    const s = this.out.join("");
    this.out = [];
    this.projectChars = 0;
    return s;
  }

  startTable(_doc: TableDocument): void {
    this.tableIndex++;
    if (this.tables > 1) this.out.push(this.tableIndex === 0 ? "[\n" : ",\n");
    this.headWritten = false;
    this.unitsInTable = 0;
  }

  /** Go on after units written elsewhere (another part of the table): the head and a unit are out. */
  continueUnits(): void {
    this.headWritten = true;
    this.unitsInTable = Math.max(1, this.unitsInTable);
  }

  private writeHead(doc: TableDocument): void {
    if (this.headWritten) return;
    this.headWritten = true;
    const head = { title: doc.title, department: doc.department, moneyUnit: doc.moneyUnit, encoding: doc.encoding, ...(doc.sheet !== undefined ? { sheet: doc.sheet } : {}), line: doc.line, header: doc.header, total: doc.total };
    this.out.push("{\n");
    for (const [k, v] of Object.entries(head)) this.out.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`);
    this.out.push('  "units": [');
  }

  openUnit(unit: Unit, doc: TableDocument): void {
    this.writeHead(doc);
    const fields: string[] = [];
    for (const [k, v] of Object.entries(unit)) {
      if (k !== "projects" && k !== "ambiguous" && v !== undefined) fields.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    }
    this.out.push(`${this.unitsInTable++ === 0 ? "\n" : ",\n"}    {${fields.join(",")},"projects":[`);
    this.projectsInUnit = 0;
  }

  project(project: Project): void {
    const json = JSON.stringify(project);
    this.projectChars += json.length;
    this.out.push(this.projectsInUnit++ === 0 ? "\n      " : ",\n      ", json);
  }

  closeUnit(unit: Unit): void {
    this.out.push(this.projectsInUnit === 0 ? "]" : "\n    ]");
    if (unit.ambiguous) this.out.push(',"ambiguous":true');
    this.out.push("}");
  }

  endTable(doc: TableDocument): void {
    this.writeHead(doc);
    this.out.push(this.unitsInTable === 0 ? "]" : "\n  ]");
    if (doc.notes) this.out.push(`,\n  "notes": ${JSON.stringify(doc.notes)}`);
    if (doc.footnotes) this.out.push(`,\n  "footnotes": ${JSON.stringify(doc.footnotes)}`);
    this.out.push("\n}");
    if (this.tableIndex === this.tables - 1) this.out.push(this.tables > 1 ? "\n]\n" : "\n");
  }
}

/** JSON: one document, or an array when the input held several tables. */
export function formatJson(docs: readonly TableDocument[]): string {
  return [...jsonChunks(docs)].join("");
}

/**
 * The length (UTF-16 units) from which the pieces gathered (lines, projects) are a chunk of output
 * text: a big workbook's JSON or NDJSON is tens of megabytes, written chunk by chunk rather than
 * made into one string (and then bytes), which doubled convert's memory.
 */
const CHUNK_CHARS = 1 << 16;

/** The JSON of formatJson in chunks of about CHUNK_CHARS (each ends after a whole project or line). */
function* jsonChunks(docs: readonly TableDocument[]): Generator<string> {
  if (docs.length === 0) {
    yield "[]\n";
    return;
  }
  const w = new JsonWriter(docs.length);
  for (const doc of docs) {
    w.startTable(doc);
    for (const unit of doc.units) {
      w.openUnit(unit, doc);
      for (const p of unit.projects) {
        w.project(p);
        if (w.pending >= CHUNK_CHARS) yield w.drain();
      }
      w.closeUnit(unit);
    }
    w.endTable(doc);
  }
  yield w.drain();
}

/** Strings joined into chunks of about CHUNK_CHARS. */
function* joined(pieces: Iterable<string>): Generator<string> {
  let out: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    out.push(piece);
    length += piece.length;
    if (length >= CHUNK_CHARS) {
      yield out.join("");
      out = [];
      length = 0;
    }
  }
  if (out.length > 0) yield out.join("");
}

/** Visit every indicator (and every project without one, with `null`). */
function* eachIndicator(doc: TableDocument): Generator<[Unit, Project, Indicator | null]> {
  for (const unit of doc.units) {
    for (const project of unit.projects) {
      if (project.indicators.length === 0) yield [unit, project, null];
      for (const i of project.indicators) yield [unit, project, i];
    }
  }
}

/** Whether a money cell of the row holds text that is not a number (its amount is null, its raw text not). */
function hasUnreadableAmount(p: Project): boolean {
  return MONEY_KEYS.some((k) => isUnparsable(p, k));
}

/**
 * A money cell for CSV: the amount, or the published text when that is not a number (an empty cell
 * means no money from that source: `七十`, `５８.５０` must not read as nothing).
 */
function csvAmount(p: Project, k: MoneyKey): string | null {
  return p.amounts[k] ?? p.amountsRaw?.[k] ?? null;
}

/** NDJSON: one line per indicator with its department, unit and project (and sheet, from a workbook). */
export function formatNdjson(docs: readonly TableDocument[]): string {
  return [...allNdjsonLines(docs)].join("");
}

function* allNdjsonLines(docs: readonly TableDocument[]): Generator<string> {
  for (const doc of docs) yield* ndjsonLines(doc);
}

/** The NDJSON lines of one table. */
export function* ndjsonLines(doc: TableDocument): Generator<string> {
  for (const unit of doc.units) {
    for (const project of unit.projects) {
      // The project's part of its lines, made once: `indicator` is the last key, so a line is this
      // head up to `null}` and then the indicator's own JSON.
      const head = JSON.stringify({
        // From a workbook, the sheet first: two sheets' rows are told apart (their lines both start at 1).
        ...(doc.sheet !== undefined ? { sheet: doc.sheet } : {}),
        department: doc.department,
        moneyUnit: doc.moneyUnit,
        unit: unit.name,
        project: project.name,
        projectLine: project.line,
        amounts: project.amounts,
        // The published text too when an amount is not a number (null would read as no money).
        ...(hasUnreadableAmount(project) ? { amountsRaw: project.amountsRaw } : {}),
        goal: project.goal,
        indicator: null,
      });
      const prefix = head.slice(0, head.length - "null}".length);
      if (project.indicators.length === 0) yield prefix + "null}\n";
      for (const i of project.indicators) yield prefix + JSON.stringify(i) + "}\n";
    }
  }
}

export const CSV_COLUMNS = [
  "department", "moneyUnit", "unit", "project", "line", "total", "appropriation", "specialAccount", "other",
  "seq", "level1Code", "level1", "level2Code", "level2", "name",
  "periodRaw", "periodKind", "periodComparator", "periodValue", "periodUnit",
  "annualRaw", "annualKind", "annualComparator", "annualValue", "annualUnit", "error",
] as const;

/**
 * Quote a CSV cell (RFC 4180). The text is the table's, exactly, unless `escapeFormulas` (the opt-in
 * `--escape-formulas`): then a text cell that a spreadsheet would run as a formula — starting with
 * = + - @ (or a tab / carriage return), longer than that one character, and not a plain number such
 * as `-3.00` — gets a leading apostrophe (OWASP's advice). `terminal`: the CSV is shown on a
 * terminal, so control and bidi characters become visible `\uXXXX` text (and a tab a space) as in
 * the other terminal reports, before the cell is quoted.
 */
export function csvCell(value: string | number | null | undefined, terminal = false, escapeFormulas = false): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (escapeFormulas && typeof value === "string" && s.length > 1 && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = "'" + s;
  if (terminal) s = sanitizeText(s);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function targetCells(t: Target | null | undefined): (string | null)[] {
  return t ? [t.raw, t.kind, t.comparator, t.value, t.unit] : [null, null, null, null, null];
}

/**
 * The CSV header line (with the BOM that makes Excel read UTF-8). `sheet`: the documents come from a
 * workbook, and a first column `sheet` names each row's sheet (text and .csv tables keep their columns).
 */
export function csvHeader(sheet = false): string {
  return "\uFEFF" + (sheet ? "sheet," : "") + CSV_COLUMNS.join(",") + "\r\n";
}

/** The CSV rows (with their CRLF) of one table; `terminal`, `escapeFormulas`: see csvCell; `sheet`: see csvHeader. */
export function* csvRows(doc: TableDocument, terminal = false, sheet = false, escapeFormulas = false): Generator<string> {
  const first = sheet ? csvCell(doc.sheet ?? null, terminal, escapeFormulas) + "," : "";
  for (const [unit, p, i] of eachIndicator(doc)) {
    const cells = [
      doc.department, doc.moneyUnit, unit.name, p.name, p.line,
      csvAmount(p, "total"), csvAmount(p, "appropriation"), csvAmount(p, "specialAccount"), csvAmount(p, "other"),
      i?.seq ?? null, i?.level1?.code ?? null, i?.level1?.name ?? null, i?.level2?.code ?? null, i?.level2?.name ?? null, i?.name ?? null,
      ...targetCells(i?.period), ...targetCells(i?.annual), i?.error ?? null,
    ];
    yield first + cells.map((cell) => csvCell(cell, terminal, escapeFormulas)).join(",") + "\r\n";
  }
}

/**
 * CSV: a header and one row per indicator, UTF-8 with BOM, CRLF line ends; a first column `sheet`
 * when the documents come from a workbook. `terminal`: cells made safe to show on a terminal;
 * `escapeFormulas`: cells a spreadsheet would run as formulas get a leading `'` (see csvCell).
 */
export function formatCsv(docs: readonly TableDocument[], terminal = false, escapeFormulas = false): string {
  return [...allCsvRows(docs, terminal, escapeFormulas)].join("");
}

/** The header and the rows of formatCsv. */
function* allCsvRows(docs: readonly TableDocument[], terminal: boolean, escapeFormulas: boolean): Generator<string> {
  const sheet = docs.some((d) => d.sheet !== undefined);
  yield csvHeader(sheet);
  for (const doc of docs) yield* csvRows(doc, terminal, sheet, escapeFormulas);
}

/**
 * Format documents in one of the convert formats. `terminal`: the text is shown on a terminal, so
 * no control, C1 or bidi character of the data is written raw: JSON and NDJSON have them as `\uXXXX`
 * escapes (the same JSON values), CSV cells show them as `\uXXXX` text (see csvCell).
 * `escapeFormulas` (CSV only): a leading `'` on cells a spreadsheet would run as formulas; off by
 * default, so that the CSV carries the table's text exactly as JSON does.
 */
export function formatDocuments(format: ConvertFormat, docs: readonly TableDocument[], options: { terminal?: boolean; escapeFormulas?: boolean } = {}): string {
  return [...documentChunks(format, docs, options)].join("");
}

/**
 * The text of formatDocuments in chunks, for writing as they are made (the whole text of a big
 * workbook would be held twice over, as a string and then as bytes). Each chunk ends after a whole
 * line or project. A RangeError for a format it does not know, before any chunk.
 */
export function documentChunks(format: ConvertFormat, docs: readonly TableDocument[], options: { terminal?: boolean; escapeFormulas?: boolean } = {}): Iterable<string> {
  const terminal = options.terminal === true;
  if (format === "csv") return joined(allCsvRows(docs, terminal, options.escapeFormulas === true));
  // (A caller without the types gets an error, not NDJSON for a format it did not ask for.)
  if (format !== "json" && format !== "ndjson") throw new RangeError(`unknown format "${String(format)}": use one of ${CONVERT_FORMATS.join(", ")}`);
  const chunks = format === "json" ? jsonChunks(docs) : joined(allNdjsonLines(docs));
  return terminal ? escapedChunks(chunks) : chunks;
}

function* escapedChunks(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield escapeJsonForTerminal(chunk);
}
