// Writes output files safely: to a temporary name beside the target, then renamed, so a failed
// write (full disk, permission) never leaves a partial file that looks complete.
import { lstatSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { open, rename, unlink, writeFile } from "./fsp.js";
import { dirname, join, resolve } from "node:path";
import { removeOnExit } from "./read-input.js";
import { errnoReason } from "./errors.js";

/**
 * Whether `path` is a special file (a device such as /dev/null or /dev/stdout, a FIFO): those are
 * written directly — renaming a temporary file onto them would replace the device.
 */
export function isSpecialFile(path: string): boolean {
  try {
    // A link to a descriptor (see writeTarget) is written through, never renamed onto: a rename
    // would replace the link itself (as root, `-o /dev/stdout` with standard output in a file
    // replaced /dev/stdout).
    if (lstatSync(path).isSymbolicLink()) return true;
    const info = statSync(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file to write for an output named `path`: itself, or for a symbolic link the file it leads
 * to (written atomically there, so the link stays a link), except a link into /dev or /proc
 * (`/dev/stdout` → `/proc/self/fd/1`), which is written through as it is.
 */
export function writeTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
    const target = resolve(dirname(path), readlinkSync(path));
    if (DESCRIPTOR.test(path) || DESCRIPTOR.test(target)) return path;
    try {
      return realpathSync.native(path);
    } catch {
      return target; // a link to a file not made yet
    }
  } catch {
    return path;
  }
}
const DESCRIPTOR = /^\/(dev|proc)\//;

/** Write `content` to `path` atomically (directly for special files). Throws a readable Error on failure. */
export async function writeFileAtomic(named: string, content: string | Uint8Array): Promise<void> {
  const path = writeTarget(named);
  if (isSpecialFile(path)) {
    try {
      await writeFile(path, content);
      return;
    } catch (error) {
      throw describeWriteError(path, error);
    }
  }
  const tmp = join(dirname(path), tempName());
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw describeWriteError(path, error);
  }
}

/** A short temporary name (a long output name plus a prefix could exceed the 255-byte limit). */
function tempName(): string {
  return `.perftable-tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A readable error for a failed write of `path`. */
export function describeWriteError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  // (For a write, a missing part of the path is a missing folder.)
  const reason = code === "ENOENT" ? "no such folder (ENOENT)" : errnoReason(error);
  const reasonZh = code === "ENOENT" ? "文件夹不存在（ENOENT）" : errnoReason(error, "zh");
  return Object.assign(new Error(`cannot write ${path}: ${reason}`, { cause: error }), { zh: `无法写入 ${path}：${reasonZh}` });
}

/** Writes a file piece by piece under a temporary name; `commit` renames it into place. */
export class AtomicWriter {
  private handle: import("node:fs/promises").FileHandle | null = null;
  private readonly tmp: string;
  /** Stands down the removal of the temporary file on Ctrl-C (set while it exists). */
  private unguard: (() => void) | null = null;

  private readonly path: string;

  constructor(named: string) {
    this.path = writeTarget(named);
    this.tmp = isSpecialFile(this.path) ? this.path : join(dirname(this.path), tempName());
  }

  private async openTemp(flags: string): Promise<import("node:fs/promises").FileHandle> {
    // Ctrl-C (or SIGTERM, SIGHUP) before `commit` must not leave the partial output behind: guarded
    // before it is created, so that no signal falls between the two.
    if (this.tmp !== this.path) this.unguard ??= removeOnExit(this.tmp);
    return await open(this.tmp, flags);
  }

  async write(text: string | Uint8Array): Promise<void> {
    try {
      this.handle ??= await this.openTemp(this.tmp === this.path ? "a" : "w");
      if (typeof text === "string") await this.handle.write(text);
      else for (let at = 0; at < text.length; ) at += (await this.handle.write(text, at, text.length - at)).bytesWritten;
    } catch (error) {
      await this.abort();
      throw describeWriteError(this.path, error);
    }
  }

  async commit(): Promise<void> {
    try {
      this.handle ??= await this.openTemp("w");
      await this.handle.close();
      this.handle = null;
      if (this.tmp !== this.path) await rename(this.tmp, this.path);
      this.standDown();
    } catch (error) {
      await this.abort();
      throw describeWriteError(this.path, error);
    }
  }

  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    if (this.tmp !== this.path) await unlink(this.tmp).catch(() => undefined);
    this.standDown();
  }

  private standDown(): void {
    this.unguard?.();
    this.unguard = null;
  }
}
