// Regenerates the README's rule table and schema/perftable.config.schema.json from the rule
// registry (of the built library: run `npm run build` first). `--check` fails when they are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { renderConfigSchema, updateReadme } from "../dist/lib/src/rules/docs.js";

const check = process.argv.includes("--check");
const outputs = [
  ["README.md", updateReadme(readFileSync("README.md", "utf8"))],
  ["schema/perftable.config.schema.json", JSON.stringify(renderConfigSchema(), null, 2) + "\n"],
];
let stale = false;
for (const [path, content] of outputs) {
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {
    /* missing: stale */
  }
  if (current === content) continue;
  stale = true;
  if (check) console.error(`${path} is stale: run npm run docs`);
  else writeFileSync(path, content);
}
process.exitCode = check && stale ? 1 : 0;
