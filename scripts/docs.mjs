// Regenerates the README's rule table and schema/perftable.config.schema.json from the rule
// registry (of the built library: run `npm run build` first). `--check` fails when they are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { renderConfigSchema, updateReadme } from "../dist/lib/src/rules/docs.js";
import { main } from "../dist/lib/src/cli/main.js";

/** The report of `npm start` (English, no colour), to show in the README. */
async function sampleReport() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (c) => (text += c));
  const io = { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: { LANG: "en_US.UTF-8" }, cwd: process.cwd() };
  await main(["check", "fixtures/seed-guangzhou-finance-bureau.txt", "--lang", "en"], io);
  await new Promise((r) => setImmediate(r));
  return text;
}

function replaceBetween(text, begin, end, content) {
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a === -1 || b === -1) return text;
  return text.slice(0, a + begin.length) + "\n" + content + "\n" + text.slice(b);
}

const sample = "```\n$ npm start\n\n" + (await sampleReport()).trimEnd() + "\n```";

const check = process.argv.includes("--check");
const outputs = [
  ["README.md", replaceBetween(updateReadme(readFileSync("README.md", "utf8")), "<!-- sample:begin -->", "<!-- sample:end -->", sample)],
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
