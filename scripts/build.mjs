// Builds perftable: the CLI as one bundled ESM file (fast start-up), the library with tsc (types).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  // Loaded lazily (createRequire / dynamic import) from node_modules by the commands that need them,
  // so a plain check does not pay for parsing them at start-up.
  external: ["iconv-lite", "exceljs", "csv-parse", "csv-parse/sync", "cli-progress"],
  logLevel: "warning",
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __ptCreateRequire } from 'node:module'; const require = __ptCreateRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, outdir: "dist", splitting: false, minifyWhitespace: true, minifySyntax: true });
await build({ ...common, entryPoints: { worker: "src/audit/worker.ts" }, outdir: "dist", minifyWhitespace: true, minifySyntax: true }).catch((e) => { if (!String(e).includes("Could not resolve")) throw e; });
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
