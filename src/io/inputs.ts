// Expands the paths a user gives (files, directories, globs, `-`) into a sorted, de-duplicated list
// of files; directories recurse into table files. Reports what does not exist instead of throwing.
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** A found file as shown to the user: relative to cwd when the argument was relative. */
function toShown(found: string, cwd: string, arg: string): string {
  if (isAbsolute(arg)) return found;
  const rel = relative(cwd, found);
  return rel.split(sep).join("/");
}

/** File extensions read from directories. */
export const TABLE_EXTENSIONS = [".txt", ".tsv", ".csv", ".xlsx", ".xls"];

export interface ExpandedInputs {
  files: string[];
  /** Arguments that matched nothing (missing path, glob without match). */
  missing: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/** The real path of `path` (links resolved), or `path` itself when it cannot be had. */
export function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isTableFile(name: string): boolean {
  const lower = name.toLowerCase();
  return TABLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** `path` is `folder` or inside it (real paths). */
function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Walk a directory for table files; follows symlinks once, skips loops: a folder already walked, and
 * a link up to a folder that holds the one it is in (`up -> ..`), also above the folder given, whose
 * files are not the user's to audit.
 */
export function walkDirectory(dir: string, out: string[], seen = new Set<string>(), parentReal?: string): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real) || (parentReal !== undefined && isWithin(parentReal, real))) return;
  seen.add(real);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    // `~$table.xlsx`: the owner file Excel (and WPS) keep beside a workbook while it is open, never a table.
    if (name === "node_modules" || name.startsWith(".") || name.startsWith("~$")) continue;
    const path = join(dir, name);
    let info;
    try {
      info = statSync(path);
    } catch {
      // A link to nothing (or to itself) named like a table is kept, so that it is reported as
      // unreadable rather than skipped without a word; so is a name that is not UTF-8 (Node gives
      // it with U+FFFD for the bad bytes, a name no file has). A vanished file is gone.
      if (isTableFile(name) && (isLink(path) || name.includes("\ufffd"))) out.push(path);
      continue;
    }
    if (info.isDirectory()) walkDirectory(path, out, seen, real);
    else if (info.isFile() && isTableFile(name)) out.push(path);
  }
}

/** Translate a glob (`*`, `**`, `?`, `[…]`, `{a,b}`) into a RegExp over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
        i += glob[i + 2] === "/" ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const close = glob.indexOf("}", i);
      if (close === -1) re += "\\{";
      else {
        re += `(?:${glob.slice(i + 1, close).split(",").map((s) => s.replace(/[.+^$()|\\]/g, "\\$&").replace(/\*/g, "[^/]*")).join("|")})`;
        i = close;
      }
    } else if (c === "[") {
      const close = glob.indexOf("]", i);
      if (close === -1) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/**
 * Expand arguments into files, resolving them against `cwd` but keeping them as the user wrote
 * them (relative stays relative). `-` stays as `-` (standard input). A file reached several ways
 * keeps the name it was first reached by, or with `firstInOrder` the name that sorts first (for
 * `audit`, whose reports are in path order whatever the order of the arguments).
 */
export function expandInputs(args: readonly string[], cwd: string = process.cwd(), options: { firstInOrder?: boolean } = {}): ExpandedInputs {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Map<string, number>();
  const add = (f: string) => {
    // One file given twice, even spelled two ways (`./s/t.txt` and the folder `s`, or through a
    // linked folder), is read once.
    const key = f === "-" ? f : realPath(resolve(cwd, f));
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, files.length);
      files.push(f);
    } else if (options.firstInOrder === true && f < files[at]!) files[at] = f;
  };
  for (const arg of args) {
    if (arg === "-") {
      add("-");
      continue;
    }
    let info;
    try {
      info = statSync(resolve(cwd, arg));
    } catch {
      info = null;
    }
    if (info?.isDirectory()) {
      const found: string[] = [];
      walkDirectory(resolve(cwd, arg), found);
      const shown = found.map((f) => toShown(f, cwd, arg)).sort();
      shown.forEach(add);
      if (found.length === 0) missing.push(arg);
    } else if (info) add(arg);
    else if (GLOB_CHARS.test(arg)) {
      const posix = arg.split(sep).join("/");
      const parts = posix.split("/");
      const baseParts: string[] = [];
      for (const p of parts) {
        if (GLOB_CHARS.test(p)) break;
        baseParts.push(p);
      }
      const base = baseParts.length === 0 ? "." : baseParts.join("/") || "/";
      const matcher = globToRegExp(posix.startsWith("./") ? posix.slice(2) : posix);
      const found: string[] = [];
      walkDirectory(resolve(cwd, base), found);
      const matched = found
        .map((f) => relative(cwd, f).split(sep).join("/"))
        .map((f) => (isAbsolute(posix) ? resolve(cwd, f).split(sep).join("/") : f))
        .filter((f) => matcher.test(f))
        .sort();
      matched.forEach(add);
      if (matched.length === 0) missing.push(arg);
    } else {
      add(arg); // reported as not found by the reader, in order
    }
  }
  return { files, missing };
}
