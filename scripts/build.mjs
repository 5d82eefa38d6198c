// Builds perftable: the CLI as one bundled CommonJS file, loaded by bin/ through V8's code cache
// (fast start-up); the audit worker as one ESM file beside it; the library with tsc (types).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  legalComments: "none",
  minify: true,
  keepNames: false,
  // Loaded lazily (createRequire / dynamic import) from node_modules by the commands that need them,
  // so a plain check does not pay for parsing them at start-up.
  external: ["iconv-lite", "exceljs", "csv-parse", "csv-parse/sync", "cli-progress"],
  logLevel: "warning",
};
// The CLI: CommonJS, so that bin/load-cli.cjs can run it through vm.Script with a code cache.
// `import.meta.url` becomes the bundle's own file URL.
await build({
  ...common,
  format: "cjs",
  entryPoints: { cli: "src/cli/main.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  define: { "import.meta.url": "__ptImportMetaUrl" },
  banner: { js: "const __ptImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The audit worker thread: ESM; some CommonJS dependencies call require(), so give it one.
await build({
  ...common,
  format: "esm",
  entryPoints: { worker: "src/audit/worker.ts" },
  outdir: "dist",
  banner: { js: "import { createRequire as __ptCreateRequire } from 'node:module'; const require = __ptCreateRequire(import.meta.url);" },
});
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
