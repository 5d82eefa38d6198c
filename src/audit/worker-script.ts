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
