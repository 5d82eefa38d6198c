#!/usr/bin/env node
// perftable's executable: runs the bundled CLI (through V8's code cache) and sets the exit code;
// all work lives in the library. CommonJS (bin/package.json): Node starts a CommonJS entry a few
// milliseconds sooner than an ES module, and start-up is a speed goal (SPEC §7).
"use strict";
// On Node 24 and later, a big job starts again first with Node 20's young generation (see the module).
if (Number(process.versions.node.split(".")[0]) >= 24) require("./young-generation.cjs").restartIfBig();
const { main, saveCache } = require("./load-cli.cjs");

const args = process.argv.slice(2);
main(args).then((code) => {
  process.exitCode = code;
  // The cache holds what this run compiled: made after a real check, convert or audit, not after a
  // usage error or --help, so that the runs after it start with the checker compiled (a cache made
  // by `--help` held a third of it, and a check took 85 ms instead of 70).
  if ((code === 0 || code === 1) && /^(check|convert|audit)$/.test(args[0] ?? "") && !args.some((a) => /^(-h|--help|-V|--version)$/.test(a))) saveCache();
});
