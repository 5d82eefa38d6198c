// Output files against inputs. A run never writes over one of its own inputs (`check a.txt -o a.txt`
// would replace the table by its report) and never sends two outputs to one file (one would be lost);
// a report that an earlier run left in a scanned folder is not read back as a table.
import { statSync } from "node:fs";
import { resolve } from "node:path";
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
    return { path }; // not there yet
  }
}

function same(a: FileId, b: FileId): boolean {
  return a.path === b.path || (a.ino !== undefined && a.ino === b.ino && a.dev === b.dev);
}

function named(o: OutputTarget): string {
  return o.flag === "-o" ? `-o ${o.file}` : `${o.flag}=${o.file}`;
}

/** The message when two outputs are the same file, else null. */
export function outputClash(outputs: readonly OutputTarget[], cwd: string, lang: Lang): string | null {
  const ids = outputs.map((o) => identify(o.file, cwd));
  for (let i = 0; i < outputs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ids[i] && ids[j] && same(ids[i]!, ids[j]!)) {
        const [a, b] = [named(outputs[j]!), named(outputs[i]!)];
        return lang === "zh" ? `${a} 和 ${b} 写到同一个文件，其中一个会丢失` : `${a} and ${b} write to the same file: one of them would be lost`;
      }
    }
  }
  return null;
}

/**
 * The inputs without the run's own output files. An output that is an input named on the command
 * line is an error (the message); one found in a folder or by a glob (a report an earlier run wrote
 * there) is left out, since it is not a table.
 */
export function withoutOutputs(files: readonly string[], args: readonly string[], outputs: readonly OutputTarget[], cwd: string, lang: Lang): { files: string[]; error: string | null } {
  const targets = outputs.map((o) => ({ o, id: identify(o.file, cwd) })).filter((t) => t.id !== null);
  if (targets.length === 0) return { files: [...files], error: null };
  const given = new Set(args.filter((a) => a !== "-").map((a) => resolve(cwd, a)));
  const kept: string[] = [];
  for (const file of files) {
    const id = file === "-" ? null : identify(file, cwd);
    const hit = id === null ? undefined : targets.find((t) => same(t.id!, id));
    if (hit === undefined) kept.push(file);
    else if (given.has(resolve(cwd, file))) {
      const flag = named(hit.o);
      return { files: kept, error: lang === "zh" ? `${flag} 会覆盖输入文件 ${file}；请把输出写到别处` : `${flag} would overwrite the input ${file}; write it somewhere else` };
    }
  }
  return { files: kept, error: null };
}
