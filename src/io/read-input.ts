// Reads a path or `-` (standard input) into bytes, turning file-system failures into
// `input/unreadable` message ids instead of exceptions.
import { open, readFile, stat } from "node:fs/promises";

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; messageId: "notFound" | "isDirectory" | "permission" | "ioError"; data: Record<string, string> };

/** Read all of standard input. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Read a file's bytes. Never throws. */
export async function readPath(path: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, messageId: "isDirectory", data: { path } };
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return describeFsError(error, path);
  }
}

/** Map a Node file-system error to a message id of input/unreadable. */
export function describeFsError(error: unknown, path: string): Extract<ReadResult, { ok: false }> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, messageId: "notFound", data: { path } };
  if (code === "EISDIR") return { ok: false, messageId: "isDirectory", data: { path } };
  if (code === "EACCES" || code === "EPERM") return { ok: false, messageId: "permission", data: { path } };
  return { ok: false, messageId: "ioError", data: { path, reason: code ?? String((error as Error)?.message ?? error) } };
}

/**
 * The first 64 KiB of a regular file and its size — enough to pick the format and encoding before
 * streaming it. null when it is not a regular file or cannot be opened (the caller's slow path then
 * reports why).
 */
export async function peekFile(path: string): Promise<{ head: Uint8Array; size: number } | null> {
  try {
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
