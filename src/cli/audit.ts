// `perftable audit` (being written): many files in parallel.
import type { CliIo } from "./io.js";

export async function runAudit(_inputs: string[], _opts: unknown, io: CliIo): Promise<number> {
  io.stderr.write("perftable: audit is not available yet\n");
  return 2;
}
