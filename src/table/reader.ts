// The table reader: a streaming state machine over rows of cells. It finds each table's preamble
// and header (one row, or two: see mergeHeaderRows), classifies rows as 合计 / unit / project
// (SPEC §2) and keeps note rows (注：…) apart as footnotes, parses indicator cells, and hands every
// node to a sink as soon as it is complete, so a check never needs the whole table in memory.
import { parseIndicators } from "../../grammar/index.js";
import type { AmountRow, ColumnKey, Diagnostic, Footnote, HeaderColumn, MoneyKey, OptionalColumnKey, Project, Span, TableDocument, TotalRow, Unit } from "../types.js";
import { MONEY_KEYS, NAME_DOUBLED } from "../types.js";
import { compareSum, MoneySum, parseAmount } from "./amount.js";
import type { RawCell, RawRow } from "./rows.js";
import { detach } from "./split.js";

/** Receives the nodes of each table in document order. */
export interface TableSink {
  /** A table's preamble and header are known (units still empty). */
  startTable(doc: TableDocument): void;
  total(row: AmountRow, doc: TableDocument): void;
  /** A project is complete; `unit` is the unit it belongs to (still growing). */
  project(project: Project, unit: Unit, doc: TableDocument): void;
  /** A unit and all its projects are complete. */
  endUnit(unit: Unit, doc: TableDocument): void;
  endTable(doc: TableDocument): void;
  diagnostic(d: Diagnostic): void;
}

export interface ReaderOptions {
  encoding: string;
  /** Keep each unit and its projects in the document after `endUnit` (convert); drop them to stream (check). */
  retain: boolean;
  /** Do not parse indicator cells (a quick pass that only needs the structure). */
  skipIndicators?: boolean;
  /**
   * Keep note rows in the document's `footnotes` (default: `retain`). A check does not need them;
   * a streamed conversion to JSON writes them at the table's end.
   */
  footnotes?: boolean;
}

const HEADER_ALIASES: [RegExp, ColumnKey][] = [
  [/^项目名称/, "name"],
  [/^(总计|合计)$/, "total"],
  [/^财政拨款/, "appropriation"],
  [/^财政专户(拨款|管理资金)/, "specialAccount"],
  [/^(其他资金|其它资金|单位资金)/, "other"],
  [/^(年度)?绩效目标/, "goal"],
  [/^绩效指标/, "indicators"],
];
/**
 * Columns that published tables often have besides the canonical ones (SPEC §2), known by their exact
 * names (spaces removed): 序号, the row number, first, and 备注, remarks, last. Not reported as
 * unknown; their cells are kept in each row's `extra` as an unknown column's are, and never change
 * how a row is read. They do not count towards a header row (namesHeader) nor decide a two-row
 * header (mergeHeaderRows): those use the canonical names only, as before.
 */
const OPTIONAL_COLUMNS: ReadonlyMap<string, OptionalColumnKey> = new Map([
  ["序号", "seq"],
  ["备注", "remarks"],
]);
const OPTIONAL_COLUMNS_KEYS: ReadonlySet<string> = new Set(OPTIONAL_COLUMNS.values());
const REQUIRED: ColumnKey[] = ["name", "total", "goal", "indicators"];
/** The published header name of each required column, for the Chinese message. */
const REQUIRED_ZH: Partial<Record<ColumnKey, string>> = { name: "项目名称", total: "总计", goal: "绩效目标", indicators: "绩效指标" };
/**
 * A merged cell over the 绩效目标 and 绩效指标 columns, their names on the row below (`绩效信息`,
 * `绩效目标及指标`, `绩效目标和绩效指标`, spaces removed). The first row of such a header has too
 * few column names to be a header alone (or takes the group for 绩效目标): see mergeHeaderRows.
 */
const PERFORMANCE_GROUP = /^绩效(?:信息|目标(?:及|和|与|、|以及)?(?:绩效)?指标)$/;
const TITLE = /绩效目标表|绩效目标申报表/;
const DEPARTMENT = /^(部门|单位)名称\s*[:：]\s*(.*)$/s;
const MONEY_UNIT = /^(?:金额)?单位\s*[:：]\s*(.*)$/s;
const TOTAL_NAME = /^(合[\s\u3000]*计|总[\s\u3000]*计)$/;

/**
 * A note row's text: 注 followed by a colon or a number (`注：`, `注:`, `注1：`, `注1.`), or 说明,
 * 备注, 附注, 填表说明 followed by a colon (perhaps after a number: `说明2：`). The colon is required
 * after the words: a project may be named 备注… or 说明…; none is named `说明：…`.
 */
const NOTE = /^(?:注[\s\u3000]*[:：0-9０-９]|(?:说明|备注|附注|填表说明)[\s\u3000]*(?:[0-9０-９]+[\s\u3000]*)?[:：])/;
/** The first characters of NOTE (注 说 备 附 填): the only rows the regular expression is tried on. */
function mayStartNote(code: number): boolean {
  return code === 0x6ce8 || code === 0x8bf4 || code === 0x5907 || code === 0x9644 || code === 0x586b;
}
/**
 * A note's label alone in its cell (`注：`, `注1.`, `说明：`, `填表说明：`), its text in a cell after it: a
 * spreadsheet's layout. Tried only on cells NOTE matches.
 */
const NOTE_LABEL = /^(?:注|说明|备注|附注|填表说明)[\s\u3000]*(?:[0-9０-９]+[\s\u3000]*)?[:：.．]?$/;
/** Whether a cell's text starts a note (NOTE; the first character is tried before the expression). */
function isNote(text: string): boolean {
  return mayStartNote(text.charCodeAt(0)) && NOTE.test(text);
}
/** Whether a cell's text is a note's label alone (NOTE_LABEL), its text in a cell after it. */
function isNoteLabel(text: string): boolean {
  return isNote(text) && NOTE_LABEL.test(text);
}
/** A numbered item of a note (`2.`, `2、`, `（2）`, `(2)`, `2）`), which continues it even in a row with tabs. */
const NOTE_ITEM = /^(?:[0-9０-９]+[.．、)）]|[（(][0-9０-９]+[)）])/;

/**
 * How far the reader looks for a table's header row: past this many non-blank lines, or this many
 * characters of text, since the file's start or the previous table's rows, it stops looking (and its
 * caller stops reading). A real preamble is a handful of lines (title, 部门名称, 单位, a note or
 * two: 9 lines and 346 bytes at most in fixtures/); without the bound, a file with no header row
 * kept every line of itself as preamble notes, in memory.
 */
export const HEADER_SEARCH_LINES = 1000;
export const HEADER_SEARCH_CHARS = 1 << 20;

/** Map a header cell's text to its canonical key (or null for an unknown column). */
export function headerKey(text: string): ColumnKey | null {
  const t = text.replace(/[\s\u3000]/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
  for (const [re, key] of HEADER_ALIASES) if (re.test(t)) return key;
  return null;
}

/** The key of a header cell in the document: a canonical column's (headerKey), an optional one's (OPTIONAL_COLUMNS), or null. */
function columnKey(text: string): ColumnKey | OptionalColumnKey | null {
  return headerKey(text) ?? OPTIONAL_COLUMNS.get(text.replace(/[\s\u3000]/g, "")) ?? null;
}

/** Whether a header cell is a group over the performance columns (PERFORMANCE_GROUP). */
function isPerformanceGroup(text: string): boolean {
  return PERFORMANCE_GROUP.test(text.replace(/[\s\u3000]/g, ""));
}

/** Whether the texts of a row (by index; a sparse array or undefined for an empty cell) make a header row alone: 项目名称 and at least three known column names. */
function namesHeader(texts: readonly (string | undefined)[]): boolean {
  let name = false;
  let known = 0;
  for (const text of texts) {
    if (text === undefined) continue;
    const key = headerKey(text);
    if (key === "name") name = true;
    if (key !== null) known++;
  }
  return name && known >= 3;
}

function span(line: number, column: number, length: number): Span {
  return { line, column, endLine: line, endColumn: column + Math.max(length, 1) };
}

function cellLength(cell: RawCell | undefined): number {
  return cell === undefined ? 1 : [...cell.text].length || 1;
}

function diag(ruleId: string, messageId: string, data: Record<string, string | number>, at: Span, project: string | null = null): Diagnostic {
  return { ruleId, severity: "error", messageId, data, ...at, project, indicator: null };
}

/** Where the value of a `单位：…` cell is (after the label and spaces), in code points; the cell when it is empty. */
function unitSpan(cell: RawCell, value: string): Span {
  const text = value.trim();
  if (text === "") return span(cell.line, cell.column, cellLength(cell));
  const before = cell.text.length - value.trimStart().length;
  return span(cell.line, cell.column + [...cell.text.slice(0, before)].length, [...text].length);
}

/** What the lines before a header said: title, 部门名称, 单位 and the rest (notes). */
interface Preamble {
  title: string | null;
  department: string | null;
  moneyUnit: string | null;
  /** Where the money unit's text is (for a finding about it). */
  moneyUnitAt: Span | null;
  line: number | null;
  notes: { line: number; text: string }[];
  /** A later 单位 line that names another money unit than the first (reported), and where. */
  otherMoneyUnit: { unit: string; at: Span } | null;
}

interface OpenUnit {
  unit: Unit;
  sum: MoneySum;
}

/** A bare row that came while the open unit did not add up, held until the rows after it decide. */
interface PendingRow {
  nameCell: RawCell;
  amountRow: AmountRow;
  asProject: Project;
  following: Project[];
}

/**
 * Reads rows and reports tables to a sink. Usage: `push(row)` for every row in order, then `end()`.
 * Never throws on bad input.
 */
export class TableReader {
  private doc: TableDocument | null = null;
  /** The index of the first column of each key. */
  private columns: Map<ColumnKey | OptionalColumnKey, number> = new Map();
  /** Columns whose cells are kept in `extra`: unknown, repeated and optional (OPTIONAL_COLUMNS) ones. */
  private extraColumns: HeaderColumn[] = [];
  /**
   * The `extra` key of each of extraColumns: its header text, or for a text an earlier column of
   * extraColumns has already (two 备注 columns) `text#column` (1-based), so that no cell overwrites another.
   */
  private extraKeys: string[] = [];
  private hasUnits: boolean | undefined;
  private open: OpenUnit | null = null;
  private pending: PendingRow | null = null;
  private seenRows = false;
  /** Money units named by the number formats of the current table's money cells, other than its own (.xlsx). */
  private formatUnits: Map<string, { at: Span; count: number }> | null = null;
  private preamble: Preamble = this.freshPreamble();
  /**
   * A header row just read, whose findings and `startTable` wait for the next row: that row may be
   * the header's second row (see mergeHeaderRows). Null once the header is complete.
   */
  private headerOpen: { row: RawRow; preamble: Preamble } | null = null;
  /**
   * A row before a header that may be the first row of a two-row header although it does not name
   * enough columns to be a header alone (项目名称 and a group over the performance columns: see
   * mayOpenTwoRowHeader). Held until the next row says: a header with it, or a preamble row.
   */
  private heldTop: RawRow | null = null;
  /** Cells past the header's last column are kept from this index on; `gaps`: indices before it without a header cell. */
  private width = 0;
  private gaps: number[] = [];
  /**
   * For a two-row header, the texts a repeat of its second row has at each index (a page break
   * repeats both rows; the first is a header row, the second is skipped by this; a first row that
   * is no header row alone, of `topCells` texts, is skipped by this too). Null otherwise.
   */
  private echo: HeaderEcho | null = null;
  /** The note the last row belonged to, which the next row may continue. */
  private openNote: Footnote | null = null;
  /** The index of the cell that holds the open note's text when its label is in a cell of its own (else -1). */
  private openNoteText = -1;
  /** Number of tables found so far. */
  tables = 0;
  /** Non-blank lines and characters read while looking for the current header, and where that began. */
  private search = { lines: 0, chars: 0, from: 0 };
  /**
   * Set when the reader stopped looking for a header (HEADER_SEARCH_LINES or HEADER_SEARCH_CHARS
   * passed without one): the lines it looked at, `from` to `to`. Later rows are ignored, so the
   * caller should stop reading; with no table found, the file is not a performance table.
   */
  stopped: { from: number; to: number } | null = null;

  constructor(
    private readonly sink: TableSink,
    private readonly options: ReaderOptions,
  ) {}

  private freshPreamble(): Preamble {
    return { title: null, department: null, moneyUnit: null, moneyUnitAt: null, line: null, notes: [], otherMoneyUnit: null };
  }

  push(row: RawRow): void {
    if (this.stopped !== null) return;
    const cells = row.cells;
    let nonEmpty = 0;
    let first: RawCell | undefined;
    for (const c of cells) {
      if (c.text !== "") {
        nonEmpty++;
        first ??= c;
      }
    }
    if (nonEmpty === 0) return;
    if (this.doc !== null) {
      if (this.headerOpen !== null && this.readSecondHeaderRow(row)) return;
      // A note has its text in one cell: rows with more are never tried.
      if (nonEmpty === 1 && this.startsNote(row, first!)) return;
      if (nonEmpty === 2 && this.startsLabelledNote(row, first!)) return;
      // A title or 部门名称 line after a table's rows starts the next table (also right after a note).
      if (this.seenRows && this.isPreambleRow(cells, nonEmpty)) this.endTable();
      else if (this.openNote !== null) {
        if (nonEmpty === 1 && this.continuesNote(row, first!)) return;
        this.openNote = null;
      }
    }
    if (this.doc === null) {
      if (this.heldTop !== null && this.readHeldTop(row)) return;
      if (this.isHeaderRow(cells)) this.startTable(row);
      else if (this.mayOpenTwoRowHeader(cells)) this.heldTop = row;
      else if (this.searched(row)) this.readPreamble(row, first!);
      return;
    }
    if (this.isHeaderRow(cells)) return; // a repeated header (page break)
    if (this.echo !== null && this.isHeaderEcho(row)) return; // and its second row
    this.readDataRow(row);
  }

  /**
   * Whether a row whose only text is `cell` is a note (its text starts as NOTE says): it starts a
   * footnote, kept in the document (when `keepsFootnotes`) and never read as a unit or project.
   */
  private startsNote(row: RawRow, cell: RawCell): boolean {
    const text = cell.text;
    if (!isNote(text)) return false;
    this.addNote(row, cell, text, -1);
    return true;
  }

  /**
   * Whether a row with text in two cells is a note whose label is the first (`注：⇥本表…`, as a
   * spreadsheet lays it out): one footnote, the label and the text joined as they read.
   */
  private startsLabelledNote(row: RawRow, label: RawCell): boolean {
    const text = label.text;
    if (!isNoteLabel(text)) return false;
    const cells = row.cells;
    let i = cells.indexOf(label) + 1;
    while (cells[i]!.text === "") i++;
    this.addNote(row, label, text + cells[i]!.text, i);
    return true;
  }

  private addNote(row: RawRow, cell: RawCell, text: string, textIndex: number): void {
    const note: Footnote = { text: this.keepsFootnotes ? detach(text) : "", line: row.line, column: cell.column };
    if (cell.ref !== undefined) note.ref = cell.ref;
    this.openNote = note;
    this.openNoteText = textIndex;
    if (this.keepsFootnotes) (this.doc!.footnotes ??= []).push(note);
  }

  /**
   * Whether a row right after a note (blank lines between are skipped), whose only text is `cell`,
   * continues it: the text is in its first cell and the row has no other cell (a line without tabs,
   * an .xlsx row with only column A), or the text is a numbered item (`2.…`, `（2）…`). Anything
   * else is read as a row: a note never hides a unit or project row after it. After a note whose label
   * has a cell of its own, the text is under the note's text instead (`⇥2.…`).
   */
  private continuesNote(row: RawRow, cell: RawCell): boolean {
    const at = this.openNoteText === -1 ? 0 : this.openNoteText;
    if (cell !== row.cells[at] || (row.cells.length > at + 1 && !NOTE_ITEM.test(cell.text))) return false;
    const note = this.openNote!;
    if (this.keepsFootnotes) note.text += "\n" + detach(cell.text);
    note.endLine = row.line;
    return true;
  }

  private get keepsFootnotes(): boolean {
    return this.options.footnotes ?? this.options.retain;
  }

  /**
   * Footnotes that a part of the current table read elsewhere found (another thread: see
   * validate/parts.ts), added in order after the ones read here.
   */
  addFootnotes(notes: readonly Footnote[]): void {
    if (notes.length === 0 || this.doc === null) return;
    (this.doc.footnotes ??= []).push(...notes);
  }

  /**
   * Whether a line of `length` characters still being read (line number `line`, not yet pushed)
   * may be read on: false when the reader is looking for a header and the line alone would take it
   * past HEADER_SEARCH_CHARS (it then stops, as for a row). Lets a streamed read stop in the middle
   * of a huge line without a line break instead of holding all of it.
   */
  mayRead(length: number, line: number): boolean {
    if (this.stopped !== null) return false;
    if (this.doc !== null || this.search.chars + length <= HEADER_SEARCH_CHARS) return true;
    this.stop(line);
    return false;
  }

  /** Count a non-header row read before a header; false (and the reader stops) past the bound. */
  private searched(row: RawRow): boolean {
    const search = this.search;
    if (search.lines === 0) search.from = row.line;
    search.lines++;
    for (const c of row.cells) search.chars += c.text.length;
    if (search.lines <= HEADER_SEARCH_LINES && search.chars <= HEADER_SEARCH_CHARS) return true;
    this.stop(row.line);
    return false;
  }

  private stop(line: number): void {
    const from = this.search.lines === 0 ? line : this.search.from;
    this.stopped = { from, to: line };
    this.preamble = this.freshPreamble();
    // After a table, what follows is not read: say so (with no table at all, the caller reports
    // that the file is not a performance table).
    if (this.tables > 0) this.sink.diagnostic(diag("table/preamble", "noHeader", { from, to: line }, span(from, 1, 1)));
  }

  /** Finish the last table. Returns the number of tables found. */
  end(): number {
    if (this.heldTop !== null) this.releaseHeldTop();
    if (this.doc !== null) this.endTable();
    return this.tables;
  }

  // Reading one big table on several threads (check and convert; see validate/parts.ts): the file is
  // cut before rows that open a unit, each part is read by its own reader, and the cuts are verified here.

  /** The table being read, once its header and 合计 row (if any) are known and data rows have begun. */
  get currentTable(): TableDocument | null {
    return this.seenRows ? this.doc : null;
  }

  /**
   * Whether `row`, read in the middle of the current table, could open a unit: a non-empty bare row
   * (no goal, no indicators) that is neither a header nor the start of another table. A part of the
   * file may start at such a row.
   */
  opensUnitIfBoundary(row: RawRow): boolean {
    if (this.doc === null || !this.seenRows) return false;
    const cells = row.cells;
    let nonEmpty = 0;
    for (const c of cells) if (c.text !== "") nonEmpty++;
    // A row with text in one cell only may be a note or continue one: the rows before it decide.
    if (nonEmpty < 2 || this.isPreambleRow(cells, nonEmpty) || this.isHeaderRow(cells)) return false;
    // (A note with its label apart: see startsLabelledNote.)
    if (nonEmpty === 2 && isNoteLabel(cells.find((c) => c.text !== "")!.text)) return false;
    if (this.echo !== null && this.isHeaderEcho(row)) return false;
    return (this.cell(row, "goal")?.text ?? "") === "" && (this.cell(row, "indicators")?.text ?? "") === "";
  }

  /**
   * Whether a bare row pushed now would open a new unit, as it does in a sequential read. Only in the
   * first table of the file, inside a table with unit rows. (Settles a held bare row first, as that
   * push would.)
   */
  atUnitBoundary(): boolean {
    if (this.doc === null || this.tables !== 1 || !this.seenRows || this.hasUnits !== true || this.open === null) return false;
    if (this.pending !== null) this.resolvePending();
    const current = this.open!;
    return compareSum(current.unit.amounts.total, current.sum).verdict !== "mismatch" && (current.unit.projects.length > 0 || current.sum.count === 0);
  }

  /**
   * End the open unit at a verified boundary (`atUnitBoundary`): the next row, bare, opens a unit.
   * Also where a part's reader starts (`resumeTable`).
   */
  cutBeforeUnit(): void {
    this.closeUnit();
    this.hasUnits = undefined;
  }

  /**
   * Go on with `doc` (read from the head of the same file) in the middle of its rows, just before a
   * row that opens a unit. The sink gets `startTable` (its findings there belong to the head's
   * reader); the header's findings are not reported again.
   */
  resumeTable(doc: TableDocument): void {
    this.useColumns(doc.header!.columns);
    this.echo = headerEcho(doc.header!.columns);
    this.headerOpen = null;
    this.openNote = null;
    this.doc = doc;
    this.tables = 1;
    this.open = null;
    this.pending = null;
    this.seenRows = true;
    this.hasUnits = undefined;
    this.sink.startTable(doc);
  }

  /** End a part: settle held rows and close the open unit without ending the table. */
  endPart(): void {
    this.closeUnit();
  }

  private isPreambleRow(cells: RawCell[], nonEmpty: number): boolean {
    if (nonEmpty > 2) return false;
    return cells.some((c) => c.text !== "" && (DEPARTMENT.test(c.text) || (TITLE.test(c.text) && c.text.length < 60)));
  }

  private isHeaderRow(cells: RawCell[]): boolean {
    // Cheap test first: a header has a cell starting with 项目名称 (possibly after spaces).
    return mayNameProject(cells) && namesHeader(cells.map((c) => c.text));
  }

  /**
   * Whether a row that is no header row (before a table) may be the first row of a two-row header
   * whose group is over the performance columns: a 项目名称 cell and a PERFORMANCE_GROUP cell
   * (`项目名称⇥总计⇥资金来源⇥⇥⇥绩效信息⇥`). It is one only if the row after it completes the
   * required columns (readHeldTop).
   */
  private mayOpenTwoRowHeader(cells: RawCell[]): boolean {
    if (!mayNameProject(cells)) return false;
    let name = false;
    let group = false;
    for (const c of cells) {
      if (c.text === "") continue;
      if (headerKey(c.text) === "name") name = true;
      else if (isPerformanceGroup(c.text)) group = true;
    }
    return name && group;
  }

  /**
   * The row after a held first row (heldTop): when the two make a header with every required column
   * (mergeHeaderRows), the table starts with it (true). Otherwise the held row is read as the
   * preamble row it is, and `row` as usual (false; true when the reader stopped looking).
   */
  private readHeldTop(row: RawRow): boolean {
    const top = this.heldTop!;
    const columns = mergeHeaderRows(top, row);
    if (columns !== null && REQUIRED.every((key) => columns.some((c) => c.key === key))) {
      this.heldTop = null;
      this.startTable(top);
      this.readSecondHeaderRow(row);
      return true;
    }
    this.releaseHeldTop();
    return this.stopped !== null;
  }

  /** Read the held first row (heldTop) as a preamble row: no row after it made a header with it. */
  private releaseHeldTop(): void {
    const top = this.heldTop!;
    this.heldTop = null;
    if (this.searched(top)) this.readPreamble(top, top.cells.find((c) => c.text !== "")!);
  }

  private readPreamble(row: RawRow, first: RawCell): void {
    const p = this.preamble;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (c.text === "") continue;
      p.line ??= row.line;
      const dep = DEPARTMENT.exec(c.text);
      const unit = MONEY_UNIT.exec(c.text);
      // A label whose value is in the next non-empty cell (`部门名称：⇥广州…`, `单位：⇥万元`, as
      // spreadsheets lay them out): that cell is the value.
      const label = dep ?? unit;
      let value: RawCell | null = null;
      if (label !== null && label[label.length - 1]!.trim() === "") {
        let v = i + 1;
        while (v < cells.length && cells[v]!.text === "") v++;
        if (v < cells.length && !DEPARTMENT.test(cells[v]!.text) && !MONEY_UNIT.test(cells[v]!.text)) {
          value = cells[v]!;
          label[label.length - 1] = value.text;
          i = v;
        }
      }
      // The first 部门名称 and 单位 lines are the table's; a later one (a 单位名称 under the
      // 部门名称, a repeated 单位 line) is kept in the notes, never written over the first.
      if (dep && p.department === null) p.department = dep[2]!.trim();
      else if (unit && p.moneyUnit === null) {
        p.moneyUnit = unit[1]!.trim();
        p.moneyUnitAt = value !== null ? span(value.line, value.column, cellLength(value)) : unitSpan(c, unit[1]!);
      }
      else if (dep) this.note(row.line, c, value);
      else if (unit) {
        this.note(row.line, c, value);
        const other = unit[1]!.trim();
        if (other !== p.moneyUnit && p.otherMoneyUnit === null) p.otherMoneyUnit = { unit: other, at: span(row.line, c.column, cellLength(c)) };
      } else if (p.title === null && TITLE.test(c.text)) p.title = c.text;
      else if (p.title === null && p.department === null && c === first) p.title = c.text;
      else p.notes.push({ line: row.line, text: c.text });
    }
  }

  /** Keep a preamble cell (and the cell of its value, when apart) in the notes. */
  private note(line: number, cell: RawCell, value: RawCell | null): void {
    this.preamble.notes.push({ line, text: cell.text });
    if (value !== null) this.preamble.notes.push({ line, text: value.text });
  }

  private startTable(row: RawRow): void {
    const p = this.preamble;
    const columns: HeaderColumn[] = [];
    row.cells.forEach((c, index) => {
      if (c.text !== "") columns.push({ key: columnKey(c.text), name: c.text, column: c.column, index });
    });
    const doc: TableDocument = {
      title: p.title,
      department: p.department,
      moneyUnit: p.moneyUnit,
      encoding: this.options.encoding,
      line: p.line ?? row.line,
      header: { line: row.line, columns },
      total: null,
      units: [],
    };
    if (p.notes.length > 0) doc.notes = p.notes;
    this.doc = doc;
    this.tables++;
    this.hasUnits = undefined;
    this.open = null;
    this.seenRows = false;
    this.openNote = null;
    this.echo = null;
    this.useColumns(columns);
    // Its findings and startTable wait for the next row, which may be the header's second row.
    this.headerOpen = { row, preamble: p };
    this.preamble = this.freshPreamble();
    this.search = { lines: 0, chars: 0, from: 0 };
  }

  /** Take `row` as the open header's second row when it is one (then true); either way the header is complete. */
  private readSecondHeaderRow(row: RawRow): boolean {
    const top = this.headerOpen!.row;
    const columns = mergeHeaderRows(top, row);
    if (columns !== null) {
      this.doc!.header!.columns = columns;
      this.useColumns(columns);
      this.echo = headerEcho(columns);
    }
    this.finishHeader();
    return columns !== null;
  }

  /** The header is complete: report its findings and the preamble's, and start the table. */
  private finishHeader(): void {
    const { row, preamble: p } = this.headerOpen!;
    this.headerOpen = null;
    const doc = this.doc!;
    const headerStart = row.cells.find((c) => c.text !== "")!;
    const headerSpan = span(row.line, headerStart.column, cellLength(headerStart));
    for (const key of REQUIRED) {
      if (!this.columns.has(key)) this.sink.diagnostic(diag("table/header", "missingColumn", { column: key, columnZh: REQUIRED_ZH[key] ?? key }, headerSpan));
    }
    for (const col of this.extraColumns) {
      // An optional column (序号, 备注) is known: reported only when repeated.
      if (col.key !== null && this.columns.get(col.key) === col.index) continue;
      const again = col.key !== null;
      // (A first-row cell is on a later line than the row's first after a cell with a line break.)
      const line = col.line ?? row.cells[col.index]?.line ?? row.line;
      this.sink.diagnostic(diag("table/header", again ? "duplicateColumn" : "unknownColumn", { name: col.name }, span(line, col.column, [...col.name].length)));
    }
    const preambleAt = span(doc.line, 1, 1);
    if (p.title === null) this.sink.diagnostic(diag("table/preamble", "missingTitle", {}, preambleAt));
    if (p.department === null) this.sink.diagnostic(diag("table/preamble", "missingDepartment", {}, preambleAt));
    if (p.moneyUnit === null) this.sink.diagnostic(diag("table/preamble", "missingMoneyUnit", {}, preambleAt));
    else if (p.moneyUnit !== "万元" && p.moneyUnit !== "元") this.sink.diagnostic(diag("table/preamble", "unknownMoneyUnit", { unit: p.moneyUnit }, p.moneyUnitAt ?? preambleAt));
    if (p.otherMoneyUnit !== null) this.sink.diagnostic(diag("table/preamble", "conflictingMoneyUnit", { unit: p.moneyUnit!, other: p.otherMoneyUnit.unit }, p.otherMoneyUnit.at));
    this.sink.startTable(doc);
  }

  /** Find the columns of rows by the header's: the first of each key; the rest (unknown, repeated) and the optional ones kept in `extra`. */
  private useColumns(columns: readonly HeaderColumn[]): void {
    this.columns = new Map();
    this.extraColumns = [];
    this.extraKeys = [];
    let width = 0;
    const named = new Set<number>();
    for (const col of columns) {
      if (col.key !== null && !this.columns.has(col.key)) {
        this.columns.set(col.key, col.index);
        if (OPTIONAL_COLUMNS_KEYS.has(col.key)) this.extraColumns.push(col);
      } else this.extraColumns.push(col);
      named.add(col.index);
      width = Math.max(width, col.index + 1);
    }
    const taken = new Set<string>();
    for (const col of this.extraColumns) {
      const key = taken.has(col.name) ? `${col.name}#${col.index + 1}` : col.name;
      taken.add(key);
      this.extraKeys.push(key);
    }
    this.width = width;
    this.gaps = [];
    for (let i = 0; i < width; i++) if (!named.has(i)) this.gaps.push(i);
  }

  /**
   * Whether `row` repeats a two-row header's second row (see `echo`), or its whole first row when
   * that row is no header row alone (a group over the performance columns: see mayOpenTwoRowHeader).
   */
  private isHeaderEcho(row: RawRow): boolean {
    const echo = this.echo!;
    let second = false;
    let first = 0;
    for (let i = 0; i < row.cells.length; i++) {
      const text = row.cells[i]!.text;
      if (text === "") continue;
      if (text === echo.second[i]) second = true;
      else if (text === echo.first[i]) first++;
      else return false;
    }
    return second || (echo.topCells > 0 && first === echo.topCells);
  }

  private cell(row: RawRow, key: ColumnKey): RawCell | undefined {
    const i = this.columns.get(key);
    return i === undefined ? undefined : row.cells[i];
  }

  /**
   * A 绩效目标 or 绩效指标 cell, or the cell its empty one is merged into (.xlsx: a goal merged down
   * over several projects is each one's, read where it is written), when that is below the header.
   * Never for names or amounts: a unit's name merged down is not its projects' name, nor is one
   * amount each row's.
   */
  private spanned(cell: RawCell | undefined): RawCell | undefined {
    const from = cell?.mergedFrom;
    return from !== undefined && cell!.text === "" && from.line > (this.doc!.header?.line ?? 0) ? from : cell;
  }

  private readAmounts(row: RawRow): AmountRow {
    const amounts = { total: null, appropriation: null, specialAccount: null, other: null } as AmountRow["amounts"];
    const amountsRaw = { total: null, appropriation: null, specialAccount: null, other: null } as AmountRow["amounts"];
    const amountColumns: Partial<Record<MoneyKey, number>> = {};
    let amountLines: Partial<Record<MoneyKey, number>> | undefined;
    for (const key of MONEY_KEYS) {
      const c = this.cell(row, key);
      if (c === undefined) continue;
      amountColumns[key] = c.column;
      // (After a cell with a line break: a spreadsheet's quoted cell, or a .csv's.)
      if (c.line !== row.line) (amountLines ??= {})[key] = c.line;
      if (c.text === "") continue;
      amountsRaw[key] = c.text;
      const shown = c.amount;
      if (shown === undefined) amounts[key] = parseAmount(c.text);
      else {
        // A spreadsheet number shown with text around it (`¥1,234.50`) is read as its number.
        amounts[key] = parseAmount(shown);
        if (c.unit !== undefined) this.formatUnit(c, c.unit);
      }
    }
    const out: AmountRow = { line: row.line, amounts, amountsRaw, amountColumns };
    if (amountLines !== undefined) out.amountLines = amountLines;
    if (this.extraColumns.length > 0) {
      for (let k = 0; k < this.extraColumns.length; k++) {
        const text = row.cells[this.extraColumns[k]!.index]?.text;
        if (text) (out.extra ??= Object.create(null) as Record<string, string>)[this.extraKeys[k]!] = text;
      }
    }
    // Cells under no header cell (a gap in the header, or past its last column) are kept too (lossless).
    for (const i of this.gaps) {
      const text = row.cells[i]?.text;
      if (text) (out.extra ??= Object.create(null) as Record<string, string>)[`#${i + 1}`] = text;
    }
    for (let i = this.width; i < row.cells.length; i++) {
      const text = row.cells[i]!.text;
      if (text) (out.extra ??= Object.create(null) as Record<string, string>)[`#${i + 1}`] = text;
    }
    const ref = row.cells[0]?.ref;
    if (ref !== undefined) out.ref = ref;
    return out;
  }

  /** A money cell whose number format names a money unit (`#,##0.00"万元"`): counted when it is not the table's. */
  private formatUnit(cell: RawCell, unit: string): void {
    const tableUnit = this.doc!.moneyUnit;
    if (unit === tableUnit || (tableUnit !== "万元" && tableUnit !== "元")) return;
    const seen = (this.formatUnits ??= new Map()).get(unit);
    if (seen !== undefined) seen.count++;
    else this.formatUnits.set(unit, { at: span(cell.line, cell.column, cellLength(cell)), count: 1 });
  }

  private readDataRow(row: RawRow): void {
    const doc = this.doc!;
    const nameCell = this.cell(row, "name") ?? row.cells[0]!;
    const amountRow = this.readAmounts(row);
    if (!this.seenRows && doc.total === null && (TOTAL_NAME.test(nameCell.text) || this.totalInSeq(row, nameCell))) {
      // Its name as published when that is not the usual 合计 (`合\u3000计`, `总计`, or empty when
      // 合计 is in the 序号 column, kept in `extra`): lossless.
      if (nameCell.text !== "合计") (amountRow as TotalRow).name = nameCell.text;
      doc.total = amountRow;
      this.sink.total(amountRow, doc);
      return;
    }
    this.seenRows = true;
    const goalCell = this.spanned(this.cell(row, "goal"));
    const indCell = this.spanned(this.cell(row, "indicators"));
    const bare = (goalCell?.text ?? "") === "" && (indCell?.text ?? "") === "";

    if (!bare) {
      if (this.hasUnits === undefined) this.hasUnits = false;
      const project = this.buildProject(nameCell, amountRow, goalCell, indCell);
      if (this.pending !== null) this.pending.following.push(project);
      else this.attachProject(project);
      return;
    }
    if (this.pending !== null) this.resolvePending();
    if (this.hasUnits === undefined) {
      this.hasUnits = true;
      this.openUnit(nameCell, amountRow);
      return;
    }
    if (this.hasUnits === false || this.open === null) {
      this.attachProject(this.buildProject(nameCell, amountRow, goalCell, indCell));
      return;
    }
    // A bare row (no goal, no indicators) in a table with units: a new unit, or a project whose goal
    // and indicators are missing? Decide by the amounts (a unit equals the sum of its projects).
    const current = this.open;
    const before = compareSum(current.unit.amounts.total, current.sum);
    if (before.verdict !== "mismatch" && (current.unit.projects.length > 0 || current.sum.count === 0)) {
      this.openUnit(nameCell, amountRow);
      return;
    }
    // Right after a unit row with money, a bare row is that unit's first project (two unit rows in a
    // row would leave the first one empty, which its non-zero amount contradicts).
    if (current.unit.projects.length === 0) {
      this.attachProject(this.buildProject(nameCell, amountRow, goalCell, indCell));
      return;
    }
    // Otherwise the rows after it decide: hold them until the next bare row or the table's end.
    this.pending = { nameCell, amountRow, asProject: this.buildProject(nameCell, amountRow, goalCell, indCell), following: [] };
  }

  /**
   * Whether a row's 合计 is in its 序号 column, its name cell empty: a cell merged over 序号 and
   * 项目名称 exports its text into the first. (Tried only before the table's first row.)
   */
  private totalInSeq(row: RawRow, nameCell: RawCell): boolean {
    const seq = this.columns.get("seq");
    return nameCell.text === "" && seq !== undefined && TOTAL_NAME.test(row.cells[seq]?.text ?? "");
  }

  /** Decide a held bare row: a project of the open unit, a new unit, or (neither fits) an ambiguous unit. */
  private resolvePending(): void {
    const pending = this.pending!;
    this.pending = null;
    const current = this.open!;
    const asProject = current.sum.clone();
    asProject.add(pending.amountRow.amounts.total);
    const following = new MoneySum();
    for (const p of pending.following) {
      asProject.add(p.amounts.total);
      following.add(p.amounts.total);
    }
    if (compareSum(current.unit.amounts.total, asProject).verdict !== "mismatch") {
      this.attachProject(pending.asProject);
    } else {
      this.openUnit(pending.nameCell, pending.amountRow);
      if (compareSum(pending.amountRow.amounts.total, following).verdict === "mismatch") this.markAmbiguous(this.open!.unit);
    }
    for (const p of pending.following) this.attachProject(p);
  }

  private markAmbiguous(unit: Unit): void {
    if (unit.ambiguous || unit.line === null) return;
    // Without goal and indicator columns every row is bare: nothing to tell apart (table/header reports it).
    if (!this.columns.has("goal") && !this.columns.has("indicators")) return;
    unit.ambiguous = true;
    const name = unit.name ?? "";
    // Each quote its cell wrote doubled (`""`) takes two columns in the file (see NAME_DOUBLED).
    const doubled = (unit as { [NAME_DOUBLED]?: number })[NAME_DOUBLED] ?? 0;
    this.sink.diagnostic(diag("table/ambiguous-row", "unitOrProject", { name }, span(unit.line, unit.nameColumn ?? 1, [...name].length + doubled), unit.name));
  }

  private openUnit(nameCell: RawCell, amountRow: AmountRow): void {
    this.closeUnit();
    const unit: Unit = { ...amountRow, name: nameCell.text, line: amountRow.line, nameColumn: nameCell.column, projects: [] };
    if (nameCell.doubled !== undefined) Object.defineProperty(unit, NAME_DOUBLED, { value: nameCell.doubled.length, enumerable: false });
    this.open = { unit, sum: new MoneySum() };
    this.doc!.units.push(unit);
  }

  private closeUnit(): void {
    if (this.pending !== null) this.resolvePending();
    const open = this.open;
    if (open === null) return;
    this.open = null;
    const unit = open.unit;
    // A unit row with money but no project row under it may as well be a project without goal and indicators.
    if (unit.projects.length === 0 && compareSum(unit.amounts.total, open.sum).verdict === "mismatch") this.markAmbiguous(unit);
    this.sink.endUnit(unit, this.doc!);
    if (!this.options.retain) {
      // Streaming: the unit is done with. Kept in the document, its cells (slices of the text read)
      // would keep all of that text in memory, a unit every few dozen kilobytes of a huge table.
      unit.projects = [];
      const units = this.doc!.units;
      if (units[units.length - 1] === unit) units.pop();
    }
  }

  /** Build a project from its cells, parsing its indicators (their diagnostics go to the sink now). */
  private buildProject(nameCell: RawCell, amountRow: AmountRow, goalCell: RawCell | undefined, indCell: RawCell | undefined): Project {
    const text = indCell?.text ?? "";
    const project: Project = {
      name: nameCell.text,
      nameColumn: nameCell.column,
      ...amountRow,
      goal: goalCell?.text ? goalCell.text : null,
      indicators: [],
    };
    if (goalCell?.text) {
      project.goalColumn = goalCell.column;
      if (goalCell.line !== amountRow.line) project.goalLine = goalCell.line;
    }
    if (nameCell.doubled !== undefined) Object.defineProperty(project, NAME_DOUBLED, { value: nameCell.doubled.length, enumerable: false });
    if (text !== "" && this.options.skipIndicators !== true) {
      const parsed = parseIndicators(text, { line: indCell!.line, column: indCell!.column }, indCell!.oneLine === true, indCell!.doubled);
      project.indicators = parsed.value;
      project.indicatorsColumn = indCell!.column;
      if (indCell!.line !== amountRow.line) project.indicatorsLine = indCell!.line;
      const finalStop = text.endsWith("。");
      project.indicatorsFinalStop = finalStop;
      if (renderJoined(parsed.value, finalStop) !== text) project.indicatorsRaw = text;
      for (const d of parsed.diagnostics) {
        d.project = project.name;
        this.sink.diagnostic(d);
      }
    }
    return project;
  }

  /** Add a project to the open unit (an implicit one when the table has no unit rows) and report it. */
  private attachProject(project: Project): void {
    if (this.open === null) {
      const implicit: Unit = { name: null, line: null, amounts: { total: null, appropriation: null, specialAccount: null, other: null }, projects: [] };
      this.open = { unit: implicit, sum: new MoneySum() };
      this.doc!.units.push(implicit);
    }
    this.open.unit.projects.push(project);
    this.open.sum.add(project.amounts.total);
    this.sink.project(project, this.open.unit, this.doc!);
  }

  private endTable(): void {
    if (this.headerOpen !== null) this.finishHeader();
    this.closeUnit();
    const doc = this.doc!;
    if (this.formatUnits !== null) {
      for (const [other, { at, count }] of this.formatUnits) this.sink.diagnostic(diag("table/preamble", "formatMoneyUnit", { unit: doc.moneyUnit!, other, count }, at));
      this.formatUnits = null;
    }
    this.doc = null;
    this.seenRows = false;
    this.sink.endTable(doc);
  }
}

/**
 * The columns of a two-row header, or null when `second` is not a header's second row. It is one
 * when each of its cells stands under an empty cell of the first row, under a cell the first row
 * names with a text the reader does not know (a merged group: 资金来源, 其中) or with a group over the
 * performance columns (绩效信息, 绩效目标及指标: PERFORMANCE_GROUP), or repeats the first
 * row's text above it (an exporter that writes a merged cell's text into every row); and at least one
 * of them is a known column name (财政拨款, 其他资金…) under an empty or unknown cell. A 合计 or
 * data row never is (its cells stand under named columns with other text). A column takes the second
 * row's name when it has one (the more specific: 财政拨款 rather than 资金来源), keeping the first
 * row's text in `group` and the second row's line in `line`; else the first row's.
 */
export function mergeHeaderRows(first: RawRow, second: RawRow): HeaderColumn[] | null {
  const top = first.cells;
  const below = second.cells;
  let fills = 0;
  for (let i = 0; i < below.length; i++) {
    const text = below[i]!.text;
    if (text === "") continue;
    const above = top[i]?.text ?? "";
    if (text === above) continue;
    if (above !== "" && headerKey(above) !== null && !isPerformanceGroup(above)) return null;
    if (headerKey(text) !== null) fills++;
  }
  if (fills === 0) return null;
  const columns: HeaderColumn[] = [];
  for (let index = 0; index < Math.max(top.length, below.length); index++) {
    const a = top[index];
    const b = below[index];
    const above = a?.text ?? "";
    const text = b?.text ?? "";
    if (text === "" || text === above) {
      if (above !== "") columns.push({ key: columnKey(above), name: above, column: a!.column, index });
      continue;
    }
    const col: HeaderColumn = { key: columnKey(text), name: text, column: b!.column, index, line: b!.line };
    if (above !== "") col.group = above;
    columns.push(col);
  }
  return columns;
}

/**
 * What the rows of a two-row header hold at each index (see TableReader.echo); `topCells`: the
 * number of texts of the first row when it is no header row alone (then repeated, it is skipped as
 * the second row is), else 0.
 */
interface HeaderEcho {
  first: string[];
  second: string[];
  topCells: number;
}

/** What a repeat of a two-row header holds at each index (see TableReader.echo); null for a one-row header. */
function headerEcho(columns: readonly HeaderColumn[]): HeaderEcho | null {
  const first: string[] = [];
  const second: string[] = [];
  for (const col of columns) {
    if (col.line === undefined) first[col.index] = col.name;
    else {
      second[col.index] = col.name;
      if (col.group !== undefined) first[col.index] = col.group;
    }
  }
  if (second.length === 0) return null;
  return { first, second, topCells: namesHeader(first) ? 0 : first.filter((t) => t !== undefined).length };
}

/** The cheap test of a header row: a cell starting with 项 or holding 项目名称 (项目名称 may follow spaces). */
function mayNameProject(cells: readonly RawCell[]): boolean {
  return cells.some((c) => c.text.charCodeAt(0) === 0x9879 /* 项 */ || c.text.includes("项目名称"));
}

function renderJoined(indicators: readonly { raw: string }[], finalStop: boolean): string {
  let out = "";
  for (let i = 0; i < indicators.length; i++) out += (i > 0 ? "。" : "") + indicators[i]!.raw;
  return finalStop ? out + "。" : out;
}

/** Rebuild the 绩效指标 cell of a project exactly as published. */
export function renderIndicatorsCell(project: Pick<Project, "indicators" | "indicatorsRaw" | "indicatorsFinalStop">): string {
  if (project.indicatorsRaw !== undefined) return project.indicatorsRaw ?? "";
  return renderJoined(project.indicators, project.indicatorsFinalStop === true);
}
