// Ctrl-C at the right moment: wait until a child process has made what it must clean up, then send
// SIGINT and wait for it to end.
import type { ChildProcess } from "node:child_process";

/**
 * Wait (up to 10 s) until `made()` lists something, then interrupt `child`. Returns what was made
 * before the signal and the signal the child ended by (null: it exited on its own).
 */
export async function interruptOnce(child: ChildProcess, made: () => string[]): Promise<{ before: string[]; signal: NodeJS.Signals | null }> {
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  for (let i = 0; i < 400 && made().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  const before = made();
  child.kill("SIGINT");
  return { before, signal: await ended };
}
