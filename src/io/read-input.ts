// Reads a path or `-` (standard input) into bytes, turning file-system failures into
// `input/unreadable` message ids instead of exceptions.
import { closeSync, constants, createReadStream, openSync, readSync, rmSync, statSync } from "node:fs";
import { errnoReason } from "./errors.js";
import { mkdir, open, readFile, rm, stat } from "./fsp.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EncodingOption, nulMeansBinary } from "./decode.js";

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; messageId: "notFound" | "badName" | "isDirectory" | "permission" | "ioError"; data: Record<string, string> };

/** Bytes that decide whether NUL bytes make a stream binary (`nulMeansBinary`: BOMs and magic numbers are shorter). */
const HEAD_BYTES = 8;

/**
 * The chunks of `stream` as buffers — ending just after its first NUL byte when that makes the
 * input binary (`nulMeansBinary`, decided on its first bytes and `encoding`), and then no more is
 * read: a device or pipe that streams NUL bytes (/dev/zero) is not read forever, and what was read
 * is reported as binary, as a whole file with NUL bytes is.
 */
async function* untilBinary(stream: NodeJS.ReadableStream, encoding: EncodingOption): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldLength = 0;
  /** null until HEAD_BYTES bytes have come (held meanwhile). */
  let watch: boolean | null = null;
  for await (const value of stream) {
    let chunk = typeof value === "string" ? Buffer.from(value) : (value as Buffer);
    if (watch === null) {
      held.push(chunk);
      heldLength += chunk.length;
      if (heldLength < HEAD_BYTES) continue;
      chunk = held.length === 1 ? chunk : Buffer.concat(held);
      held.length = 0;
      watch = nulMeansBinary(chunk.subarray(0, HEAD_BYTES), encoding);
    }
    const nul = watch ? chunk.indexOf(0) : -1;
    if (nul !== -1) {
      // (Leaving the loop destroys the stream: nothing more is read.)
      yield chunk.subarray(0, nul + 1);
      return;
    }
    yield chunk;
  }
  if (held.length > 0) yield Buffer.concat(held);
}

/**
 * Read all of standard input (up to its first NUL byte when that makes it binary: see
 * `untilBinary`; `encoding` is the one the input is to be read with).
 */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin, encoding: EncodingOption = "auto"): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of untilBinary(stream, encoding)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Standard input up to this size is kept in memory; a bigger one goes to a temporary file. */
export const STDIN_MEMORY_LIMIT = 32 * 1024 * 1024;

/** A size in bytes from the environment variable `name`, or undefined when it is unset or not a number ≥ 0. */
export function byteSetting(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const set = env[name];
  if (set === undefined || set.trim() === "") return undefined;
  const n = Number(set);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** STDIN_MEMORY_LIMIT, or PERFTABLE_STDIN_MEMORY_LIMIT (bytes) when set. */
export function stdinMemoryLimit(env: NodeJS.ProcessEnv = process.env): number {
  return byteSetting(env, "PERFTABLE_STDIN_MEMORY_LIMIT") ?? STDIN_MEMORY_LIMIT;
}

/** Standard input, read: its bytes, or the temporary file holding them (`remove` deletes it). */
export type SpooledStdin = { bytes: Uint8Array } | { file: string; remove: () => Promise<void> };

/**
 * Read all of standard input. Up to `limit` bytes it stays in memory; past that, what was read and
 * the rest go to a private temporary file, so a table of any size is then streamed from disk like a
 * named file (in memory, a 1 GB table would not even fit in one string). Throws an Error saying why
 * when the temporary file cannot be written (a full disk). An input that NUL bytes make binary is
 * read up to its first one only (see `untilBinary`; `encoding` is the one it is to be read with).
 */
export async function spoolStdin(
  stream: NodeJS.ReadableStream = process.stdin,
  limit = STDIN_MEMORY_LIMIT,
  encoding: EncodingOption = "auto",
  /**
   * Given what came before the limit: the bytes that already show there is no table in it (no
   * header within the reader's search bound), so the rest is not read; else null. Without it,
   * endless text (`yes | perftable check -`) would be copied to disk until the disk is full.
   */
  noTableIn?: (bytes: Uint8Array) => Uint8Array | null,
  /** What the stream is, in the error when it cannot be kept: a named pipe's name as the user gave it. */
  what = "standard input",
): Promise<SpooledStdin> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = untilBinary(stream, encoding);
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { bytes: Buffer.concat(chunks) };
    const chunk = next.value;
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) break;
  }
  if (noTableIn !== undefined) {
    const head = Buffer.concat(chunks.splice(0));
    const shown = noTableIn(head);
    if (shown !== null) {
      await iterator.return(undefined); // stops reading standard input
      return { bytes: shown };
    }
    chunks.push(head);
  }
  const { dir, remove } = await privateTempDir("perftable-stdin-");
  const file = join(dir, "stdin");
  try {
    const handle = await open(file, "wx", 0o600);
    try {
      for (const chunk of chunks.splice(0)) await handle.write(chunk);
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        await handle.write(next.value);
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    await remove();
    throw new Error(`cannot keep ${what} in a temporary file in ${tmpdir()}: ${errnoReason(error)}`, { cause: error });
  }
  return { file, remove };
}

/**
 * A private temporary folder (mode 0700), removed by `remove`, or when the process ends first (also
 * on Ctrl-C, SIGTERM or SIGHUP, which then end the process as they would have).
 */
export async function privateTempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  // The name is chosen and guarded before the folder exists: a Ctrl-C right after mkdtemp made it,
  // before its callback ran, would have left it behind.
  let dir = "";
  let unguard = () => {};
  for (let attempt = 0; ; attempt++) {
    // (Not node:crypto: loading it costs every start-up ~2 ms. mkdir refuses a name that exists.)
    dir = join(tmpdir(), `${prefix}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 10)}`);
    unguard = removeOnExit(dir);
    try {
      await mkdir(dir, { mode: 0o700 });
      break;
    } catch (error) {
      unguard();
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 10) throw error;
    }
  }
  return {
    dir,
    remove: async () => {
      unguard();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signals that end the process and would leave a temporary copy of standard input behind. */
const ENDING_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Remove `path` (a file, or a folder and all in it) if the process ends before its owner does
 * (Ctrl-C in the middle of a 1 GB table must not leave a 1 GB file behind): on a signal it is removed
 * and the signal raised again, so the process still ends as the signal says. Returns the function
 * that stands down.
 */
export function removeOnExit(path: string): () => void {
  const clean = () => rmSync(path, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    standDown();
    clean();
    process.kill(process.pid, signal);
  };
  const standDown = () => {
    process.off("exit", clean);
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
  };
  process.on("exit", clean);
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  return standDown;
}

/**
 * Whether `path` is there and is neither a regular file nor a folder: a named pipe, a device or a
 * socket (`/dev/stdin` on a pipe), whose bytes come once, as standard input's do.
 */
export function isStreamPath(path: string): boolean {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    return info !== undefined && !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Read a file's bytes. Never throws. What is not a regular file (a named pipe, a device) is read as
 * a stream, up to its first NUL byte when that makes it binary (see `untilBinary`; `encoding` is
 * the one it is to be read with): /dev/zero would otherwise be read forever. A failure names the
 * file `name`: as the user gave it (see describeFsError).
 */
export async function readPath(path: string, encoding: EncodingOption = "auto", name = path): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, messageId: "isDirectory", data: { path: name } };
    // (A pipe or device is read as standard input is.)
    if (!info.isFile()) return { ok: true, bytes: await readStdin(createReadStream(path), encoding) };
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return describeFsError(error, path, name);
  }
}

/**
 * Map a Node file-system error on `path` to a message id of input/unreadable. The message names the
 * file `name`: as the user gave it, the name the finding's location and the report use (a relative
 * name stays relative; standard input is its --stdin-filename or `-`), never the absolute path the
 * file was opened by — a shared report would show the reviewer's own folders.
 */
export function describeFsError(error: unknown, path: string, name = path): Extract<ReadResult, { ok: false }> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    // A name read from a folder with bytes that are not UTF-8 has U+FFFD in their place: no file
    // has that name, and "not found" would puzzle whoever sees the file in the folder.
    return { ok: false, messageId: path.includes("\ufffd") ? "badName" : "notFound", data: { path: name } };
  }
  if (code === "EISDIR") return { ok: false, messageId: "isDirectory", data: { path: name } };
  if (code === "EACCES" || code === "EPERM") return { ok: false, messageId: "permission", data: { path: name } };
  return { ok: false, messageId: "ioError", data: { path: name, reason: errnoReason(error), reasonZh: errnoReason(error, "zh") } };
}

/**
 * The first 64 KiB of a regular file and its size — enough to pick the format and encoding before
 * streaming it. null when it is not a regular file or cannot be opened (the caller's slow path then
 * reports why).
 */
export async function peekFile(path: string): Promise<{ head: Uint8Array; size: number } | null> {
  try {
    // Not opened unless it is a regular file: opening and closing a FIFO would cut off its writer,
    // and the bytes it sends are then read once, whole (readPath).
    if (!(await stat(path)).isFile()) return null;
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) return null;
      const head = new Uint8Array(Math.min(65536, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return { head: head.subarray(0, bytesRead), size: info.size };
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Files up to this size may be read whole in one synchronous read (readSmallFile). */
export const SMALL_FILE = 1024 * 1024;

/**
 * One read buffer per thread, reused for every small file: its callers decode the bytes at once and
 * keep no reference to them, so a thread never allocates (and leaves to the collector) a buffer per
 * file.
 */
let readBuffer: Buffer | null = null;

/**
 * The bytes of a regular file of at most SMALL_FILE bytes — a view of the shared read buffer, valid
 * only until the next call — else null (too big, not a regular file, or failing: the caller's usual
 * path then streams it or says why). A department's table in one read, without the round trips of
 * a stream.
 */
export function readSmallFile(path: string): Uint8Array | null {
  let fd: number | null = null;
  try {
    // Looked at before it is opened: opening a FIFO and closing it again would cut off its writer
    // (SIGPIPE) and leave the later read waiting for another. A FIFO is read the asynchronous way.
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile() || info.size > SMALL_FILE) return null;
    // Non-blocking all the same: should a FIFO take the file's place in between, opening it with no
    // writer would otherwise stop the whole process here, where not even Ctrl-C's handler could run.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (readBuffer === null || info.size > readBuffer.length) readBuffer = Buffer.allocUnsafeSlow(Math.max(info.size, 2 * (readBuffer?.length ?? 32 * 1024)));
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, readBuffer, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return readBuffer.subarray(0, read);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
