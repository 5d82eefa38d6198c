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

/**
 * Read the rows of one sheet. The sheet is the one named `sheet`; else the first sheet in view
 * (not hidden) holding a performance-table header (a row with cells 项目名称…, 总计 or 合计, and
 * 绩效指标…); else the first hidden one holding one; else the first sheet in view. `line` is the sheet's row number, `column` the sheet's column number (1-based), `ref`
 * `Sheet!G12`. Cell text is what the sheet shows: numbers through their number format (`#,##0.00` →
 * `15,812.52`) or plainly (`15812.52`), a negative number with its minus even where the format shows
 * it by colour alone, formulas by their cached result (`=B11+B27` when the file has none), rich text
 * joined, dates as ISO dates; only the top-left cell of a merged range keeps its text. A file exceljs
 * cannot open, an unknown sheet name, or a sheet of more than `maxCells` cells (counted from column A to each
 * row's last cell with text), gives one `input/unreadable` (`ioError`) finding. Never throws.
 */
export async function readXlsxRows(bytes: Uint8Array, sheet?: string, maxCells = MAX_SHEET_CELLS): Promise<Result<RawRow[]> & { sheet: string | null }> {
  // exceljs is large: load it only when an .xlsx file is actually read.
  if (!isZip(bytes)) {
    return fail(
      "not a readable .xlsx file: it is not a zip archive, as every .xlsx file is (a text or CSV table saved under an .xlsx name? name it .txt or .csv)",
      "不是可读取的 .xlsx 文件：它不是 zip 压缩包，而 .xlsx 文件都是（若是以 .xlsx 命名的文本或 CSV 表格，请改名为 .txt 或 .csv）",
    );
  }
  const excel = (await import("exceljs")).default;
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as unknown as ExcelJS.Buffer);
  } catch (error) {
    return fail(`not a readable .xlsx file: ${describeError(error)}`, `不是可读取的 .xlsx 文件：${describeErrorZh(error)}`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) return fail("not a readable .xlsx file: the workbook has no sheets", "不是可读取的 .xlsx 文件：工作簿中没有工作表");
  let chosen: ExcelJS.Worksheet | undefined;
  if (sheet !== undefined) {
    chosen = sheets.find((ws) => ws.name === sheet) ?? sheets.find((ws) => ws.name.trim().toLowerCase() === sheet.trim().toLowerCase());
    if (chosen === undefined) {
      const names = sheets.map((ws) => ws.name);
      return fail(`no sheet named ${sheet} (sheets: ${names.join(", ")})`, `没有名为“${sheet}”的工作表（现有工作表：${names.join("、")}）`);
    }
  } else {
    // A hidden sheet (a template or a list kept out of sight) is taken only when no sheet in view has a table.
    const visible = sheets.filter((ws) => ws.state !== "hidden" && ws.state !== "veryHidden");
    chosen = visible.find(hasTableHeader) ?? sheets.find(hasTableHeader) ?? visible[0] ?? sheets[0]!;
  }
  try {
    const read = readSheet(chosen, maxCells);
    if (!Array.isArray(read)) {
      const at = `${sheetPrefix(chosen.name)}!${columnLetters(read.column - 1)}${read.row}`;
      return {
        ...fail(
          `the sheet is too large to read: it makes more than ${maxCells.toLocaleString("en-US")} cells by ${at} (every row is read from column A to its last cell with text: delete text far to the right of the table)`,
          `工作表过大，无法读取：到 ${at} 已超过 ${maxCells} 个单元格（每行从 A 列读到其最后一个有内容的单元格：请删除表格右侧远处的内容）`,
        ),
        sheet: chosen.name,
      };
    }
    return { value: read, diagnostics: [], sheet: chosen.name };
  } catch (error) {
    return { ...fail(`not a readable .xlsx file: ${describeError(error)}`, `不是可读取的 .xlsx 文件：${describeErrorZh(error)}`), sheet: chosen.name };
  }
}

function fail(reason: string, reasonZh: string): Result<RawRow[]> & { sheet: string | null } {
  const diagnostics: Diagnostic[] = [readFailure(reason, 1, reasonZh)];
  return { value: [], diagnostics, sheet: null };
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

/** Whether a row of the sheet looks like the header of a performance table. */
function hasTableHeader(ws: ExcelJS.Worksheet): boolean {
  let found = false;
  ws.eachRow((row) => {
    if (found) return;
    let name = false;
    let total = false;
    let indicators = false;
    row.eachCell((cell) => {
      const t = cellText(cell).replace(/[\s\u3000]/g, "");
      if (t.startsWith("项目名称")) name = true;
      else if (t === "总计" || t === "合计") total = true;
      else if (t.startsWith("绩效指标")) indicators = true;
    });
    found = name && total && indicators;
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
  ws.eachRow((row, rowNumber) => {
    if (over !== null) return;
    const texts = new Map<number, string>();
    let width = 0;
    row.eachCell((cell, colNumber) => {
      if (colNumber > MAX_COLUMNS) return;
      const text = trimCell(cellText(cell)).text;
      if (text === "") return;
      texts.set(colNumber, text);
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
      cells.push(cell);
    }
    rows.push({ line: rowNumber, cells });
  });
  return over ?? rows;
}

/**
 * The text a cell shows; "" for the covered cells of a merged range. A formula the workbook holds no
 * result for (saved by a program that does not calculate, or with calculation off) shows as its
 * formula, `=SUM(B11:B14)`: its value is unknown, not empty (no money).
 */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.type === 1 /* ExcelJS.ValueType.Merge */ || (cell.isMerged && cell.master !== cell)) return "";
  const value = cell.value;
  if (typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const formula = formulaOf(cell);
      return formula === "" ? "" : `=${formula}`;
    }
  }
  return valueText(value, cell.numFmt);
}

/** A formula cell's formula (a shared formula translated to the cell), "" if exceljs cannot say. */
function formulaOf(cell: ExcelJS.Cell): string {
  try {
    return typeof cell.formula === "string" ? cell.formula : "";
  } catch {
    return "";
  }
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === "string" ? r.text : "")).join("");
    if ("formula" in v || "sharedFormula" in v) return valueText(v.result, numFmt);
    if (typeof v.error === "string") return v.error;
    if ("text" in v) return valueText(v.text, numFmt);
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
    if (!quoted && c === "\\" && i + 1 < format.length) {
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

interface NumberPattern {
  prefix: string;
  suffix: string;
  integer: string;
  decimals: string | null;
  percent: boolean;
}

/**
 * Read one section of a number format: literal text around one run of digit placeholders
 * (`0 # ? , .`). Null when the section is not a plain decimal format (dates, fractions, exponents,
 * conditions), which then shows the General way.
 */
function readPattern(section: string): NumberPattern | null {
  let prefix = "";
  let suffix = "";
  let number = "";
  let started = false;
  let ended = false;
  let percent = false;
  const literal = (s: string) => {
    if (!started) prefix += s;
    else {
      ended = true;
      suffix += s;
    }
  };
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      literal(end === -1 ? section.slice(i + 1) : section.slice(i + 1, end));
      i = end === -1 ? section.length : end;
    } else if (c === "\\") {
      literal(section[i + 1] ?? "");
      i++;
    } else if (c === "_" || c === "*") {
      i++; // padding and fill characters
    } else if (c === "[") {
      const end = section.indexOf("]", i);
      const inner = end === -1 ? section.slice(i + 1) : section.slice(i + 1, end);
      if (/^[<>=]/.test(inner)) return null;
      if (inner.startsWith("$")) literal(inner.slice(1).split("-")[0]!);
      i = end === -1 ? section.length : end;
    } else if ("0#?,.".includes(c)) {
      if (ended) {
        if (c === "," || c === ".") suffix += c;
        else return null;
      } else {
        started = true;
        number += c;
      }
    } else if (c === "%") {
      percent = true;
      literal("%");
    } else if (/[eEyYmMdDhHsSgGbB/@]/.test(c)) {
      return null;
    } else literal(c);
  }
  if (number === "" || !/[0#?]/.test(number)) return null;
  const dot = number.indexOf(".");
  return { prefix, suffix, integer: dot === -1 ? number : number.slice(0, dot), decimals: dot === -1 ? null : number.slice(dot + 1), percent };
}

/** A number through its cell's number format, or the General way when there is none we can apply. */
export function formatNumber(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return plainNumber(value);
  if (numFmt === undefined || numFmt === "" || /^general$/i.test(numFmt) || numFmt === "@") return plainNumber(value);
  const sections = splitSections(numFmt);
  let section = sections[0]!;
  let sign = value < 0 ? "-" : "";
  if (value < 0 && sections.length >= 2 && sections[1] !== "") {
    section = sections[1]!;
    sign = "";
  } else if (value === 0 && sections.length >= 3 && sections[2] !== "") section = sections[2]!;
  // A zero section without digits (accounting `"-"`) shows its literal text.
  const pattern = readPattern(section);
  // A negative section that shows no sign of its own (`#,##0.00;[Red]#,##0.00`: Excel's "red
  // negative numbers" option shows the sign by colour alone) keeps the minus: the text is all that
  // is read, and without it -3 would be taken for 3.
  if (pattern !== null && value < 0 && sign === "" && !/[-−(（△▲]/.test(pattern.prefix + pattern.suffix)) sign = "-";
  if (pattern === null) {
    const literalOnly = !/[0#?]/.test(section) && value === 0 && sections.length >= 3;
    return literalOnly ? section.replace(/_.|\*.|"|\\/g, "").trim() : plainNumber(value);
  }
  let d = new Decimal(Math.abs(value).toPrecision(15));
  if (pattern.percent) d = d.times(100);
  // Trailing commas after the integer digits scale by 1000 each.
  const scale = /,+$/.exec(pattern.integer)?.[0].length ?? 0;
  if (scale > 0) d = d.dividedBy(new Decimal(1000).pow(scale));
  const integerPattern = pattern.integer.replace(/,+$/, "");
  const maxDecimals = pattern.decimals === null ? 0 : pattern.decimals.replace(/[^0#?]/g, "").length;
  const minDecimals = pattern.decimals === null ? 0 : pattern.decimals.replace(/[^0]/g, "").length;
  let text = d.toFixed(maxDecimals, Decimal.ROUND_HALF_UP);
  let [intPart, decPart = ""] = text.split(".") as [string, string?];
  while (decPart.length > minDecimals && decPart.endsWith("0")) decPart = decPart.slice(0, -1);
  const minInteger = integerPattern.replace(/[^0]/g, "").length;
  if (intPart === "0" && minInteger === 0) intPart = "";
  intPart = intPart.padStart(minInteger, "0");
  if (integerPattern.includes(",")) intPart = groupThousands(intPart);
  text = pattern.decimals === null ? intPart : `${intPart}.${decPart}`;
  return `${sign}${pattern.prefix}${text}${pattern.suffix}`.trim();
}
