#!/usr/bin/env node
// perftable's executable: runs the bundled CLI and sets the exit code; all work lives in the library.
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
