// perftable as an npm package: what `npm pack` puts in the tarball (the built library, its types and
// every file they import, the bin, the schemas README promises; no tests, sources or source maps),
// and `import` / `require("perftable")` from a project that depends on it (node_modules/perftable
// linked to this folder). Offline: `npm pack --dry-run` reads only this folder. Needs the build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/temp.js";

const BUILT = existsSync(join(ROOT, "dist/lib/src/index.js")) && existsSync(join(ROOT, "dist/cli.cjs"));
const SEED = "fixtures/seed-guangzhou-finance-bureau.txt";

/** The files `npm pack` would put in the tarball (paths relative to the package). */
function packedFiles(): string[] {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "silent" } });
  expect(run.status, run.stderr).toBe(0);
  const [pack] = JSON.parse(run.stdout) as [{ files: { path: string }[] }];
  return pack.files.map((f) => f.path).sort();
}

/** A project that has installed perftable (a link, as `npm install` of a folder makes one). */
function consumer(): string {
  const dir = tempDir("perftable-consumer-");
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "perftable"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "commonjs" }));
  return dir;
}

function node(dir: string, file: string, source: string) {
  writeFileSync(join(dir, file), source);
  const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!BUILT)(BUILT ? "the npm package" : "the npm package — SKIPPED: not built (npm run build)", () => {
  it("packs the library, its types, the bin, the schemas and the README's files, and no tests, sources or maps", () => {
    const files = packedFiles();
    for (const file of ["package.json", "LICENSE", "README.md", "CHANGELOG.md", "bin/perftable.js", "bin/load-cli.cjs", "dist/cli.cjs", "dist/worker.js", "dist/lib/src/index.js", "dist/lib/src/index.d.ts", "dist/lib/src/audit/worker.js", "schema/perftable-document.schema.json", "schema/perftable.config.schema.json", SEED]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /^(test|src|bench|scripts|grammar\/.*\.ts$)|\.map$|(?<!\.d)\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("fixtures/"))).toEqual([SEED]);
    // Every module the library loads and every type file its types import is in the tarball.
    const packed = new Set(files);
    const missing: string[] = [];
    for (const file of files.filter((f) => /^dist\/lib\/.*\.(js|d\.ts)$/.test(f))) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const [, spec] of text.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)"(\.{1,2}\/[^"]+)"/g)) {
        const target = posix.join(posix.dirname(file), spec!);
        const wanted = file.endsWith(".d.ts") ? target.replace(/\.js$/, ".d.ts") : target;
        if (!packed.has(wanted)) missing.push(`${file} → ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("is imported by name from an ES module", () => {
    const dir = consumer();
    const run = node(dir, "use.mjs", `import { parseTable, VERSION } from "perftable";
import { readFileSync } from "node:fs";
const { value } = parseTable(readFileSync("node_modules/perftable/${SEED}"));
console.log(VERSION, value[0].department);`);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version} 广州开发区金融工作局（部门）\n`);
  });

  it("runs README's Library example as written and prints the lines it marks with →, and compiles it with tsc --strict", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Library\n"), readme.indexOf("\n## ", readme.indexOf("\n## Library\n") + 1));
    const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const expected = [...example.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]);
    expect(expected.length).toBeGreaterThan(3);
    const dir = consumer();
    const run = node(dir, "example.mjs", example);
    expect(run.stderr).toBe("");
    expect(run.stdout.trimEnd().split("\n")).toEqual(expected);
    // As TypeScript: the types resolve under nodenext (node16 resolves alike) and bundler resolution.
    const ts = join(dir, "ts");
    mkdirSync(ts);
    writeFileSync(join(ts, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(ts, "example.ts"), example);
    for (const [module, moduleResolution] of [["nodenext", "nodenext"], ["esnext", "bundler"]]) {
      // (No `types`: TypeScript 6 includes no @types package unless a file references it.)
      const options = { strict: true, noEmit: true, target: "es2022", module, moduleResolution };
      writeFileSync(join(ts, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["example.ts"] }));
      const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: ts, encoding: "utf8" });
      expect(tsc.stdout + tsc.stderr, `${module}/${moduleResolution}`).toBe("");
      expect(tsc.status).toBe(0);
    }
  }, 60_000);

  it("is required from CommonJS where Node.js can require an ES module, and says to import it where it cannot", () => {
    const dir = consumer();
    const run = node(dir, "use.cjs", `let perftable;
try { perftable = require("perftable"); } catch (error) { console.log(error.code); process.exit(0); }
console.log(typeof perftable.checkFile, perftable.parseTable("").diagnostics[0].ruleId);`);
    expect(run.stderr).toBe("");
    // require() of an ES module: Node.js 20.19 and later, 22.12 and later.
    const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;
    expect(run.stdout).toBe(canRequireEsm ? "function input/unreadable\n" : "ERR_REQUIRE_ESM\n");
  });

  it("runs its bin from node_modules/.bin", () => {
    const dir = consumer();
    const bin = join(dir, "node_modules", ".bin");
    mkdirSync(bin);
    symlinkSync(join("..", "perftable", "bin", "perftable.js"), join(bin, "perftable"));
    const run = spawnSync(join(bin, "perftable"), ["check", join(dirname(bin), "perftable", SEED), "-f", "json"], { cwd: dir, encoding: "utf8", env: { ...process.env, PERFTABLE_NO_CACHE: "1" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).files[0].warningCount).toBe(8);
  });
});
