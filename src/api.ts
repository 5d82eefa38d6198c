// File-level library calls shared by the CLI and by audit workers: read a path (or stdin), pick the
// reader by format (tab-separated text, .csv, .xlsx), and check or parse it. Never throws on bad input.
import { constants as bufferConstants } from "node:buffer";
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { checkRest, readStreamed, streamRows, type StreamPlan } from "./io/stream.js";
import { mergeReplaced, type Replaced } from "./io/replaced.js";
import { openLineSource } from "./io/lines.js";
import { TableReader } from "./table/reader.js";
import { readCsvRows } from "./io/csv.js";
import { decodeBytes, type EncodingOption } from "./io/decode.js";
import { columnLetters, detectFormat, isEncryptedOffice, readFailure } from "./io/formats.js";
import { describeFsError, isStreamPath, peekFile, readPath, readSmallFile, readStdin, type SpooledStdin, spoolStdin } from "./io/read-input.js";
import { readXlsxSheets } from "./io/xlsx.js";
import { noTable, parseRows, parseTable, replacedBytes, unreadable } from "./table/parse.js";
import type { RawRow } from "./table/rows.js";
import { codePointLength } from "./table/split.js";
import type { Diagnostic, FileReport, Result, TableDocument } from "./types.js";
import { checkInput, checkRows, defaultConfig, makeReport, noTableIn, type PartFindings, type ResolvedConfig, RuleRunner, sortDiagnostics } from "./validate/run.js";
import { type PartTask, partThreads, TableParts, takeParts } from "./validate/parts.js";
import { findWorkerScript } from "./audit/worker-script.js";

export interface FileOptions {
  /** Name used in reports (default: the argument). Its extension also picks the format of stdin. */
  path?: string;
  encoding?: EncodingOption;
  /** The one sheet of an .xlsx file to read (default: every sheet in view with a performance-table header). */
  sheet?: string;
  /** Folder relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Stream read for `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Bytes of `-` kept in memory before the rest goes to a temporary file (default 32 MiB). */
  stdinMemoryLimit?: number;
  /** Bytes of a .csv file that can be read, all at once (default: V8's longest string, ~512 MiB; tests lower it). */
  csvByteLimit?: number;
}

export interface CheckFileOptions extends FileOptions {
  config?: ResolvedConfig;
  /** Keep the decoded text (`source`), or for a file past `wholeFileLimit` a way to read its lines again (`lines`). */
  keepSource?: boolean;
  /** Bytes up to which `keepSource` keeps the whole text (default 32 MiB; tests lower it). */
  wholeFileLimit?: number;
  /** Findings of a .csv or .xlsx file kept as objects before the rest are kept compactly (default 100,000; tests lower it). */
  compactAfter?: number;
  /**
   * Threads a big text table may be checked on, this one included (default 1). The report is the
   * same as on one thread.
   */
  threads?: number;
  /** Text tables from this size are checked in parts when `threads` > 1 (default 16 MiB; tests lower it). */
  splitBytes?: number;
  /** Where to look for the cuts, as fractions of the file (tests; default equal parts). */
  splitAt?: readonly number[];
  /** The worker script for parts (default dist/worker.js beside the bundle; null: none). */
  partWorker?: URL | null;
}

async function readBytes(file: string, options: FileOptions) {
  if (file === "-") return { ok: true as const, bytes: await readStdin(options.stdin ?? process.stdin, options.encoding) };
  return readPath(resolve(options.cwd ?? process.cwd(), file), options.encoding, options.path ?? file);
}

/** V8's longest string (UTF-16 units); TextDecoder refuses more input bytes than this. */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/**
 * Rows of a .csv or .xlsx file with the reader's findings, or (`ok: false`) why nothing could be
 * read: one sheet of rows for a .csv, each sheet with a table (its name) for an .xlsx.
 */
type SheetRows = { ok: true; sheets: { name: string | null; rows: RawRow[] }[]; encoding: string; diagnostics: Diagnostic[]; source?: string } | { ok: false; diagnostics: Diagnostic[] };

/** Read the rows of a non-text input. Encoding of .xlsx is always UTF-8 (its XML parts are). */
async function readSheetRows(format: "csv" | "xlsx" | "xls", bytes: Uint8Array, options: FileOptions): Promise<SheetRows> {
  if (format === "xls") {
    // An encrypted .xlsx is an OLE file too, but saving it "as .xlsx" would not help.
    if (isEncryptedOffice(bytes)) {
      return {
        ok: false,
        diagnostics: [
          readFailure(
            "the workbook is encrypted (it has a password to open it): remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, empty it), save, then check that",
            1,
            "工作簿已加密（设有打开密码）：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再检查",
          ),
        ],
      };
    }
    return { ok: false, diagnostics: [unreadable("xls")] };
  }
  if (format === "xlsx") {
    if (bytes.length === 0) return { ok: false, diagnostics: [unreadable("empty")] };
    const read = await readXlsxSheets(bytes, options.sheet);
    if (read.value.length === 0 && read.diagnostics.length > 0) return { ok: false, diagnostics: read.diagnostics };
    return { ok: true, sheets: read.value, encoding: "utf-8", diagnostics: read.diagnostics };
  }
  // A .csv is decoded into one string, which V8 cannot make past its longest: said as such (the
  // decoder's failure was taken for "not UTF-8", and the table read garbled as GB18030).
  if (bytes.length > (options.csvByteLimit ?? MAX_STRING_LENGTH)) {
    const mib = `${Math.floor(bytes.length / 2 ** 20)} MiB`;
    return {
      ok: false,
      diagnostics: [
        readFailure(
          `the .csv file (${mib}) is too large: a .csv is read whole, which Node.js cannot do past 512 MiB; save the table as tab-separated text (.txt), which is read in parts at any size`,
          1,
          `.csv 文件（${mib}）过大：.csv 文件需整体读入，Node.js 无法读入超过 512 MiB 的文本；请将表格另存为制表符分隔的文本（.txt），文本表格可分段读取，不限大小`,
        ),
      ],
    };
  }
  const decoded = decodeBytes(bytes, options.encoding ?? "auto");
  if (!decoded.ok) return { ok: false, diagnostics: [unreadable(decoded.messageId, decoded.data)] };
  const read = readCsvRows(decoded.text);
  if (decoded.replaced !== undefined) read.diagnostics.push(replacedBytes(decoded.encoding, decoded.replaced));
  if (read.value.length === 0 && read.diagnostics.length > 0) return { ok: false, diagnostics: read.diagnostics };
  return { ok: true, sheets: [{ name: null, rows: read.value }], encoding: decoded.encoding, diagnostics: read.diagnostics, source: decoded.text };
}

/** Apply configured severities to the reader's own findings (the rule runner does it for the rest). */
function configure(diagnostics: Diagnostic[], config: ResolvedConfig | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = config?.severities.get(d.ruleId) ?? d.severity;
    if (severity !== "off") out.push({ ...d, severity });
  }
  return out;
}

/** Files above this size are never held in memory whole, even for code frames. */
const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;

/**
 * Files at least this big keep their findings compactly almost from the start: a table this size
 * has tens of thousands of findings, and making them objects first (to be copied into compact
 * storage at 100,000) only feeds the collector.
 */
const BIG_FILE = 8 * 1024 * 1024;
const BIG_FILE_COMPACT_AFTER = 1000;

/** Whether a text file of `size` bytes is to be checked in parts. */
function splits(size: number, options: CheckFileOptions): boolean {
  return partThreads(options.threads ?? 1, size, options.splitBytes) > 1;
}

/** Start the workers of a split check when the file and the options allow one (see validate/parts.ts). */
function startParts(absolute: string, plan: StreamPlan, size: number, options: CheckFileOptions & { path: string }): Promise<TableParts<PartFindings> | null> | null {
  const threads = partThreads(options.threads ?? 1, size, options.splitBytes);
  if (threads < 2) return null;
  const workerUrl = options.partWorker === undefined ? findWorkerScript() : options.partWorker;
  if (workerUrl === null) return null;
  const config = options.config ?? defaultConfig();
  const task: PartTask = { kind: "check", severities: [...config.severities], options: [...config.options] };
  return TableParts.start(absolute, plan, size, { threads, workerUrl, name: options.path, task: () => task, at: options.splitAt });
}

/**
 * Check a text table streamed from disk (memory stays flat whatever the file's size), in parts on
 * several threads when it is big and the options allow.
 */
function checkStreamed(absolute: string, head: Uint8Array, size: number, options: CheckFileOptions & { path: string }): Promise<FileReport> {
  return readStreamed(
    absolute,
    head,
    options.encoding ?? "auto",
    async (plan) => {
      const runner = new RuleRunner(options.path, options.config, undefined, size >= BIG_FILE ? BIG_FILE_COMPACT_AFTER : undefined);
      const reader = new TableReader(runner, { encoding: plan.encoding, retain: false });
      const mayRead = reader.mayRead.bind(reader);
      const seen: { text: boolean; nextLine: number; replaced?: Replaced } = { text: false, nextLine: 1 };
      const parts = await startParts(absolute, plan, size, options);
      try {
        for await (const rows of streamRows(absolute, plan, seen, 32, undefined, { end: parts?.starts[0], mayRead })) {
          for (const row of rows) reader.push(row);
          parts?.watch(reader);
          // No header where one should be: the rest is not read (see TableReader.stopped).
          if (reader.stopped !== null) break;
        }
        if (parts !== null && reader.stopped === null) {
          // The other parts' findings, in order; what could not be used is read here after all.
          const doc = reader.currentTable;
          const { resume, line, replaced } = await takeParts(parts, reader, seen.nextLine, (part) => runner.absorbPart(part, doc!), runner.splittable);
          seen.replaced = mergeReplaced(seen.replaced, replaced);
          if (resume !== null) {
            const rest = streamRows(absolute, { encoding: plan.encoding, skip: resume }, seen, 32, undefined, { firstLine: line, mayRead });
            for await (const rows of rest) {
              for (const row of rows) reader.push(row);
              if (reader.stopped !== null) break;
            }
          }
        }
      } finally {
        parts?.close();
      }
      // Stopped early after a table (no header after a later preamble): the bytes after are read all
      // the same, as a whole-file read decodes them (NUL characters, bytes that are not UTF-8,
      // replaced bytes). A file without a table is not read past where the reader gave up.
      if (reader.stopped !== null && reader.tables > 0) seen.replaced = await checkRest(absolute, plan);
      if (!seen.text && reader.stopped === null) return makeReport(options.path, null, [unreadable("empty")]);
      if (reader.end() === 0) runner.diagnostic(noTable(reader, plan.notUtf8));
      else if (seen.replaced !== undefined) runner.diagnostic(replacedBytes(plan.encoding, seen.replaced));
      const report = runner.toReport(options.path, plan.encoding);
      // Too big to keep whole: a code frame reads its line from the file again.
      if (options.keepSource) Object.defineProperty(report, "lines", { value: openLineSource(absolute, plan), enumerable: false });
      return report;
    },
    (failure) => makeReport(options.path, null, [unreadable(failure.messageId, failure.data)]),
    options.path,
  );
}

/**
 * Name the spreadsheet cell of each finding (`Sheet1!G12`): the last cell of its row that starts at
 * or before its position and whose text reaches it, else the last that starts before it. A finding on a later line of a .csv cell that spans lines (a quoted cell with
 * line breaks) is in that cell too.
 */
export function addCellRefs(diagnostics: Iterable<Diagnostic>, rows: readonly RawRow[]): void {
  const name = cellRefs(rows);
  for (const d of diagnostics) name(d);
}

/** What names the cell of a finding (see addCellRefs), made once for the rows of a sheet. */
export function cellRefs(rows: readonly RawRow[]): (d: Diagnostic) => void {
  const byLine = new Map<number, RawRow>();
  // A sheet's name as its refs give it (`'2024 调整'`): a finding on a row without cells (the
  // missing title of a sheet whose first rows are empty) names its cell too, so that every finding
  // of a workbook says its sheet. A .csv's refs have none.
  const named = rows.find((r) => r.cells.length > 0)?.cells[0]?.ref;
  const prefix = named !== undefined && named.includes("!") ? named.slice(0, named.lastIndexOf("!") + 1) : null;
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!byLine.has(cell.line)) byLine.set(cell.line, row);
      // Every line of a cell that spans lines belongs to its row.
      if (cell.oneLine === true) continue;
      for (let line = cell.line, at = cell.text.indexOf("\n"); at !== -1; at = cell.text.indexOf("\n", at + 1)) {
        if (!byLine.has(++line)) byLine.set(line, row);
      }
    }
  }
  return (d) => {
    const row = byLine.get(d.line);
    if (row === undefined) {
      if (prefix !== null && d.line >= 1 && d.column >= 1) d.ref = `${prefix}${columnLetters(d.column - 1)}${d.line}`;
      return;
    }
    let ref: string | undefined;
    let containing: string | undefined;
    for (const cell of row.cells) {
      if (cell.line > d.line || (cell.line === d.line && cell.column > d.column)) break;
      ref = cell.ref ?? ref;
      // In a sheet a cell's column is its sheet column and positions inside its text go on from
      // there, past the columns of the cells after it (an indicator 130 characters into G12 is at
      // column 137, beyond H12 and I12): the cell whose text reaches the position is the one.
      if (cell.line === d.line && cell.ref !== undefined && d.column <= cell.column + codePointLength(cell.text)) containing = cell.ref;
    }
    ref = containing ?? ref;
    if (ref !== undefined) d.ref = ref;
  };
}

/** Check one file (or `-`). Failures to read become an `input/unreadable` finding. */
export async function checkFile(file: string, options: CheckFileOptions = {}): Promise<FileReport> {
  const path = options.path ?? file;
  if (file === "-") return checkStream(options.stdin ?? process.stdin, path, options);
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  // A small text table (the usual submission) in one synchronous read, checked at once.
  const wholeFileLimit = options.wholeFileLimit ?? WHOLE_FILE_LIMIT;
  const small = readSmallFile(absolute);
  if (small !== null && detectFormat(path, small) === "text" && (!options.keepSource || small.length <= wholeFileLimit)) {
    return checkInput(small, { path, encoding: options.encoding, config: options.config, keepSource: options.keepSource });
  }
  const peeked = await peekFile(absolute);
  // Streamed (code frames reading their lines again) when too big to keep whole, or to be split.
  if (peeked && (!options.keepSource || peeked.size > wholeFileLimit || splits(peeked.size, options)) && detectFormat(path, peeked.head) === "text") {
    return checkStreamed(absolute, peeked.head, peeked.size, { ...options, path });
  }
  // A named pipe or a device: its bytes come once, and are taken in as standard input's are.
  if (isStreamPath(absolute)) return checkStream(createReadStream(absolute), path, options, absolute);
  const read = await readBytes(file, options);
  if (!read.ok) return makeReport(path, null, [unreadable(read.messageId, read.data)]);
  return checkBytes(read.bytes, path, options);
}

/**
 * Check standard input, or a named pipe (`named`: its path). A big one goes through a temporary
 * file and is streamed from it like a named file; endless text that holds no table stops early.
 */
async function checkStream(stream: NodeJS.ReadableStream, path: string, options: CheckFileOptions, named?: string): Promise<FileReport> {
  let spooled: SpooledStdin;
  try {
    spooled = await spoolStdin(stream, options.stdinMemoryLimit, options.encoding, (bytes) => noTableIn(bytes, options.encoding), named === undefined ? undefined : path);
  } catch (error) {
    const failed = named !== undefined && (error as NodeJS.ErrnoException).code !== undefined ? describeFsError(error, named, path) : null;
    return makeReport(path, null, [failed === null ? unreadable("ioError", { path, reason: (error as Error).message }) : unreadable(failed.messageId, failed.data)]);
  }
  if ("file" in spooled) {
    try {
      return await checkFile(spooled.file, { ...options, path });
    } finally {
      await spooled.remove();
    }
  }
  return checkBytes(spooled.bytes, path, options);
}

/**
 * A workbook sheet's "no table" finding names its sheet (`noTableOnSheet`, `noTableWithinSheet`):
 * the file's other sheets may well hold tables.
 */
function nameSheet(d: Diagnostic, sheet: string | null): Diagnostic {
  if (sheet === null || d.ruleId !== "input/unreadable" || (d.messageId !== "noTable" && d.messageId !== "noTableWithin")) return d;
  return { ...d, messageId: d.messageId === "noTable" ? "noTableOnSheet" : "noTableWithinSheet", data: { ...d.data, sheet } };
}

/** Check the bytes of a whole file (text, .csv or .xlsx by name and content). */
async function checkBytes(bytes: Uint8Array, path: string, options: CheckFileOptions): Promise<FileReport> {
  const format = detectFormat(path, bytes);
  if (format === "text") return checkInput(bytes, { path, encoding: options.encoding, config: options.config, keepSource: options.keepSource });
  const sheet = await readSheetRows(format, bytes, options);
  if (!sheet.ok) return makeReport(path, null, configure(sheet.diagnostics, options.config));
  // Each finding's cell is named as it is made: a file with very many keeps them compactly. Each
  // sheet is checked on its own (its rows are numbered from 1) and its findings follow the sheet's before it.
  const reports = sheet.sheets.map(({ name, rows }) => {
    const report = checkRows(rows, sheet.encoding, { path, config: options.config, nameCell: cellRefs(rows), compactAfter: options.compactAfter });
    // (A sheet without a table has few findings: never kept compactly.)
    if (name !== null && report.eachDiagnostic === undefined) report.diagnostics = report.diagnostics.map((d) => nameSheet(d, name));
    if (name !== null) for (const t of report.tables ?? []) t.sheet = name;
    return report;
  });
  const report = reports.length === 1 ? reports[0]! : joinReports(path, sheet.encoding, reports);
  const merged = sheet.diagnostics.length === 0 ? report : makeReport(path, sheet.encoding, [...configure(sheet.diagnostics, options.config), ...report.diagnostics], report.tables);
  if (options.keepSource && sheet.source !== undefined) merged.source = sheet.source;
  return merged;
}

/**
 * One report of a workbook's sheets, checked one by one: their findings in sheet order (each sheet's
 * in its own line order), counts added up, tables in order. Walked with `eachDiagnostic`, without
 * making every finding, when a sheet had very many.
 */
function joinReports(path: string, encoding: string, reports: FileReport[]): FileReport {
  const tables = reports.flatMap((r) => r.tables ?? []);
  const count = (key: "errorCount" | "warningCount" | "infoCount") => reports.reduce((n, r) => n + r[key], 0);
  if (reports.every((r) => r.eachDiagnostic === undefined)) {
    return { path, encoding, errorCount: count("errorCount"), warningCount: count("warningCount"), infoCount: count("infoCount"), diagnostics: reports.flatMap((r) => r.diagnostics), tables };
  }
  const report = { path, encoding, errorCount: count("errorCount"), warningCount: count("warningCount"), infoCount: count("infoCount"), tables } as FileReport;
  function* each(): Iterable<Diagnostic> {
    for (const r of reports) yield* r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics;
  }
  Object.defineProperty(report, "diagnostics", {
    enumerable: true,
    configurable: true,
    get(this: FileReport) {
      const all = [...each()];
      Object.defineProperty(this, "diagnostics", { value: all, enumerable: true, writable: true, configurable: true });
      return all;
    },
  });
  Object.defineProperty(report, "eachDiagnostic", { value: each, enumerable: false });
  return report;
}

/** Parse one file (or `-`) into documents. */
export async function parseFile(file: string, options: FileOptions = {}): Promise<Result<TableDocument[]> & { path: string }> {
  const path = options.path ?? file;
  const read = await readBytes(file, options);
  if (!read.ok) return { path, value: [], diagnostics: [unreadable(read.messageId, read.data)] };
  const format = detectFormat(path, read.bytes);
  if (format === "text") return { path, ...parseTable(read.bytes, { encoding: options.encoding ?? "auto" }) };
  const sheet = await readSheetRows(format, read.bytes, options);
  if (!sheet.ok) return { path, value: [], diagnostics: sheet.diagnostics };
  // Each sheet on its own (its rows are numbered from 1): its documents and findings after the sheet's before it.
  const value: TableDocument[] = [];
  const diagnostics: Diagnostic[] = [...sheet.diagnostics];
  for (const { name, rows } of sheet.sheets) {
    const parsed = parseRows(rows, sheet.encoding);
    for (const doc of parsed.value) {
      if (name !== null) doc.sheet = name;
      value.push(doc);
    }
    // Each finding names its cell, as check's do: in a workbook of several sheets, its sheet.
    const nameCell = cellRefs(rows);
    for (const d of parsed.diagnostics) {
      nameCell(d);
      diagnostics.push(nameSheet(d, name));
    }
  }
  if (sheet.diagnostics.length > 0) sortDiagnostics(diagnostics);
  return { path, value, diagnostics };
}
