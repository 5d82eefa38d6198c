#!/usr/bin/env node
// perftable's executable: runs the bundled CLI (through V8's code cache) and sets the exit code;
// all work lives in the library.
import { createRequire } from "node:module";

const { main, saveCache } = createRequire(import.meta.url)("./load-cli.cjs");
process.exitCode = await main(process.argv.slice(2));
saveCache();
