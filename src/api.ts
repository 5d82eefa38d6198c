// File-level library calls shared by the CLI and by audit workers: read a path (or stdin), pick the
// reader by format (tab-separated text, .csv, .xlsx), and check or parse it. Never throws on bad input.
import { resolve } from "node:path";
import { type EncodingOption } from "./io/decode.js";
import { readPath, readStdin } from "./io/read-input.js";
import { parseTable, unreadable } from "./table/parse.js";
import type { FileReport, Result, TableDocument } from "./types.js";
import { checkInput, makeReport, type ResolvedConfig } from "./validate/run.js";

export interface FileOptions {
  /** Name used in reports (default: the argument). */
  path?: string;
  encoding?: EncodingOption;
  /** Sheet of an .xlsx file. */
  sheet?: string;
  /** Folder relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Stream read for `-`. */
  stdin?: NodeJS.ReadableStream;
}

export interface CheckFileOptions extends FileOptions {
  config?: ResolvedConfig;
  keepSource?: boolean;
}

async function readBytes(file: string, options: FileOptions) {
  if (file === "-") return { ok: true as const, bytes: await readStdin(options.stdin ?? process.stdin) };
  return readPath(resolve(options.cwd ?? process.cwd(), file));
}

/** Check one file (or `-`). Failures to read become an `input/unreadable` finding. */
export async function checkFile(file: string, options: CheckFileOptions = {}): Promise<FileReport> {
  const path = options.path ?? file;
  const read = await readBytes(file, options);
  if (!read.ok) return makeReport(path, null, [unreadable(read.messageId, read.data)]);
  return checkInput(read.bytes, { path, encoding: options.encoding, config: options.config, keepSource: options.keepSource });
}

/** Parse one file (or `-`) into documents. */
export async function parseFile(file: string, options: FileOptions = {}): Promise<Result<TableDocument[]> & { path: string }> {
  const path = options.path ?? file;
  const read = await readBytes(file, options);
  if (!read.ok) return { path, value: [], diagnostics: [unreadable(read.messageId, read.data)] };
  return { path, ...parseTable(read.bytes, { encoding: options.encoding ?? "auto" }) };
}
