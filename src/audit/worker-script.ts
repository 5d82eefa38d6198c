// Where the worker script is: beside this module (dist/worker.js next to dist/cli.cjs; in the
// library, the compiled worker.js beside this file). Used by audit's pool and by split checks.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The worker script beside this module, or null when there is none (TypeScript sources). */
export function findWorkerScript(): URL | null {
  const url = new URL("./worker.js", import.meta.url);
  try {
    return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
  } catch {
    return null;
  }
}

/**
 * The young generation of every worker, in MB (resourceLimits.maxYoungGenerationSizeMb): what V8
 * gives a Node 20 or 22 thread by default (16 MB semi-spaces). Node 24's V8 sizes it from the heap
 * limit instead, up to 128 MB per thread on a machine with a few GB of memory: a big table checked on
 * two threads took 456 MiB there instead of ~240, and no less time.
 */
export const WORKER_YOUNG_GENERATION_MB = 48;
