// Test helpers: write a tab-separated table (the seed by default) as .csv (a tiny RFC 4180 writer)
// and as .xlsx (exceljs, amounts as numbers with a number format) into a temporary folder.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED } from "./fixtures.js";
import { tempDir } from "./temp.js";

/** A fresh temporary folder. */
export function makeTempDir(): string {
  return tempDir("perftable-io-");
}

/** One CSV field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Tab-separated text → CSV with the same records, one per line (blank lines kept), CRLF ends. */
export function tsvToCsv(text: string, eol = "\r\n"): string {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => line.replace(/\r$/, "").split("\t").map(quoteCsvField).join(",")).join(eol) + eol;
}

const AMOUNT = /^-?(\d{1,3}(,\d{3})+|\d+)(\.(\d+))?$/;

/** The numFmt Excel would show an amount with: `#,##0.00` for two decimals, `#,##0.000` for three. */
function amountFormat(text: string): string {
  const decimals = AMOUNT.exec(text)?.[4]?.length ?? 0;
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
}

export interface XlsxOptions {
  /** Name of the sheet holding the table (default 绩效目标表). */
  sheet?: string;
  /** Put an unrelated sheet "说明" before the table's sheet (default true). */
  notesSheet?: boolean;
}

/**
 * Tab-separated text → .xlsx bytes: line N becomes sheet row N (blank lines stay empty rows), cell
 * K of the line goes to column K. Amount cells become numbers with `#,##0.00`-style formats.
 */
export async function tsvToXlsx(text: string, options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (options.notesSheet ?? true) {
    const notes = workbook.addWorksheet("说明");
    notes.getCell("A1").value = "本工作簿由财政局导出";
    notes.getCell("A2").value = "项目名称以“绩效目标表”工作表为准";
    notes.getCell("B3").value = 2024;
  }
  fillSheet(workbook.addWorksheet(options.sheet ?? "绩效目标表"), text);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Tab-separated tables → one .xlsx with a sheet for each (`[name, text]`, in order), as tsvToXlsx lays them out. */
export async function sheetsToXlsx(sheets: readonly (readonly [string, string])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, text] of sheets) fillSheet(workbook.addWorksheet(name), text);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Line N of `text` to row N of the sheet, cell K to column K; amounts as numbers with a format. */
function fillSheet(ws: ExcelJS.Worksheet, text: string): void {
  text.split("\n").forEach((line, i) => {
    const cells = line.replace(/\r$/, "").split("\t");
    cells.forEach((cell, k) => {
      if (cell === "") return;
      const target = ws.getCell(i + 1, k + 1);
      if (AMOUNT.test(cell.trim())) {
        target.value = Number(cell.trim().replace(/,/g, ""));
        target.numFmt = amountFormat(cell.trim());
      } else target.value = cell;
    });
  });
}

/** Write the seed (or `text`) as table.txt, table.csv and table.xlsx into a new temporary folder. */
export async function writeTableFormats(text: string = SEED): Promise<{ dir: string; txt: string; csv: string; xlsx: string }> {
  const dir = makeTempDir();
  const txt = join(dir, "table.txt");
  const csv = join(dir, "table.csv");
  const xlsx = join(dir, "table.xlsx");
  writeFileSync(txt, text);
  writeFileSync(csv, tsvToCsv(text));
  writeFileSync(xlsx, await tsvToXlsx(text));
  return { dir, txt, csv, xlsx };
}

const POSITION_KEY = /^(column|endColumn|ref|amountColumns|[a-z]+Column|sheet)$/;

/**
 * A deep copy without the keys that legitimately differ between the .txt, .csv and .xlsx forms of a
 * table: columns (`column`, `endColumn`, `nameColumn`, `amountColumns`, …), cell references and the
 * sheet's name.
 */
export function withoutColumns<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (POSITION_KEY.test(key) ? undefined : v)) as T;
}
