// Gives each test file a temporary folder of its own (os.tmpdir(), for this thread and the
// processes it starts): tests that count perftable's temporary files there (perftable-stdin-*,
// perftable-convert-*) must not see those of the test files running at the same time on other
// threads, nor of other processes on the machine. Made before the file's tests and removed, with
// anything left in it, after them (neither when a filter skips every test of the file).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

const NAMES = ["TMPDIR", "TMP", "TEMP"] as const;
const saved = NAMES.map((name) => process.env[name]);
let own: string | null = null;

beforeAll(() => {
  own = mkdtempSync(join(tmpdir(), "perftable-test-"));
  for (const name of NAMES) process.env[name] = own;
});

afterAll(() => {
  NAMES.forEach((name, i) => {
    if (saved[i] === undefined) delete process.env[name];
    else process.env[name] = saved[i];
  });
  if (own !== null) rmSync(own, { recursive: true, force: true });
});
