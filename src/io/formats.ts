// Tells the input formats apart (tab-separated text, .csv, .xlsx, old binary .xls) by magic bytes
// first and file extension second, and builds the `input/unreadable` finding the readers share.
import type { Diagnostic } from "../types.js";

/** The reader a file goes to. */
export type InputFormat = "text" | "csv" | "xlsx" | "xls";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
/** How much of a .csv file is looked at to tell comma- from tab-separated content. */
const SNIFF_BYTES = 64 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/**
 * Counts tabs and commas at the start of the file. UTF-8 and GB18030 never use these byte values
 * inside a multi-byte character; UTF-16 files are read as 16-bit units.
 */
function countSeparators(bytes: Uint8Array): { tabs: number; commas: number } {
  let tabs = 0;
  let commas = 0;
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? "le" : startsWith(bytes, [0xfe, 0xff]) ? "be" : null;
  const end = Math.min(bytes.length, SNIFF_BYTES);
  if (utf16 === null) {
    for (let i = 0; i < end; i++) {
      if (bytes[i] === 0x09) tabs++;
      else if (bytes[i] === 0x2c) commas++;
    }
  } else {
    for (let i = 2; i + 1 < end; i += 2) {
      const unit = utf16 === "le" ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
      if (unit === 0x09) tabs++;
      else if (unit === 0x2c) commas++;
    }
  }
  return { tabs, commas };
}

/**
 * The format of a file. Magic bytes win: a zip (`PK\x03\x04`) is .xlsx whatever its name, an OLE
 * compound file (`D0 CF 11 E0`) is an old .xls. Otherwise the extension decides: `.xlsx`/`.xlsm` →
 * xlsx (its reader then says the file is not a readable workbook); `.csv` → csv, unless the content
 * has more tabs than commas (a tab-separated export saved as .csv: amounts like `15,812.52` bring a
 * few commas, real CSV has at least one per cell); no extension (standard input) → csv when the
 * content has commas and no tab; anything else (`.txt`, `.tsv`, `.xls` that is really text) → text.
 */
export function detectFormat(path: string, bytes: Uint8Array): InputFormat {
  if (startsWith(bytes, ZIP)) return "xlsx";
  if (startsWith(bytes, OLE)) return "xls";
  const ext = extensionOf(path);
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "csv") {
    const { tabs, commas } = countSeparators(bytes);
    return tabs > commas ? "text" : "csv";
  }
  // Standard input (`<stdin>`) or a name without extension: comma-separated content without a single
  // tab (a table piped from a download of its .csv) can only be read as CSV. (A header row has at
  // least three commas.)
  if (ext === "") {
    const { tabs, commas } = countSeparators(bytes);
    if (tabs === 0 && commas >= 3) return "csv";
  }
  return "text";
}

/** `EncryptedPackage` in UTF-16LE: the name of the stream an encrypted .xlsx keeps its workbook in. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

/**
 * Whether an OLE compound file is a password-protected (encrypted) .xlsx/.docx rather than an old
 * .xls: Office saves an encrypted workbook as an OLE file holding an `EncryptedPackage` stream.
 */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(ENCRYPTED_PACKAGE);
}

/** Spreadsheet column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Spaces trimmed around a cell, as the tab-separated reader does (ASCII, full-width, NBSP, VT, FF,
 * CR), and the line breaks and tabs a .csv or .xlsx cell can hold (an Alt+Enter left at the end of
 * `合计` must not make it another name).
 */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x3000 || code === 0xa0 || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x0a || code === 0x09;
}

/** A cell's text without surrounding spaces, and how many UTF-16 units were cut at its start. */
export function trimCell(text: string): { text: string; lead: number } {
  let a = 0;
  let z = text.length;
  while (a < z && isSpace(text.charCodeAt(a))) a++;
  while (z > a && isSpace(text.charCodeAt(z - 1))) z--;
  return { text: a === 0 && z === text.length ? text : text.slice(a, z), lead: a };
}

/**
 * An `input/unreadable` finding with message `ioError` ("cannot read the file: {reason}") at the
 * start of `line` (1-based). `path` is filled in by reporters from the file report. `reasonZh`: the
 * reason in Chinese (shown under `--lang zh`; else `reason` is).
 */
export function readFailure(reason: string, line = 1, reasonZh?: string): Diagnostic {
  return {
    ruleId: "input/unreadable",
    severity: "error",
    messageId: "ioError",
    data: reasonZh === undefined ? { path: "", reason } : { path: "", reason, reasonZh },
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    project: null,
    indicator: null,
  };
}
