// Reads one sheet of an .xlsx workbook (via exceljs) into the rows of cells the table reader takes:
// each cell's text as the sheet shows it, its row and column number, and its reference `Sheet1!G12`.
import { Decimal } from "decimal.js";
import type ExcelJS from "exceljs";
import type { RawCell, RawRow } from "../table/rows.js";
import type { Diagnostic, Result } from "../types.js";
import { columnLetters, readFailure, trimCell } from "./formats.js";
import { groupThousands } from "../table/amount.js";

/** Excel's last column (XFD); cells a hostile file puts beyond it are ignored. */
const MAX_COLUMNS = 16384;
/**
 * Cells of one sheet read at most (~100 bytes each): far more than a table has (50,000 rows of 7
 * columns are 350,000), far less than runs a 64-bit V8 out of memory.
 */
export const MAX_SHEET_CELLS = 8_000_000;

/** One sheet's rows (see readXlsxSheets). */
export interface XlsxSheet {
  name: string;
  rows: RawRow[];
}

/**
 * Read the rows of the sheets that hold a table. They are the sheet named `sheet`; else every sheet
 * in view (not hidden) holding a performance-table header (a row with cells 项目名称…, 总计 or 合计,
 * and 绩效指标…, or two rows with them, 项目名称 on the first), in the workbook's order; else every
 * hidden one holding one; else the first sheet in view. `line` is the sheet's row number, `column` the sheet's column number (1-based), `ref`
 * `Sheet!G12`. Cell text is what the sheet shows: numbers through their number format (`#,##0.00` →
 * `15,812.52`, `0!.0000` → `1234.5678`) or plainly (`15812.52`), a negative number with its minus even
 * where the format shows it by colour alone (a number shown with text around it, `¥1,234.50`, also
 * gives the number alone as the cell's `amount`, and the money unit its format names as `unit`),
 * formulas by their cached result (`=B11+B27` when the file has none), rich text joined, dates as ISO
 * dates; only the top-left cell of a merged range keeps its text (a cell it covers below in its
 * column has `mergedFrom`: that cell). A file exceljs cannot open, an
 * unknown sheet name or that of a chart sheet (no cells), or sheets of more than `maxCells` cells in all (counted from column A to each
 * row's last cell with text), gives one `input/unreadable` (`ioError`) finding. Never throws.
 */
export async function readXlsxSheets(bytes: Uint8Array, sheet?: string, maxCells = MAX_SHEET_CELLS): Promise<Result<XlsxSheet[]>> {
  // exceljs is large: load it only when an .xlsx file is actually read.
  if (!isZip(bytes)) {
    return fail(
      "not a readable .xlsx file: it is not a zip archive, as every .xlsx file is (a text or CSV table saved under an .xlsx name? name it .txt or .csv)",
      "不是可读取的 .xlsx 文件：它不是 zip 压缩包，而 .xlsx 文件都是（若是以 .xlsx 命名的文本或 CSV 表格，请改名为 .txt 或 .csv）",
    );
  }
  const excel = (await import("exceljs")).default;
  const workbook = new excel.Workbook();
  const listed = watchSheetList(workbook);
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as unknown as ExcelJS.Buffer);
  } catch (error) {
    return fail(`not a readable .xlsx file: ${describeError(error)}`, `不是可读取的 .xlsx 文件：${describeErrorZh(error)}`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) {
    if (listed.length > 0) {
      const names = listed.map((s) => s.name);
      return fail(`not a readable .xlsx file: the workbook has no worksheet, only chart sheets or other sheets without cells (${names.join(", ")})`, `不是可读取的 .xlsx 文件：工作簿中没有普通工作表，只有图表工作表等没有单元格的工作表（${names.join("、")}）`);
    }
    return fail("not a readable .xlsx file: the workbook has no sheets", "不是可读取的 .xlsx 文件：工作簿中没有工作表");
  }
  let chosen: ExcelJS.Worksheet[];
  if (sheet !== undefined) {
    const named = sheets.find((ws) => ws.name === sheet) ?? sheets.find((ws) => ws.name.trim().toLowerCase() === sheet.trim().toLowerCase());
    if (named === undefined) {
      const names = sheets.map((ws) => ws.name);
      // A sheet of the workbook that exceljs does not keep (it keeps worksheets only): a chart sheet
      // (or a dialog or macro sheet) has no cells. Said as such: "no sheet named 图表1" would be wrong.
      const other = listed.find((s) => s.name === sheet) ?? listed.find((s) => s.name.trim().toLowerCase() === sheet.trim().toLowerCase());
      if (other !== undefined && !names.includes(other.name)) {
        const chart = other.kind === "chartsheet";
        return fail(
          `sheet ${other.name} is ${chart ? "a chart sheet" : "a chart, dialog or macro sheet"}, not a worksheet: it has no cells to read (worksheets: ${names.join(", ")})`,
          `工作表“${other.name}”是${chart ? "图表工作表" : "图表、对话框或宏表"}，不是普通工作表，没有可读取的单元格（现有工作表：${names.join("、")}）`,
        );
      }
      return fail(`no sheet named ${sheet} (sheets: ${names.join(", ")})`, `没有名为“${sheet}”的工作表（现有工作表：${names.join("、")}）`);
    }
    chosen = [named];
  } else {
    // Every sheet with a table is read, as every table of a text file is (a workbook with a sheet
    // per department). A hidden sheet (a template or a list kept out of sight) is read only when no
    // sheet in view has a table.
    const visible = sheets.filter((ws) => ws.state !== "hidden" && ws.state !== "veryHidden");
    const withTable = sheets.filter(hasTableHeader);
    const inView = withTable.filter((ws) => visible.includes(ws));
    chosen = inView.length > 0 ? inView : withTable.length > 0 ? withTable : [visible[0] ?? sheets[0]!];
  }
  const read: XlsxSheet[] = [];
  let left = maxCells;
  for (const ws of chosen) {
    try {
      const rows = readSheet(ws, left);
      if (!Array.isArray(rows)) {
        const at = `${sheetPrefix(ws.name)}!${columnLetters(rows.column - 1)}${rows.row}`;
        const several = chosen.length > 1;
        return fail(
          `${several ? "the sheets with a table are too large to read: together they make" : "the sheet is too large to read: it makes"} more than ${maxCells.toLocaleString("en-US")} cells by ${at} (every row is read from column A to its last cell with text: delete text far to the right of the table)`,
          `${several ? "含表格的工作表过大，无法读取：合计" : "工作表过大，无法读取："}到 ${at} 已超过 ${maxCells} 个单元格（每行从 A 列读到其最后一个有内容的单元格：请删除表格右侧远处的内容）`,
        );
      }
      for (const row of rows) left -= row.cells.length;
      read.push({ name: ws.name, rows });
    } catch (error) {
      return fail(`not a readable .xlsx file: ${describeError(error)}`, `不是可读取的 .xlsx 文件：${describeErrorZh(error)}`);
    }
  }
  return { value: read, diagnostics: [] };
}

/** A sheet the workbook lists, and the kind of part it is (`worksheet`, `chartsheet`, …; "" when unknown). */
interface ListedSheet {
  name: string;
  kind: string;
}

/**
 * The sheets a workbook's `xl/workbook.xml` lists, once it is loaded. exceljs drops every sheet that
 * is not a worksheet (a chart sheet is not in `worksheets`); its list is caught as the loader puts
 * the parts together (exceljs 4's `reconcile`, given the list and the parts' relationships). Empty
 * if exceljs does not work that way (then a chart sheet is simply not there, as before).
 */
function watchSheetList(workbook: ExcelJS.Workbook): ListedSheet[] {
  const listed: ListedSheet[] = [];
  type Model = { sheets?: { name?: unknown; rId?: unknown }[]; workbookRels?: { Id?: unknown; Type?: unknown }[] };
  const xlsx = workbook.xlsx as unknown as { reconcile?: (model: Model, options: unknown) => void };
  const reconcile = xlsx.reconcile;
  if (typeof reconcile !== "function") return listed;
  xlsx.reconcile = function (model, options) {
    try {
      const rels = Array.isArray(model.workbookRels) ? model.workbookRels : [];
      for (const sheet of Array.isArray(model.sheets) ? model.sheets : []) {
        if (typeof sheet?.name !== "string") continue;
        const type = rels.find((r) => r?.Id === sheet.rId)?.Type;
        listed.push({ name: sheet.name, kind: typeof type === "string" ? type.slice(type.lastIndexOf("/") + 1) : "" });
      }
    } catch {
      // (Only a better message depends on it.)
    }
    return reconcile.call(this, model, options);
  };
  return listed;
}

function fail(reason: string, reasonZh: string): Result<XlsxSheet[]> {
  const diagnostics: Diagnostic[] = [readFailure(reason, 1, reasonZh)];
  return { value: [], diagnostics };
}

/** Whether the bytes start as a zip archive does (a local file header, or an empty archive's end record). */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

/**
 * Why exceljs could not open a workbook, in Chinese: a damaged or cut zip archive said in words, any
 * other failure (damaged XML inside) as such with the library's own words after it.
 */
function describeErrorZh(error: unknown): string {
  const detail = describeError(error);
  if (/zip|central directory|end of data/i.test(detail)) return "zip 压缩包已损坏或不完整（文件可能被截断）";
  return `工作簿内容已损坏，无法解析（${detail}）`;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, 200) || "unknown error";
}

/**
 * Whether a row of the sheet looks like the header of a performance table, or two rows do (a
 * two-row header: 项目名称 on the first, 总计 and 绩效指标 on either, under a merged group cell).
 */
function hasTableHeader(ws: ExcelJS.Worksheet): boolean {
  let found = false;
  let prev: { number: number; name: boolean; total: boolean; indicators: boolean } | null = null;
  ws.eachRow((row, number) => {
    if (found) return;
    const f = { number, name: false, total: false, indicators: false };
    row.eachCell((cell) => {
      const t = cellText(cell).replace(/[\s\u3000]/g, "");
      if (t.startsWith("项目名称")) f.name = true;
      else if (t === "总计" || t === "合计") f.total = true;
      else if (t.startsWith("绩效指标")) f.indicators = true;
    });
    const top = prev !== null && prev.name && prev.number === number - 1 ? prev : null;
    found = (f.name && f.total && f.indicators) || (top !== null && (top.total || f.total) && (top.indicators || f.indicators));
    prev = f;
  });
  return found;
}

/** Quote a sheet name for a reference when Excel would (`'My sheet'!A1`). */
function sheetPrefix(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * The rows of a sheet, or where they pass `MAX_SHEET_CELLS` cells: a few bytes of a workbook can
 * put text at column XFD on thousands of rows, which would make 16,384 cells of each (a 33 KB file
 * ran V8 out of memory).
 */
function readSheet(ws: ExcelJS.Worksheet, maxCells: number): RawRow[] | { row: number; column: number } {
  const prefix = sheetPrefix(ws.name);
  const rows: RawRow[] = [];
  let total = 0;
  let over: { row: number; column: number } | null = null;
  /** The first cells (with text) of merged ranges, by address (`F12`): what the cells they cover below them hold. */
  let masters = null as Map<string, RawCell> | null;
  ws.eachRow((row, rowNumber) => {
    if (over !== null) return;
    const texts = new Map<number, string>();
    let numbers = null as Map<number, ShownNumber> | null;
    let covered = null as Map<number, RawCell> | null;
    let merged = null as Set<number> | null;
    let width = 0;
    row.eachCell((cell, colNumber) => {
      if (colNumber > MAX_COLUMNS) return;
      if (cell.isMerged && cell.master !== cell) {
        // Covered by a range merged down in this column: its first cell's text belongs to this row too.
        const master = cell.master;
        const from = Number(master.col) === colNumber && Number(master.row) < rowNumber ? masters?.get(master.address) : undefined;
        if (from !== undefined) {
          (covered ??= new Map()).set(colNumber, from);
          width = Math.max(width, colNumber);
        }
        return;
      }
      const shown = cellShown(cell);
      const text = trimCell(typeof shown === "string" ? shown : shown.text).text;
      if (text === "") return;
      texts.set(colNumber, text);
      if (cell.isMerged) (merged ??= new Set()).add(colNumber);
      // A number shown with text around it (`¥`, `万元`, parentheses): a money column reads the number.
      if (typeof shown !== "string" && (shown.amount !== text || shown.unit !== null)) (numbers ??= new Map()).set(colNumber, shown);
      width = Math.max(width, colNumber);
    });
    if (width === 0) return;
    total += width;
    if (total > maxCells) {
      over = { row: rowNumber, column: width };
      return;
    }
    // Dense from column A to the last cell with text: the table reader finds columns by index.
    const cells: RawCell[] = [];
    for (let col = 1; col <= width; col++) {
      const text = texts.get(col) ?? "";
      const cell: RawCell = { text, line: rowNumber, column: col, ref: `${prefix}!${columnLetters(col - 1)}${rowNumber}` };
      // A line break (Alt+Enter) does not leave the sheet row.
      if (text.includes("\n")) cell.oneLine = true;
      const number = numbers?.get(col);
      if (number !== undefined) {
        cell.amount = number.amount;
        if (number.unit !== null) cell.unit = number.unit;
      }
      const from = covered?.get(col);
      if (from !== undefined) cell.mergedFrom = from;
      else if (merged?.has(col) === true) (masters ??= new Map()).set(`${columnLetters(col - 1)}${rowNumber}`, cell);
      cells.push(cell);
    }
    rows.push({ line: rowNumber, cells });
  });
  return over ?? rows;
}

/**
 * What a cell shows: "" for the covered cells of a merged range, a number through its format (see
 * ShownNumber). A formula the workbook holds no result for (saved by a program that does not
 * calculate, or with calculation off) shows as its formula, `=SUM(B11:B14)`: its value is unknown,
 * not empty (no money).
 */
function cellShown(cell: ExcelJS.Cell): string | ShownNumber {
  if (cell.type === 1 /* ExcelJS.ValueType.Merge */ || (cell.isMerged && cell.master !== cell)) return "";
  const value = cell.value;
  if (typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const formula = formulaOf(cell);
      return formula === "" ? "" : `=${formula}`;
    }
  }
  // exceljs gives the format the file defines for the cell's id (Excel writes its locale's currency
  // and accounting formats, ids 5–8 and 41–44, into the file when cells use them), else that of a
  // built-in id it knows (0–4, 9–22, 37–40, 45–49); for any other id none: the General way.
  return valueShown(value, cell.numFmt);
}

/** The text a cell shows (see cellShown). */
function cellText(cell: ExcelJS.Cell): string {
  const shown = cellShown(cell);
  return typeof shown === "string" ? shown : shown.text;
}

/** A formula cell's formula (a shared formula translated to the cell), "" if exceljs cannot say. */
function formulaOf(cell: ExcelJS.Cell): string {
  try {
    return typeof cell.formula === "string" ? cell.formula : "";
  } catch {
    return "";
  }
}

function valueShown(value: unknown, numFmt: string | undefined): string | ShownNumber {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return showNumber(value, numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === "string" ? r.text : "")).join("");
    if ("formula" in v || "sharedFormula" in v) return valueShown(v.result, numFmt);
    if (typeof v.error === "string") return v.error;
    if ("text" in v) return valueShown(v.text, numFmt);
  }
  return "";
}

/** A date as ISO `YYYY-MM-DD`, with `THH:MM:SS` when it has a time of day. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A number as Excel's General format shows it: 15 significant digits, no float noise. */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** Split a number format into its `;` sections (outside quotes and escapes). */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === "\\" || c === "!") && i + 1 < format.length) {
      current += c + format[++i];
      continue;
    }
    if (!quoted && c === ";") {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

/**
 * One piece of a number format section: literal text, a run of integer or decimal digit
 * placeholders (`0 # ?`), the decimal point, or `General` (the number the General way).
 */
type Token = { kind: "text"; text: string } | { kind: "int" | "frac"; places: string } | { kind: "point" } | { kind: "general" };

/** A section of a number format made of digit placeholders and literal text (no date, fraction or exponent). */
interface NumberSection {
  tokens: Token[];
  /** Every integer placeholder in order, and every decimal one (`#,##0!.0000`: `00000`, ``). */
  intPlaces: string;
  fracPlaces: string;
  /** Thousands separators (a comma between two digit placeholders). */
  grouping: boolean;
  /** Divisions by 1,000 (commas after the last digit placeholder: `#,##0,` shows thousands). */
  scale: number;
  /** Multiplications by 100 (`%`). */
  percent: number;
  /** Index of the first and last token of the number (digits, point, General); -1 when it has none. */
  first: number;
  last: number;
  /** The literal text before and after the number (currency signs, `万元`, padding). */
  outside: string;
  /** All literal text (outside the number and between its digits). */
  literal: string;
}

const GENERAL = /^(?:general|g\/通用格式)/i;
/** Letters of date and time codes (and `@`, text; `/`, fractions): such a section shows a number the General way here. */
const DATE_OR_FRACTION = /[yYmMdDhHsSgGbBeE/@]/;

/**
 * Read one section of a number format. Literal characters are quoted (`"万元"`), escaped (`\.`,
 * `!.`) or plain (`¥`, `-`, `(`); `_x` pads with a space, `*x` fills (dropped); `[$¥-804]` shows `¥`,
 * other brackets (colours, locales) show nothing. A literal between digit placeholders is part of
 * the number (`0!.0000` shows 12345678 as `1234.5678`). Null when the section is not a plain
 * decimal format (dates, fractions, exponents, conditions), which then shows the General way.
 */
function readSection(section: string): NumberSection | null {
  const tokens: Token[] = [];
  let point = false;
  let grouping = false;
  let percent = 0;
  let scale = 0;
  /** Commas right after a digit placeholder: grouping if a placeholder follows at once, else scaling unless one follows later. */
  let commas = 0;
  let afterPlaceholder = false;
  let literal = "";
  const text = (s: string) => {
    afterPlaceholder = false;
    if (s === "") return;
    literal += s;
    const last = tokens[tokens.length - 1];
    if (last?.kind === "text") last.text += s;
    else tokens.push({ kind: "text", text: s });
  };
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      text(end === -1 ? section.slice(i + 1) : section.slice(i + 1, end));
      i = end === -1 ? section.length : end;
    } else if (c === "\\" || c === "!") {
      text(section[++i] ?? "");
    } else if (c === "_") {
      if (++i < section.length) text(" ");
    } else if (c === "*") {
      i++;
    } else if (c === "[") {
      const end = section.indexOf("]", i);
      const inner = end === -1 ? section.slice(i + 1) : section.slice(i + 1, end);
      if (/^[<>=]/.test(inner)) return null;
      if (inner.startsWith("$")) text(inner.slice(1).split("-")[0]!);
      i = end === -1 ? section.length : end;
    } else if (c === "0" || c === "#" || c === "?") {
      if (commas > 0) {
        if (afterPlaceholder && !point) grouping = true;
        commas = 0;
      }
      const kind = point ? "frac" : "int";
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === kind) last.places += c;
      else tokens.push({ kind, places: c });
      afterPlaceholder = true;
    } else if (c === "," && afterPlaceholder) {
      commas++;
    } else if (c === "." && !point) {
      scale += commas;
      commas = 0;
      point = true;
      tokens.push({ kind: "point" });
    } else if (c === "%") {
      percent++;
      text("%");
    } else if (GENERAL.test(section.slice(i, i + 7))) {
      tokens.push({ kind: "general" });
      i += GENERAL.exec(section.slice(i, i + 7))![0].length - 1;
    } else if (DATE_OR_FRACTION.test(c)) {
      return null;
    } else text(c);
  }
  scale += commas;
  let first = -1;
  let last = -1;
  let intPlaces = "";
  let fracPlaces = "";
  let general = false;
  tokens.forEach((t, k) => {
    if (t.kind === "text") return;
    if (first === -1) first = k;
    last = k;
    if (t.kind === "int") intPlaces += t.places;
    else if (t.kind === "frac") fracPlaces += t.places;
    else if (t.kind === "general") general = true;
  });
  // `General` beside digit placeholders, or a point alone, is no format Excel accepts.
  if (general && intPlaces + fracPlaces !== "") return null;
  if (first !== -1 && !general && intPlaces + fracPlaces === "") return null;
  let outside = "";
  tokens.forEach((t, k) => {
    if (t.kind === "text" && (k < first || k > last || first === -1)) outside += t.text;
  });
  return { tokens, intPlaces, fracPlaces, grouping, scale, percent, first, last, outside, literal };
}

/** What an unfilled digit placeholder shows: `0` a zero, `?` a space, `#` nothing. */
function pad(place: string): string {
  return place === "0" ? "0" : place === "?" ? " " : "";
}

/** A money unit named by a format's literal text (`万元` in `#,##0.00"万元"`, `元` in `"￥"0.00"元"`). */
const MONEY_UNIT_TEXT = /^[十百千万亿]*元$/;

/** What a numeric cell shows through its number format. */
export interface ShownNumber {
  /** The text the sheet shows: literal text, currency signs and all (`¥1,234.50`, `(3.00)`, `12.50万元`). */
  text: string;
  /**
   * The number as shown, without the text around it: its sign (a minus however the format shows a
   * negative: `-`, parentheses, colour), grouping and decimals (`-1,234.50`); a literal between its
   * digits stays (`0!.0000` → `1234.5678`). A zero shown without a digit (accounting `-`) is `0`.
   * A percentage keeps its `%` (it is not an amount).
   */
  amount: string;
  /** The money unit the format's text names (`万元`, `元`), else null. */
  unit: string | null;
}

/** Formats already read, by format (a workbook has a handful, used by thousands of cells). */
const formatCache = new Map<string, (NumberSection | null)[]>();

/** The sections of a number format, read once (see readSection). */
function readFormat(numFmt: string): (NumberSection | null)[] {
  let read = formatCache.get(numFmt);
  if (read === undefined) {
    read = splitSections(numFmt).map(readSection);
    if (formatCache.size < 1000) formatCache.set(numFmt, read);
  }
  return read;
}

/** A number through its cell's number format, or the General way when there is none we can apply. */
export function formatNumber(value: number, numFmt: string | undefined): string {
  return showNumber(value, numFmt).text;
}

/** What a number shows through its cell's number format (see ShownNumber). */
export function showNumber(value: number, numFmt: string | undefined): ShownNumber {
  const plain = (): ShownNumber => {
    const text = plainNumber(value);
    return { text, amount: text, unit: null };
  };
  if (!Number.isFinite(value) || numFmt === undefined || numFmt === "" || /^general$/i.test(numFmt) || numFmt === "@") return plain();
  const sections = readFormat(numFmt);
  // An empty section (`0.00;;`) is no section: the first one shows the number.
  const given = (i: number) => sections.length > i && !(sections[i]?.tokens.length === 0);
  let index = 0;
  if (value < 0 && given(1)) index = 1;
  else if (value === 0 && given(2)) index = 2;
  const section = sections[index]!;
  if (section === null) return plain();
  const negative = value < 0;
  const unitText = section.outside.replace(/[\s\u3000¥￥$()（）+\-−]/g, "");
  const unit = MONEY_UNIT_TEXT.test(unitText) ? unitText : null;
  // Literal text alone (an accounting zero `"-"`, a hidden value): the text, and the number for money.
  if (section.first === -1) {
    const text = section.literal.trim();
    const amount = value === 0 ? "0" : plainNumber(value);
    return { text: text === "" ? amount : (negative && index === 0 ? "-" : "") + text, amount, unit };
  }
  /** What each token shows. */
  const pieces: string[] = [];
  let digits: string;
  if (section.tokens[section.first]!.kind === "general") {
    digits = plainNumber(Math.abs(value));
    for (const t of section.tokens) pieces.push(t.kind === "text" ? t.text : t.kind === "general" ? digits : "");
  } else {
    let d = new Decimal(Math.abs(value).toPrecision(15));
    if (section.percent > 0) d = d.times(new Decimal(100).pow(section.percent));
    if (section.scale > 0) d = d.dividedBy(new Decimal(1000).pow(section.scale));
    const fixed = d.toFixed(section.fracPlaces.length, Decimal.ROUND_HALF_UP);
    const dot = fixed.indexOf(".");
    const intDigits = (dot === -1 ? fixed : fixed.slice(0, dot)).replace(/^0+/, "");
    const fracDigits = dot === -1 ? "" : fixed.slice(dot + 1).replace(/0+$/, "");
    digits = intDigits + fracDigits;
    const places = section.intPlaces;
    const runs = section.tokens.filter((t) => t.kind === "int").length;
    // Integer digits fill the placeholders from the right, the first one taking any more digits;
    // thousands are grouped only when no literal splits the placeholders (Excel's way).
    let intAt = 0;
    let fracAt = 0;
    for (const t of section.tokens) {
      if (t.kind === "text") pieces.push(t.text);
      else if (t.kind === "point") pieces.push(places === "" ? `${intDigits}.` : ".");
      else if (t.kind === "int") {
        let run = "";
        for (let k = 0; k < t.places.length; k++, intAt++) {
          const at = intDigits.length - (places.length - intAt);
          if (intAt === 0 && at > 0) run += intDigits.slice(0, at);
          run += at >= 0 ? intDigits[at]! : pad(t.places[k]!);
        }
        if (section.grouping && runs === 1) {
          const lead = run.length - run.trimStart().length;
          run = run.slice(0, lead) + groupThousands(run.slice(lead));
        }
        pieces.push(run);
      } else if (t.kind === "frac") {
        let run = "";
        for (let k = 0; k < t.places.length; k++, fracAt++) run += fracDigits[fracAt] ?? pad(t.places[k]!);
        pieces.push(run);
      }
    }
  }
  // A number that rounds to zero shows no minus.
  const nonZero = /[1-9]/.test(digits);
  let sign = "";
  // Excel puts the minus before a format's first section; a negative section that shows no sign of
  // its own (`#,##0.00;[Red]#,##0.00`: Excel's "red negative numbers" option shows the sign by colour
  // alone) keeps it too: the text is all that is read, and without it -3 would be taken for 3.
  if (negative && nonZero && (index === 0 || !/[-−(（△▲]/.test(section.literal))) sign = "-";
  const shown = sign + pieces.join("").trim();
  let number = pieces.slice(section.first, section.last + 1).join("").trim();
  if (!/\d/.test(number)) number = "0";
  else if (number.startsWith(".")) number = `0${number}`;
  const amount = section.percent > 0 ? shown : (negative && nonZero ? "-" : "") + number;
  // A number never shows as an empty cell (`#,###` shows nothing for 0): that would read as no money.
  return { text: shown === "" ? amount : shown, amount, unit };
}
