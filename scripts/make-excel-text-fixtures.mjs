// Writes fixtures/excel-text/: the seed table as a spreadsheet program exports it as tab-separated
// text after a few cells were given line breaks (Alt+Enter) and quotes — Excel's "Unicode text"
// (UTF-16LE with BOM, CRLF) and LibreOffice's or WPS's UTF-8 text (LF) — and the same table with
// neither breaks nor quoting, to compare them with. `--check` compares the committed files instead.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "fixtures/excel-text");
const WIDTH = 7;

/** The edits: [row (its first cell as in the seed), column, new text], `\n` being an Alt+Enter. */
export const EDITS = [
  // A header cell that wraps, as templates often make it.
  ["项目名称（资金使用单位）", 0, "项目名称\n（资金使用单位）"],
  // A goal broken after its first clause.
  ["金融发展专项资金", 5, (goal) => goal.replace("，", "，\n")],
  // A goal with an Alt+Enter left at its end.
  ["金融项目评审专项经费", 5, (goal) => `${goal}\n`],
  // A goal that starts with a quote (read as written in the plain table, quoted by the export).
  ["金融风险防控经费", 5, (goal) => `"十四五"期间，${goal}`],
  // An indicator name with quotes, before two findings on the same line.
  ["金融交流专项经费", 6, (cell) => cell.replace("参加大型金融展会", '参加"金交会"等大型金融展会')],
  // One indicator per line, three of them with findings.
  ["广州市年度巨灾指数保险经费", 6, (cell) => cell.replace(/。(?=\d、)/g, "。\n")],
];

/** The seed's rows as cells, each row WIDTH cells wide (as a sheet's used range is exported). */
function seedRows() {
  const seed = readFileSync(join(ROOT, "fixtures/seed-guangzhou-finance-bureau.txt"), "utf8");
  const rows = seed.replace(/\n$/, "").split("\n").map((line) => line.split("\t"));
  for (const row of rows) while (row.length < WIDTH) row.push("");
  for (const [first, column, change] of EDITS) {
    const row = rows.find((r) => r[0] === first);
    if (row === undefined) throw new Error(`no row ${first}`);
    row[column] = typeof change === "function" ? change(row[column]) : change;
  }
  return rows;
}

/** A cell as Excel, WPS and LibreOffice write it: quoted (inner quotes doubled) when it holds a quote, a tab or a line break. */
function exportCell(text) {
  return /["\t\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The three files, by name. */
export function buildExcelTextFixtures() {
  const rows = seedRows();
  const exported = (eol) => rows.map((row) => row.map(exportCell).join("\t") + eol).join("");
  // Excel writes its line breaks inside cells as LF, whatever it ends rows with.
  const unicodeText = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exported("\r\n"), "utf16le")]);
  const plain = rows.map((row) => row.map((cell) => cell.replace(/\n/g, "")).join("\t") + "\n").join("");
  return {
    "seed-excel-unicode-text.txt": unicodeText,
    "seed-libreoffice-utf8.txt": Buffer.from(exported("\n"), "utf8"),
    "seed-plain.txt": Buffer.from(plain, "utf8"),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [name, bytes] of Object.entries(buildExcelTextFixtures())) {
    const path = join(OUT, name);
    if (!check) writeFileSync(path, bytes);
    else if (!readFileSync(path).equals(bytes)) {
      console.error(`${name} is not what this script makes: run node scripts/make-excel-text-fixtures.mjs`);
      stale++;
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
