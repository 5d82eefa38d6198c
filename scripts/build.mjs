// Builds perftable: the CLI as one bundled CommonJS file, loaded by bin/ through V8's code cache
// (fast start-up); the audit worker as one ESM file beside it; the library with tsc (types).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";

rmSync("dist", { recursive: true, force: true });

/**
 * commander requires node:child_process at load time, for executable subcommands perftable does
 * not have; loading it (and the net, stream and dgram modules behind it) costs ~1.6 ms of every
 * start-up. This gives commander a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy-builtin" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
      contents: 'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
      loader: "js",
    }));
  },
};
/**
 * Start-up patches to dependencies, applied to their text when bundling. Each must change the text
 * (the build fails if an upgrade moved it) and must not change behaviour.
 * - chevrotain fills a 65,536-entry table at every lexer construction (~1.6 ms in a cold process) to
 *   map a character code to `255 + ~~(code / 255)`: the function computes the same value instead of
 *   reading the table.
 * - chevrotain's parser, after recording the grammar, deletes the ~90 recording methods it put on
 *   the parser instance so that the prototype's methods show through; deleting them turns the
 *   instance into a slow dictionary-mode object (~1 ms). Setting each to the prototype's method
 *   instead calls the very same functions and keeps the object fast.
 */
const patches = [
  {
    file: /chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/,
    edits: [
      [
        "        : charCodeToOptimizedIdxMap[charCode];",
        "        : 255 + ~~(charCode / 255);",
      ],
      [
        "    if (isEmpty(charCodeToOptimizedIdxMap)) {",
        "    if (false) {",
      ],
    ],
  },
  {
    file: /chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]traits[\\/]gast_recorder\.js$/,
    edits: [
      [
        `        this.TRACE_INIT("Deleting Recording methods", () => {
            const that = this;`,
        `        this.TRACE_INIT("Deleting Recording methods", () => {
            const proto = Object.getPrototypeOf(this);
            const that = new Proxy(this, {
                deleteProperty(target, key) {
                    if (key in proto) target[key] = proto[key];
                    else delete target[key];
                    return true;
                },
            });`,
      ],
    ],
  },
];
const patchDependencies = {
  name: "patch-dependencies",
  setup(b) {
    for (const { file, edits } of patches) {
      b.onLoad({ filter: file }, async (args) => {
        let contents = await readFile(args.path, "utf8");
        for (const [from, to] of edits) {
          if (!contents.includes(from)) throw new Error(`build: patch no longer applies to ${args.path}: ${from.trim()}`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: "js" };
      });
    }
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  legalComments: "none",
  minify: true,
  keepNames: false,
  // Loaded lazily (createRequire / dynamic import) from node_modules by the commands that need them,
  // so a plain check does not pay for parsing them at start-up.
  external: ["iconv-lite", "exceljs", "csv-parse", "csv-parse/sync", "cli-progress", "jsonc-parser"],
  logLevel: "warning",
  plugins: [lazyChildProcess, patchDependencies],
};
// The CLI: CommonJS, so that bin/load-cli.cjs can run it through vm.Script with a code cache.
// `import.meta.url` becomes the bundle's own file URL.
await build({
  ...common,
  format: "cjs",
  entryPoints: { cli: "src/cli/main.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  // vm.Script (the code cache) has no module loader behind it: a dynamic import() there fails with
  // "A dynamic import callback was not specified" (it broke .xlsx input). Lazy externals are
  // required instead.
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__ptImportMetaUrl" },
  banner: { js: "const __ptImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
if (/\bimport\(/.test(await readFile("dist/cli.cjs", "utf8"))) throw new Error("build: dist/cli.cjs must not contain import() (it runs through vm.Script)");
// The audit worker thread: ESM; some CommonJS dependencies call require(), so give it one.
await build({
  ...common,
  format: "esm",
  entryPoints: { worker: "src/audit/worker.ts" },
  outdir: "dist",
  banner: { js: "import { createRequire as __ptCreateRequire } from 'node:module'; const require = __ptCreateRequire(import.meta.url);" },
});
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
