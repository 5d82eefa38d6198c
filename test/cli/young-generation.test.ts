// bin/young-generation.cjs: on Node 24 and later, a big job starts again with Node 20's young
// generation. The decision is tested on every Node; the restart itself where it happens (Node 24+,
// run by `npm run test:nodes` in CI).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SEED_PATH } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const require = createRequire(import.meta.url);
const { restartArgs, SEMI_SPACE_MB } = require("../../bin/young-generation.cjs") as {
  restartArgs: (o: { argv: string[]; execArgv: string[]; execPath: string; env: NodeJS.ProcessEnv; nodeVersion: string; size: (p: string | 0) => number | null }) => string[] | null;
  SEMI_SPACE_MB: number;
};

const MiB = 1024 * 1024;
const sizes: Record<string, number> = { "big.txt": 20 * MiB, "small.txt": 40_000, "out.json": 30 * MiB };
const files = (p: string | 0) => (p === 0 ? null : (sizes[p] ?? null));

function decide(args: string[], o: { node?: string; execArgv?: string[]; env?: NodeJS.ProcessEnv; size?: (p: string | 0) => number | null } = {}) {
  return restartArgs({ argv: ["/usr/bin/node", "/x/bin/perftable.js", ...args], execArgv: o.execArgv ?? [], execPath: "/usr/bin/node", env: o.env ?? {}, nodeVersion: o.node ?? "v24.1.0", size: o.size ?? files });
}

describe("restartArgs", () => {
  it("starts a check or convert of a big file again with the flag, keeping Node's and perftable's arguments", () => {
    expect(decide(["check", "big.txt", "-f", "json"], { execArgv: ["--enable-source-maps"] })).toEqual([
      "/usr/bin/node",
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      "--enable-source-maps",
      "/x/bin/perftable.js",
      "check",
      "big.txt",
      "-f",
      "json",
    ]);
    expect(decide(["convert", "small.txt", "big.txt"])).not.toBeNull();
  });

  it("leaves small inputs, other commands and earlier Node versions alone", () => {
    expect(decide(["check", "small.txt"])).toBeNull();
    expect(decide(["check", "missing.txt"])).toBeNull();
    expect(decide(["rules"])).toBeNull();
    expect(decide([])).toBeNull();
    expect(decide(["check", "big.txt"], { node: "v22.23.5" })).toBeNull();
    expect(decide(["check", "big.txt"], { node: "v20.20.2" })).toBeNull();
    expect(decide(["check", "big.txt"], { node: "v26.0.0" })).not.toBeNull();
  });

  it("audit always, since it cannot know its files cheaply", () => {
    expect(decide(["audit", "depts/"])).not.toBeNull();
  });

  it("never when a semi-space size was chosen, on the command line or in NODE_OPTIONS (no loop)", () => {
    expect(decide(["check", "big.txt"], { execArgv: ["--max-semi-space-size=64"] })).toBeNull();
    expect(decide(["audit", "d"], { env: { NODE_OPTIONS: "--max-semi-space-size=8 --no-warnings" } })).toBeNull();
  });

  it("counts a redirected standard input, and follows PERFTABLE_SPLIT_BYTES", () => {
    expect(decide(["check", "-"], { size: (p) => (p === 0 ? 20 * MiB : null) })).not.toBeNull();
    expect(decide(["check", "small.txt"], { env: { PERFTABLE_SPLIT_BYTES: "1000" } })).not.toBeNull();
    expect(decide(["check", "small.txt"], { env: { PERFTABLE_SPLIT_BYTES: "nonsense" } })).toBeNull();
  });
});

const NODE_MAJOR = Number(process.versions.node.split(".")[0]);
const BUILT = existsSync(join(ROOT, "dist/cli.cjs"));

describe.skipIf(NODE_MAJOR < 24 || !BUILT)("the restart (Node 24 and later, built bin)", () => {
  it("happens in place: same process, the flag added, the same report and exit code", () => {
    const dir = tempDir("perftable-young-");
    const log = join(dir, "starts.txt");
    const probe = join(dir, "probe.cjs");
    writeFileSync(probe, `require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify([process.pid, process.execArgv]) + "\\n");`);
    const bin = join(ROOT, "bin/perftable.js");
    const env = { ...process.env, NODE_OPTIONS: `--require ${probe}`, PERFTABLE_SPLIT_BYTES: "1000", PERFTABLE_NO_CACHE: "1" };
    const restarted = spawnSync(process.execPath, [bin, "check", SEED_PATH, "-f", "json", "--jobs", "1"], { env, encoding: "utf8" });
    const starts = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as [number, string[]]);
    expect(starts).toHaveLength(2);
    expect(starts[1]![0]).toBe(starts[0]![0]);
    expect(starts[0]![1]).toEqual([]);
    expect(starts[1]![1]).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
    const plain = spawnSync(process.execPath, [`--max-semi-space-size=${SEMI_SPACE_MB}`, bin, "check", SEED_PATH, "-f", "json", "--jobs", "1"], { encoding: "utf8" });
    expect(restarted.status).toBe(0);
    expect(restarted.stdout).toBe(plain.stdout);
    expect(restarted.stderr).toBe("");
  });
});
