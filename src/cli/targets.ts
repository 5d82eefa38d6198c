// Output files against inputs. A run never writes over one of its own inputs (`check a.txt -o a.txt`
// would replace the table by its report) and never sends two outputs to one file (one would be lost);
// a report that an earlier run left in a scanned folder is not read back as a table.
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { realPath } from "../io/inputs.js";
import { whyNoTable } from "../table/parse.js";
import { basename, dirname, join, resolve } from "node:path";
import type { Lang } from "../types.js";

/** An output of the run, as the user gave it. */
export interface OutputTarget {
  /** How it was asked for, for messages: `-o`, `--report sarif`, `--write-baseline`. */
  flag: string;
  /** The file; `-` or undefined is standard output. */
  file: string | undefined;
}

interface FileId {
  path: string;
  /** Device and inode of an existing regular file (a link or another spelling of the same file). */
  dev?: number;
  ino?: number;
}

/** What a file argument names, or null for standard output and devices (which may repeat: /dev/null). */
function identify(file: string | undefined, cwd: string): FileId | null {
  if (file === undefined || file === "-") return null;
  const path = resolve(cwd, file);
  try {
    const info = statSync(path);
    if (info.isFile()) return { path, dev: info.dev, ino: info.ino };
    return info.isDirectory() ? { path } : null;
  } catch {
    // Not there yet: its folder's real path, so that two spellings through a linked folder meet.
    return { path: join(realPath(dirname(path)), basename(path)) };
  }
}

function same(a: FileId, b: FileId): boolean {
  return a.path === b.path || (a.ino !== undefined && a.ino === b.ino && a.dev === b.dev);
}

function named(o: OutputTarget): string {
  const file = o.file ?? "-";
  return o.flag === "-o" ? `-o ${file}` : `${o.flag}=${file}`;
}

/**
 * A standard stream's file when it is a regular file, else null: standard input (`< table.txt`), so
 * that `-o table.txt` is seen to overwrite the input it is read from; standard output (`> out.txt`),
 * so that `-o` through a link to it (`/proc/self/fd/1`) and a report to `-` are seen as one file.
 */
function streamFile(fd: 0 | 1): FileId | null {
  try {
    const info = fstatSync(fd);
    return info.isFile() ? { path: fd === 0 ? "<standard input>" : "<standard output>", dev: info.dev, ino: info.ino } : null;
  } catch {
    return null;
  }
}

/** The message when two outputs are the same file, else null. */
function outputClash(outputs: readonly OutputTarget[], cwd: string, lang: Lang): string | null {
  const ids = outputs.map((o) => (o.file === undefined || o.file === "-" ? streamFile(1) : identify(o.file, cwd)));
  // (Several reports to `-` itself follow one another there; only a file meeting one clashes.)
  const toStdout = outputs.map((o) => o.file === undefined || o.file === "-");
  for (let i = 0; i < outputs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (toStdout[i] && toStdout[j]) continue;
      if (ids[i] && ids[j] && same(ids[i]!, ids[j]!)) {
        const [a, b] = [named(outputs[j]!), named(outputs[i]!)];
        return lang === "zh" ? `${a} 和 ${b} 写到同一个文件，其中一个会丢失` : `${a} and ${b} write to the same file: one of them would be lost`;
      }
    }
  }
  return null;
}

/** Whether a file holds a performance table (its first 256 KB have a header row). */
function holdsTable(path: string): boolean {
  let bytes: Buffer;
  try {
    const fd = openSync(path, "r");
    try {
      bytes = Buffer.alloc(HEAD);
      bytes = bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  // A longer file is judged by its whole lines: cut inside a character, UTF-8 text is not UTF-8 and
  // was taken for GB18030, with no table in it (and the table was overwritten). (UTF-16, by its BOM,
  // decodes whatever the cut: at worst one replaced character at the end.)
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bytes.length === HEAD && !utf16) {
    const lastBreak = bytes.lastIndexOf(0x0a);
    if (lastBreak > 0) bytes = bytes.subarray(0, lastBreak + 1);
  }
  return whyNoTable(bytes) === null;
}
const HEAD = 256 * 1024;

/** A file the run reads besides its tables: its configuration, or the baseline it applies. */
export interface SettingsFile {
  kind: "configuration" | "baseline";
  /** As the user gave it, or relative to the working folder (a configuration found by the search). */
  file: string;
}

/**
 * The message when an output would replace the configuration or the baseline the run reads (`-o
 * perftable.baseline.json` next to `--baseline perftable.baseline.json`), else null. `--write-baseline`
 * over the baseline applied is allowed: that brings the accepted findings up to date.
 */
export function overwritesSettings(outputs: readonly OutputTarget[], settings: readonly SettingsFile[], cwd: string, lang: Lang): string | null {
  for (const s of settings) {
    const id = identify(s.file, cwd);
    if (id === null) continue;
    for (const o of outputs) {
      if (s.kind === "baseline" && o.flag === "--write-baseline") continue;
      // (Standard output sent there by the shell has already emptied it: the run has stopped on it.)
      const target = identify(o.file, cwd);
      if (target === null || !same(target, id)) continue;
      const what = s.kind === "configuration" ? (lang === "zh" ? "配置文件" : "the configuration") : lang === "zh" ? "基线文件" : "the baseline";
      return lang === "zh" ? `${named(o)} 会覆盖${what} ${s.file}；请把输出写到别处` : `${named(o)} would overwrite ${what} ${s.file}; write it somewhere else`;
    }
  }
  return null;
}

/**
 * The inputs without the run's own output files. Two outputs in one file, or an output that is an
 * input named on the command line or a table found in a folder or by a glob, are an error (the
 * message); a file found so that is not a table (the report an earlier run of the same command
 * wrote there) is left out.
 */
export function withoutOutputs(files: readonly string[], args: readonly string[], outputs: readonly OutputTarget[], cwd: string, lang: Lang): { files: string[]; error: string | null } {
  const clash = outputClash(outputs, cwd, lang);
  if (clash !== null) return { files: [], error: clash };
  const targets = outputs.map((o) => ({ o, id: identify(o.file, cwd) })).filter((t) => t.id !== null);
  if (targets.length === 0) return { files: [...files], error: null };
  const given = new Set(args.filter((a) => a !== "-").map((a) => resolve(cwd, a)));
  const kept: string[] = [];
  for (const file of files) {
    const id = file === "-" ? streamFile(0) : identify(file, cwd);
    const hit = id === null ? undefined : targets.find((t) => same(t.id!, id));
    if (hit === undefined) kept.push(file);
    else if (file === "-" || given.has(resolve(cwd, file)) || holdsTable(resolve(cwd, file))) {
      const flag = named(hit.o);
      const input = file !== "-" ? file : lang === "zh" ? "-（标准输入读的文件）" : "- (the file standard input reads)";
      return { files: kept, error: lang === "zh" ? `${flag} 会覆盖输入文件 ${input}；请把输出写到别处` : `${flag} would overwrite the input ${input}; write it somewhere else` };
    }
  }
  return { files: kept, error: null };
}
