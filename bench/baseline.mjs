/** Baseline: the floor for any Node tool — read each file's bytes, decode UTF-8, split lines and tabs, print the cell count. */
// Usage: node bench/baseline.mjs <files or directories…> (directories are walked recursively, in sorted order).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { TextDecoder } from "node:util";
import { join } from "node:path";

/** Expands directories into their files, recursively and sorted. */
function listFiles(paths) {
  const out = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) out.push(...listFiles(readdirSync(path).sort().map((name) => join(path, name))));
    else out.push(path);
  }
  return out;
}

const decoder = new TextDecoder("utf-8");
let cells = 0;
for (const file of listFiles(process.argv.slice(2))) {
  const text = decoder.decode(readFileSync(file));
  for (const line of text.split("\n")) cells += line.split("\t").length;
}
console.log(cells);
