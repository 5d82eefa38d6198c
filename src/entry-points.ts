// The library's main entry points as src/index.ts exports them. Each first checks the types of its
// arguments (a few typeof tests), so that a caller without the types (plain JavaScript) gets a
// TypeError naming the argument — `perftable: checkFile(file): expected a string, got null` — and
// not one from deep inside. The program itself calls the unchecked functions.
import { parseIndicators as parseIndicatorsUnchecked } from "../grammar/index.js";
import { checkFile as checkFileUnchecked, parseFile as parseFileUnchecked, type CheckFileOptions, type FileOptions } from "./api.js";
import {
  formatCsv as formatCsvUnchecked,
  formatDocuments as formatDocumentsUnchecked,
  formatJson as formatJsonUnchecked,
  formatNdjson as formatNdjsonUnchecked,
  type ConvertFormat,
} from "./convert/index.js";
import { formatMessage as formatMessageUnchecked } from "./i18n/format.js";
import { LANGS } from "./i18n/lang.js";
import { decodeBytes as decodeBytesUnchecked, type DecodeResult, ENCODINGS, type EncodingOption } from "./io/decode.js";
import { parseTable as parseTableUnchecked, type ParseOptions } from "./table/parse.js";
import { parseTarget as parseTargetUnchecked } from "./targets/index.js";
import type { Diagnostic, FileReport, Indicator, Lang, Position, Result, TableDocument, Target } from "./types.js";
import { checkInput as checkInputUnchecked, type CheckOptions, type ResolvedConfig } from "./validate/run.js";

/** What a value is, for the message: `null`, `a number (42)`, `a string ("opts")`, `an ArrayBuffer`. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  switch (typeof value) {
    case "string":
      return `a string (${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? "…" : ""})`;
    case "number":
    case "boolean":
      return `a ${typeof value} (${String(value)})`;
    case "bigint":
      return `a bigint (${value}n)`;
    case "symbol":
    case "function":
      return `a ${typeof value}`;
  }
  if (Array.isArray(value)) return "an array";
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  if (typeof name !== "string" || name === "" || name === "Object") return "an object";
  return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
}

function fail(argument: string, expected: string, value: unknown): never {
  throw new TypeError(`perftable: ${argument}: expected ${expected}, got ${describeValue(value)}`);
}

function expectString(argument: string, value: unknown): void {
  if (typeof value !== "string") fail(argument, "a string", value);
}

/**
 * A string that is one of `values` (a RangeError otherwise, as for a format formatDocuments does not
 * know): an encoding or language outside them failed deep inside or was quietly taken.
 */
function expectOneOf(argument: string, values: readonly string[], value: unknown): void {
  expectString(argument, value);
  if (!values.includes(value as string)) {
    throw new RangeError(`perftable: ${argument}: expected one of ${values.join(", ")}, got ${describeValue(value)}`);
  }
}

function expectText(argument: string, value: unknown): void {
  if (typeof value !== "string" && !(value instanceof Uint8Array)) fail(argument, "a string or a Uint8Array", value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An options object (or, unless `required`, none), and the string fields of it that are given. */
function expectOptions(call: string, value: unknown, strings: readonly string[], required = false): void {
  if (value === undefined && !required) return;
  if (!isObject(value)) return fail(`${call}(options)`, "an object", value);
  for (const key of strings) {
    if (value[key] !== undefined) expectString(`${call}(options.${key})`, value[key]);
  }
  if (value.encoding !== undefined) expectOneOf(`${call}(options.encoding)`, ENCODINGS, value.encoding);
  // A configuration is what resolveConfig makes (maps of severities and options), not a config
  // file's object (loadConfigFile's: resolveConfig(loadConfigFile(path)) makes one).
  const config = value.config as Partial<ResolvedConfig> | undefined;
  if (config !== undefined && !(isObject(config) && config.severities instanceof Map && config.options instanceof Map)) {
    fail(`${call}(options.config)`, "a configuration made by resolveConfig()", config);
  }
}

function expectDocuments(call: string, docs: unknown): void {
  if (!Array.isArray(docs)) return fail(`${call}(docs)`, "an array", docs);
  for (let i = 0; i < docs.length; i++) {
    if (!isObject(docs[i])) fail(`${call}(docs[${i}])`, "a table document (an object)", docs[i]);
  }
}

const FILE_STRINGS = ["path", "encoding", "sheet", "cwd"] as const;

/**
 * Check one file (or `-`, standard input). Failures to read become an `input/unreadable` finding;
 * the promise is rejected only for arguments of the wrong type (a TypeError) or an encoding it does
 * not have (a RangeError).
 */
export async function checkFile(file: string, options: CheckFileOptions = {}): Promise<FileReport> {
  expectString("checkFile(file)", file);
  expectOptions("checkFile", options, FILE_STRINGS);
  return checkFileUnchecked(file, options);
}

/** Parse one file (or `-`) into documents; rejected only for arguments of the wrong type (a TypeError). */
export async function parseFile(file: string, options: FileOptions = {}): Promise<Result<TableDocument[]> & { path: string }> {
  expectString("parseFile(file)", file);
  expectOptions("parseFile", options, FILE_STRINGS);
  return parseFileUnchecked(file, options);
}

/**
 * Check a decoded text or the bytes of a file; `options.path` names it in the report. Never throws
 * on bad input; a TypeError for arguments of the wrong type.
 */
export function checkInput(input: string | Uint8Array, options: CheckOptions): FileReport {
  expectText("checkInput(input)", input);
  expectOptions("checkInput", options, ["encoding"], true);
  expectString("checkInput(options.path)", options.path);
  return checkInputUnchecked(input, options);
}

/**
 * Parse a performance table: decoded text, or bytes (decoded by BOM, then UTF-8, then GB18030 unless
 * `options.encoding` forces one). One document per table in the input (none when it is not a table,
 * with an `input/unreadable` diagnostic). Never throws on bad input; a TypeError for arguments of the
 * wrong type.
 */
export function parseTable(input: string | Uint8Array, options: ParseOptions = {}): Result<TableDocument[]> {
  expectText("parseTable(input)", input);
  expectOptions("parseTable", options, ["encoding"]);
  return parseTableUnchecked(input, options);
}

/**
 * Parse one 绩效指标 cell into indicators. `start` is the file position of the cell's first character
 * (1-based line and column in code points, default 1:1); `oneLine`: a spreadsheet cell, whose line
 * breaks count as characters of its row. Never throws on bad text; a TypeError for arguments of the
 * wrong type.
 */
export function parseIndicators(text: string, start?: Position, oneLine?: boolean): Result<Indicator[]> {
  expectString("parseIndicators(text)", text);
  if (start !== undefined) {
    const { line, column } = (isObject(start) ? start : {}) as Partial<Position>;
    if (!Number.isInteger(line) || !Number.isInteger(column) || line! < 1 || column! < 1) {
      fail("parseIndicators(start)", "a position { line, column } (whole numbers from 1)", start);
    }
  }
  if (oneLine !== undefined && typeof oneLine !== "boolean") fail("parseIndicators(oneLine)", "a boolean", oneLine);
  return parseIndicatorsUnchecked(text, start, oneLine);
}

/** Type one target value (the text after its label's colon). A TypeError when `raw` is not a string. */
export function parseTarget(raw: string): Target {
  expectString("parseTarget(raw)", raw);
  return parseTargetUnchecked(raw);
}

/** Decode `bytes` with the forced encoding, or detect it (`auto`). A TypeError for arguments of the wrong type. */
export function decodeBytes(bytes: Uint8Array, encoding: EncodingOption = "auto"): DecodeResult {
  if (!(bytes instanceof Uint8Array)) fail("decodeBytes(bytes)", "a Uint8Array", bytes);
  expectOneOf("decodeBytes(encoding)", ENCODINGS, encoding);
  return decodeBytesUnchecked(bytes, encoding);
}

/**
 * Format documents in one of the convert formats (`json`, `ndjson`, `csv`); `terminal`: safe to show
 * on a terminal. A RangeError for a format it does not know, a TypeError for arguments of the wrong type.
 */
export function formatDocuments(format: ConvertFormat, docs: readonly TableDocument[], options: { terminal?: boolean } = {}): string {
  expectString("formatDocuments(format)", format);
  expectDocuments("formatDocuments", docs);
  expectOptions("formatDocuments", options, []);
  return formatDocumentsUnchecked(format, docs, options);
}

/** JSON: one document, or an array when the input held several tables. A TypeError when `docs` is not an array of documents. */
export function formatJson(docs: readonly TableDocument[]): string {
  expectDocuments("formatJson", docs);
  return formatJsonUnchecked(docs);
}

/** NDJSON: one line per indicator with its department, unit and project. A TypeError when `docs` is not an array of documents. */
export function formatNdjson(docs: readonly TableDocument[]): string {
  expectDocuments("formatNdjson", docs);
  return formatNdjsonUnchecked(docs);
}

/** The documents as CSV (UTF-8 with BOM, one row per indicator). A TypeError when `docs` is not an array of documents. */
export function formatCsv(docs: readonly TableDocument[], terminal = false): string {
  expectDocuments("formatCsv", docs);
  return formatCsvUnchecked(docs, terminal);
}

/** A diagnostic's message in `lang` (`zh` or `en`). A TypeError for arguments of the wrong type. */
export function formatMessage(d: Pick<Diagnostic, "ruleId" | "messageId" | "data">, lang: Lang): string {
  if (!isObject(d)) fail("formatMessage(d)", "a diagnostic (an object)", d);
  expectOneOf("formatMessage(lang)", LANGS, lang);
  return formatMessageUnchecked(d, lang);
}
