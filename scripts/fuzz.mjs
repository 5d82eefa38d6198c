// `npm run fuzz`: the hardening properties at scale (100,000+ generated cases) against the BUILT library
// (run `npm run build` first). Prints each property's seed; replay with --only NAME --seed N [--path P].
/* global TextEncoder, structuredClone */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { transform } from "esbuild";
import fc from "fast-check";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = `usage: node scripts/fuzz.mjs [--runs N] [--seed N] [--only NAME[,NAME…]] [--path P] [--list]
  --runs N    cases per property (default: each property's share of ${"100,000"})
  --seed N    seed of every property run (default: a fresh one each, printed)
  --only      run only these properties (see --list)
  --path P    fast-check's replay path of a failure (with --only and --seed)`;

const { values: args } = parseArgs({
  options: { runs: { type: "string" }, seed: { type: "string" }, only: { type: "string" }, path: { type: "string" }, list: { type: "boolean" }, help: { type: "boolean" } },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const flag of ["runs", "seed"]) {
  if (args[flag] !== undefined && !/^-?\d+$/.test(args[flag])) {
    console.error(`fuzz: --${flag} takes a whole number, not "${args[flag]}"\n${USAGE}`);
    process.exit(2);
  }
}

const LIB = join(ROOT, "dist/lib/src/index.js");
if (!existsSync(LIB)) {
  console.error("fuzz: dist/lib/src/index.js is missing: run `npm run build` first");
  process.exit(2);
}
const lib = await import(pathToFileURL(LIB).href);
const { formatReport, REPORT_FORMATS } = await import(pathToFileURL(join(ROOT, "dist/lib/src/reporters/index.js")).href);

/** The test helpers' arbitraries (TypeScript), compiled once into node_modules/.cache. */
async function loadArbitraries() {
  const source = readFileSync(join(ROOT, "test/helpers/arbitraries.ts"), "utf8");
  const { code } = await transform(source, { loader: "ts", format: "esm", target: "node20" });
  const out = join(ROOT, "node_modules/.cache/perftable-fuzz/arbitraries.mjs");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  return import(pathToFileURL(out).href);
}
const A = await loadArbitraries();

const SEED_TEXT = readFileSync(join(ROOT, "fixtures/seed-guangzhou-finance-bureau.txt"), "utf8");
const SEED_BYTES = new TextEncoder().encode(SEED_TEXT);
const SEED_DOC = lib.parseTable(SEED_TEXT).value[0];
const INDICATORS_CELL = SEED_DOC.header.columns.find((c) => c.key === "indicators").index;
const AMOUNT_RULES = new Set(["amount/row-sum", "amount/unit-rollup", "amount/total-rollup", "amount/rounding"]);
const LEVEL2 = [["11", "数量指标"], ["12", "质量指标"], ["13", "时效指标"], ["14", "成本指标"], ["21", "经济效益"], ["22", "社会效益"], ["23", "生态效益"], ["24", "可持续影响"], ["31", "服务对象满意度"]];

// ---------------------------------------------------------------------------------------------
// Invariants (as in test/hardening/never-crash.test.ts)

function unfilled(d, lang) {
  const template = lib.getRule(d.ruleId)?.meta.messages[d.messageId]?.[lang];
  if (template === undefined) return [`no ${lang} message for ${d.ruleId}/${d.messageId}`];
  // (A `fooZh` placeholder is filled by `foo` when the data has no `fooZh`, as fillTemplate does.)
  const has = (k) => Object.prototype.hasOwnProperty.call(d.data, k);
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((k) => !has(k) && !(k.endsWith("Zh") && has(k.slice(0, -2))));
}

/** Check, parse, convert and report one input; throws on any broken invariant. */
function exercise(input, path, lang, color) {
  const report = lib.checkInput(input, { path, keepSource: true });
  assert.equal(report.path, path, "the report names its file");
  let source = report.source ?? null;
  if (source === null && typeof input === "string") source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (source === null) {
    // One input/unreadable finding: at the start, or at the first byte that is not UTF-8.
    assert.deepEqual(report.diagnostics.map((d) => d.ruleId), ["input/unreadable"]);
    const d = report.diagnostics[0];
    const at = d.messageId === "undecodableAt" ? [Number(d.data.line), Number(d.data.column)] : [1, 1];
    assert.deepEqual([d.line, d.column], at, "unreadable at its place");
    if (typeof input !== "string") assert.ok(d.line <= input.filter((b) => b === 0x0a).length + 1, "a line of the input");
  } else assert.deepEqual(A.positionProblems(source, report.diagnostics), [], "positions inside the input");
  for (const d of report.diagnostics) for (const l of ["zh", "en"]) assert.deepEqual(unfilled(d, l), [], "messages complete");
  for (const format of REPORT_FORMATS) {
    const out = formatReport(format, [report], { lang, color, cwd: "/work" });
    if (format === "json") assert.equal(JSON.parse(out).files[0].path, path);
    if (format === "sarif") JSON.parse(out);
    if (format === "pretty" || format === "summary" || format === "junit") assert.ok(out.includes(path), `${format} names the file`);
    if (!color && (format === "pretty" || format === "summary")) assert.doesNotMatch(out, A.UNSAFE_TERMINAL, `${format} prints no raw control character`);
  }
  const parsed = lib.parseTable(input);
  if (source !== null) {
    assert.deepEqual(A.positionProblems(source, parsed.diagnostics), []);
    assert.deepEqual(A.positionProblems(source, parsed.value.flatMap((doc) => doc.units.flatMap((u) => u.projects.flatMap((p) => p.indicators)))), []);
  }
  if (parsed.value.length > 0) JSON.parse(lib.formatDocuments("json", parsed.value));
  for (const line of lib.formatDocuments("ndjson", parsed.value).split("\n")) if (line !== "") JSON.parse(line);
  assert.ok(lib.formatDocuments("csv", parsed.value).startsWith("\uFEFFdepartment,"));
}

const plainPath = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/).map((s) => `tables/${s}.txt`);
const lang = fc.constantFrom("zh", "en");

function setCell(text, line, cell, value) {
  const lines = text.split("\n");
  const cells = lines[line - 1].split("\t");
  cells[cell] = value;
  lines[line - 1] = cells.join("\t");
  return lines.join("\n");
}

function dropSemicolon(raw, j) {
  let seen = -1;
  for (let i = 0; i < raw.length; i++) if (raw[i] === "；" && ++seen === j) return raw.slice(0, i) + raw.slice(i + 1);
  throw new Error(`no ；#${j}`);
}

const projectRows = (t) => t.rows.flatMap((r, i) => (r.kind === "project" ? [i] : []));
const check = (text) => lib.checkInput(text, { path: "mutated.txt" }).diagnostics;

// ---------------------------------------------------------------------------------------------
// Properties: name → [share of the default 100,000 runs, property]

const seedIndicators = SEED_DOC.units.flatMap((u) => u.projects.flatMap((p) => p.indicators.map((i, k) => ({ p, i, k }))));

const PROPERTIES = {
  bytes: [20000, () => fc.property(A.arbitraryBytes(), plainPath, lang, fc.boolean(), (b, p, l, c) => exercise(b, p, l, c))],
  unicode: [20000, () => fc.property(A.unicodeText(300), plainPath, lang, fc.boolean(), (t, p, l, c) => exercise(t, p, l, c))],
  "table-like": [12000, () => fc.property(A.tableLikeText(), plainPath, lang, fc.boolean(), (t, p, l, c) => exercise(t, p, l, c))],
  "seed-mutations": [5000, () => fc.property(A.mutations(), plainPath, lang, fc.boolean(), (m, p, l, c) => exercise(A.applyMutations(SEED_BYTES, m), p, l, c))],
  "parse-indicators": [20000, () =>
    fc.property(fc.oneof(A.unicodeText(300), A.hostileName()), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (text, line, column) => {
      const { value, diagnostics } = lib.parseIndicators(text, { line, column });
      const placed = "\n".repeat(line - 1) + "x".repeat(column - 1) + text;
      assert.deepEqual(A.positionProblems(placed, diagnostics), []);
      assert.deepEqual(A.positionProblems(placed, value), []);
      assert.equal(value.filter((i) => i.error !== undefined).length, diagnostics.length);
    })],
  "hostile-paths": [2000, () =>
    fc.property(fc.oneof(A.hostileName(), A.hostileName().map((h) => `/elsewhere/${h}.txt`)), lang, (path, l) => {
      const report = lib.checkInput(SEED_TEXT, { path });
      for (const format of REPORT_FORMATS) {
        const out = formatReport(format, [report], { lang: l, color: false, cwd: "/work" });
        if (format === "json" || format === "sarif") JSON.parse(out);
        if (format === "github") for (const line of out.split("\n")) if (line !== "") assert.match(line, /^::(error|warning|notice) file=[^\n]*::[^\n]*$|^::notice::/);
        if (format === "pretty" || format === "summary" || format === "github") assert.doesNotMatch(out, A.UNSAFE_TERMINAL);
      }
    })],
  "valid-tables": [3000, () =>
    fc.property(A.validTable(), (t) => {
      const bad = check(A.renderTable(t).text).filter((d) => d.severity !== "info");
      assert.deepEqual(bad, [], "a valid table raises no error or warning");
    })],
  "amount-mutations": [6000, () =>
    fc.property(
      A.validTable().chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.rows.length - 1 }), fc.constantFrom(...A.MONEY_COLUMNS), fc.integer({ min: 1, max: 100_000_00 }), fc.boolean())),
      ([t, row, column, size, up]) => {
        const changed = structuredClone(t);
        const before = changed.rows[row].cents[column] ?? 0;
        changed.rows[row].cents[column] = before + (up || before < size ? size : -size);
        const { text, lineOf } = A.renderTable(changed);
        assert.ok(check(text).some((d) => AMOUNT_RULES.has(d.ruleId) && d.line === lineOf[row]), `amount change at line ${lineOf[row]} caught`);
      },
    )],
  "category-mutations": [6000, () =>
    fc.property(
      fc.oneof(
        // the seed's indicators
        fc.constantFrom(...seedIndicators).chain(({ p, i, k }) => fc.tuple(fc.constant({ p, i, k }), fc.constantFrom(...LEVEL2.filter(([c]) => !c.startsWith(i.level1.code))), fc.boolean()).map((x) => ({ seed: x }))),
        // generated tables
        A.validTable().chain((t) =>
          fc.constantFrom(...projectRows(t)).chain((row) =>
            fc.nat({ max: t.rows[row].indicators.length - 1 }).chain((k) =>
              fc.tuple(fc.constant(t), fc.constant(row), fc.constant(k), fc.constantFrom(...LEVEL2.filter(([c]) => !c.startsWith(t.rows[row].indicators[k].level1.split("-")[0]))), fc.boolean()).map((x) => ({ generated: x })),
            ),
          ),
        ),
      ),
      (c) => {
        let text;
        let line;
        if (c.seed) {
          const [{ p, k }, [code, name], withName] = c.seed;
          const parts = p.indicators[k].raw.split("；");
          parts[1] = withName ? `${code}-${name}` : parts[1].replace(/^\d+/, code);
          const raws = p.indicators.map((x, j) => (j === k ? parts.join("；") : x.raw));
          text = setCell(SEED_TEXT, p.line, INDICATORS_CELL, raws.join("。") + (p.indicatorsFinalStop ? "。" : ""));
          line = p.line;
        } else {
          const [t, row, k, [code, name], withName] = c.generated;
          const changed = structuredClone(t);
          const ind = changed.rows[row].indicators[k];
          ind.level2 = withName ? `${code}-${name}` : ind.level2.replace(/^\d+/, code);
          const rendered = A.renderTable(changed);
          text = rendered.text;
          line = rendered.lineOf[row];
        }
        assert.deepEqual(check(text).filter((d) => d.ruleId === "indicator/category").map((d) => d.line), [line]);
      },
    )],
  "semicolon-drops": [6000, () =>
    fc.property(
      A.validTable().chain((t) => fc.constantFrom(...projectRows(t)).chain((row) => fc.tuple(fc.constant(t), fc.constant(row), fc.nat({ max: t.rows[row].indicators.length - 1 }), fc.nat({ max: 3 })))),
      ([t, row, k, j]) => {
        const raws = t.rows[row].indicators.map((x, i) => A.renderIndicator(x, i + 1));
        raws[k] = dropSemicolon(raws[k], j);
        const { text, lineOf } = A.renderTable(t, new Map([[row, raws.join("。") + "。"]]));
        assert.deepEqual(check(text).filter((d) => d.ruleId === "indicator/syntax").map((d) => d.line), [lineOf[row]]);
        const project = lib.parseTable(text).value[0].units.flatMap((u) => u.projects).find((p) => p.line === lineOf[row]);
        assert.deepEqual(project.indicators.map((i) => i.error !== undefined), raws.map((_, i) => i === k), "only the broken indicator has an error");
      },
    )],
};

if (args.list) {
  for (const [name, [share]] of Object.entries(PROPERTIES)) console.log(`${name.padEnd(20)} ${share}`);
  process.exit(0);
}
const only = args.only?.split(",").map((s) => s.trim()).filter(Boolean);
for (const name of only ?? []) {
  if (!(name in PROPERTIES)) {
    console.error(`fuzz: no property "${name}" (one of ${Object.keys(PROPERTIES).join(", ")})`);
    process.exit(2);
  }
}

let total = 0;
let failed = 0;
const started = performance.now();
for (const [name, [share, make]] of Object.entries(PROPERTIES)) {
  if (only && !only.includes(name)) continue;
  const seed = args.seed !== undefined ? Number(args.seed) : (Math.random() * 2 ** 31) | 0;
  const numRuns = args.runs !== undefined ? Number(args.runs) : share;
  const t0 = performance.now();
  const details = fc.check(make(), { seed, numRuns, path: args.path, endOnFailure: args.path !== undefined });
  total += details.numRuns;
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (details.failed) {
    failed++;
    console.log(`✖ ${name.padEnd(20)} seed ${seed}  ${details.numRuns} runs  ${seconds} s  FAILED`);
    console.log(fc.defaultReportMessage(details));
    const error = details.errorInstance;
    console.log(`  error: ${error instanceof Error ? error.message : String(error)}`);
    console.log(`  replay: node scripts/fuzz.mjs --only ${name} --seed ${seed} --path ${details.counterexamplePath}`);
  } else {
    console.log(`✔ ${name.padEnd(20)} seed ${seed}  ${details.numRuns} runs  ${seconds} s`);
  }
}
console.log(`${failed === 0 ? "✔" : "✖"} ${total} cases, ${failed} failing ${failed === 1 ? "property" : "properties"}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed === 0 ? 0 : 1;
