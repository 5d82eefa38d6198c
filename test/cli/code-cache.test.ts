// bin/load-cli.cjs runs the bundle through V8's code cache in $XDG_CACHE_HOME/perftable: one file
// per bundle and Node, made on first use, reused after, older bundles' files removed, never
// anything when PERFTABLE_NO_CACHE is set — and the output is the same either way.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SEED_PATH } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const BUILT = existsSync(join(ROOT, "dist/cli.cjs"));

function run(cacheHome: string, extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), "check", SEED_PATH, "-f", "json"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, PERFTABLE_NO_CACHE: "", LANG: "en_US.UTF-8", ...extra },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!BUILT)(BUILT ? "the code cache of the built CLI" : "the code cache — SKIPPED: dist/cli.cjs is not built (npm run build)", () => {
  it("is made by a real check, not by --help, --version or a usage error (which compile a third of it)", () => {
    const home = tempDir("perftable-cache-");
    const env = { ...process.env, XDG_CACHE_HOME: home, PERFTABLE_NO_CACHE: "", LANG: "en_US.UTF-8" };
    const files = () => (existsSync(join(home, "perftable")) ? readdirSync(join(home, "perftable")) : []);
    for (const args of [["--help"], ["check", "--help"], ["--version"], ["check", "--nope"], ["rules"]]) {
      spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), ...args], { cwd: ROOT, env });
      expect(files(), args.join(" ")).toEqual([]);
    }
    expect(run(home).code).toBe(0);
    expect(files()).toHaveLength(1);
  });

  it("is made once, reused, cleaned of older bundles' files, and changes no output", () => {
    const home = tempDir("perftable-cache-");
    const dir = join(home, "perftable");
    const prefix = `${process.version.replace(/[^\w-]/g, "_")}-${process.arch}-`;
    mkdirSync(dir, { recursive: true });
    const stale = [`${prefix}1234-5678.v8cache`, "0123456789abcdef0123.v8cache"];
    const other = "v0_1_0-x64-1234-5678.v8cache";
    for (const name of [...stale, other]) writeFileSync(join(dir, name), "old");

    const first = run(home);
    expect(first.code).toBe(0);
    const made = readdirSync(dir).filter((n) => !stale.includes(n) && n !== other);
    expect(made).toHaveLength(1);
    expect(made[0]!.startsWith(prefix)).toBe(true);
    for (const name of stale) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(existsSync(join(dir, other))).toBe(true);

    const before = statSync(join(dir, made[0]!)).mtimeMs;
    const second = run(home);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(join(dir, made[0]!)).mtimeMs).toBe(before);

    const off = tempDir("perftable-nocache-");
    const plain = run(off, { PERFTABLE_NO_CACHE: "1" });
    expect(plain.stdout).toBe(first.stdout);
    expect(readdirSync(off)).toEqual([]);
  });
});
