// Writes output files safely: to a temporary name beside the target, then renamed, so a failed
// write (full disk, permission) never leaves a partial file that looks complete.
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Write `content` to `path` atomically. Throws a readable Error on failure. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.perftable-tmp-${process.pid}-${Date.now()}-${basename(path)}`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot write ${path}: ${code === "ENOSPC" ? "no space left on device" : code === "EACCES" ? "permission denied" : code === "ENOENT" ? "no such folder" : code === "EISDIR" ? "is a directory" : (code ?? (error as Error).message)}`, { cause: error });
  }
}
