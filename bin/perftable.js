#!/usr/bin/env node
// perftable's executable: runs the bundled CLI (through V8's code cache) and sets the exit code;
// all work lives in the library. CommonJS (bin/package.json): Node starts a CommonJS entry a few
// milliseconds sooner than an ES module, and start-up is a speed goal (SPEC §7).
"use strict";
// On Node 24 and later, a big job starts again first with Node 20's young generation (see the module).
if (Number(process.versions.node.split(".")[0]) >= 24) require("./young-generation.cjs").restartIfBig();
const { main, saveCache } = require("./load-cli.cjs");

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  saveCache();
});
