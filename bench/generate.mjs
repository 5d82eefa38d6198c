/** Deterministic generator of the benchmark corpus (SPEC §7): one big table, many department files, pathological inputs. */
// Amounts are integer cents, so every roll-up is exact; the same parameters and seed give identical bytes.
import { createHash } from "node:crypto";
import {
  closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync, writeSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  BUREAUS, GOAL_ACTIONS, GOAL_RESULTS, HEADER, INDICATOR_CATEGORIES, INSTITUTIONS, OTHER_HEADERS, PROJECT_KINDS,
  PROJECT_TOPICS, REGIONS, SEED_GOALS, SEED_PROJECTS, SPECIAL_ACCOUNT_HEADERS, TARGET_LABELS, TITLES, UNIT_SUFFIXES,
} from "./vocabulary.mjs";

/** Files read to version the corpus: editing the generator or its vocabulary invalidates an existing corpus. */
const SOURCE_FILES = ["generate.mjs", "vocabulary.mjs"];
/** Dept files per subfolder (depts/batch-00/, depts/batch-01/, …). */
const FILES_PER_FOLDER = 1000;
/** Pathological inputs at size x (2x is twice each count). */
const PATHO_KINDS = [
  { kind: "indicator-cell", count: 5e6, describe: (n) => `one 绩效指标 cell of ${n / 1e6} MB` },
  { kind: "name-dunhao", count: 1e5, describe: (n) => `an indicator name with ${n.toLocaleString("en")} 、` },
  { kind: "value-digits", count: 1e6, describe: (n) => `a target value of ${n.toLocaleString("en")} digits` },
  { kind: "tab-line", count: 1e7, describe: (n) => `a line of ${n.toLocaleString("en")} tabs` },
];

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, chance: (p) => next() < p, pick: (items) => items[Math.floor(next() * items.length)] };
}

/** Derives an independent stream seed from the corpus seed, a stream id and an index (murmur3 finaliser). */
function deriveSeed(seed, stream, index) {
  let h = (Math.imul(seed, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77) ^ Math.imul(index + 1, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Formats integer cents as the tables do: thousands separators and two decimals (1581252 → "15,812.52"); 0 → "". */
export function formatCents(cents) {
  if (cents === 0) return "";
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = cents % 100;
  return `${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

/** Draws a project's amounts [appropriation, specialAccount, other] in cents; most rows have 财政拨款 only. */
function drawAmounts(rng) {
  const lo = Math.log(50);
  const hi = Math.log(2e6);
  let total = Math.round(Math.exp(lo + rng.next() * (hi - lo)));
  if (rng.chance(0.4)) total = Math.max(100, Math.round(total / 100) * 100);
  const split = () => 1 + Math.floor(rng.next() * (total - 1));
  const r = rng.next();
  if (r < 0.85 || total < 3) return [total, 0, 0];
  if (r < 0.92) { const a = split(); return [a, 0, total - a]; }
  if (r < 0.96) { const a = split(); return [a, total - a, 0]; }
  if (r < 0.98) return [0, 0, total];
  const a = split();
  const s = Math.floor((total - a) / 2);
  return s === 0 ? [a, 0, total - a] : [a, s, total - a - s];
}

/** Fills a target template ({n}, {k}, {N}, {p}, {q}, {d}, {y}, {m}) with random numbers. */
function fillTarget(rng, template) {
  if (!template.includes("{")) return template;
  return template.replace(/\{(\w)\}/g, (_m, key) => {
    switch (key) {
      case "n": return String(rng.int(1, 50));
      case "k": return String(rng.int(10, 999));
      case "N": return String(rng.int(1000, 50000));
      case "p": return String(rng.int(85, 100));
      case "q": return String(rng.int(60, 99));
      case "d": return `${rng.int(1, 9999)}.${rng.int(1, 99)}`;
      case "y": return String(rng.int(2021, 2025));
      default: return String(rng.int(1, 12));
    }
  });
}

const CATEGORY_WEIGHT_TOTAL = INDICATOR_CATEGORIES.reduce((sum, c) => sum + c.weight, 0);
const SATISFACTION_INDEX = INDICATOR_CATEGORIES.findIndex((c) => c.level2.startsWith("31"));

/** Draws a category index by weight. */
function drawCategory(rng) {
  let r = rng.next() * CATEGORY_WEIGHT_TOTAL;
  for (let i = 0; i < INDICATOR_CATEGORIES.length; i++) {
    r -= INDICATOR_CATEGORIES[i].weight;
    if (r < 0) return i;
  }
  return INDICATOR_CATEGORIES.length - 1;
}

/** Writes one indicator (`N、1-产出指标；11-数量指标；name；实施周期指标值:x；年度指标值:y`) without its closing 。 */
function formatIndicator(rng, seq, category, name) {
  const family = rng.pick(category.families);
  const indicatorName = name ?? rng.pick(family.names);
  const template = rng.pick(family.targets);
  const annual = fillTarget(rng, template);
  const r = rng.next();
  const period = r < 0.88 ? annual : r < 0.94 ? "无" : fillTarget(rng, template);
  const colon = rng.chance(0.03) ? "：" : ":";
  return `${seq}、${category.level1}；${category.level2}；${indicatorName}；${TARGET_LABELS[0]}${colon}${period}；${TARGET_LABELS[1]}${colon}${annual}`;
}

/** Draws the 绩效指标 cell of one project: 3–8 indicators in category order, usually one on satisfaction. */
function drawIndicatorCell(rng) {
  const count = rng.int(3, 8);
  const picks = [];
  if (rng.chance(0.8)) picks.push(SATISFACTION_INDEX);
  while (picks.length < count) picks.push(drawCategory(rng));
  picks.sort((a, b) => a - b);
  const parts = picks.map((index, i) => formatIndicator(rng, i + 1, INDICATOR_CATEGORIES[index]));
  return parts.join("。") + (rng.chance(0.95) ? "。" : "");
}

/** Draws a 绩效目标: a seed goal verbatim or 通过…，…，达到…的目标。 */
function drawGoal(rng) {
  if (rng.chance(0.1)) return rng.pick(SEED_GOALS);
  const first = rng.pick(GOAL_ACTIONS);
  const second = rng.pick(GOAL_ACTIONS);
  const third = rng.chance(0.3) ? `，${rng.pick(GOAL_ACTIONS)}` : "";
  return `通过${first}，${second}${third}，达到${rng.pick(GOAL_RESULTS)}的目标。`;
}

/** Draws a project name not yet used in `taken` (the names of the current unit). */
function drawProjectName(rng, taken) {
  let name = "";
  for (let attempt = 0; attempt < 8; attempt++) {
    if (rng.chance(0.12)) name = rng.pick(SEED_PROJECTS);
    else name = `${rng.chance(0.1) ? `${rng.int(2021, 2024)}年` : ""}${rng.pick(PROJECT_TOPICS)}${rng.pick(PROJECT_KINDS)}`;
    if (!taken.has(name)) break;
  }
  if (taken.has(name)) name = `${name}（${taken.size + 1}期）`;
  taken.add(name);
  return name;
}

/** Draws one project: { name, amounts: [a, s, o] in cents, goal, indicators }. */
function drawProject(rng, taken) {
  return { name: drawProjectName(rng, taken), amounts: drawAmounts(rng), goal: drawGoal(rng), indicators: drawIndicatorCell(rng) };
}

/** Formats one row: name, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标 (总计 = the sum of the three). */
function formatRow(name, amounts, goal = "", indicators = "") {
  const [a, s, o] = amounts;
  return `${name}\t${formatCents(a + s + o)}\t${formatCents(a)}\t${formatCents(s)}\t${formatCents(o)}\t${goal}\t${indicators}\n`;
}

/** Adds amounts column by column into `sum` (in place). */
function addAmounts(sum, amounts) {
  sum[0] += amounts[0];
  sum[1] += amounts[1];
  sum[2] += amounts[2];
  if (!Number.isSafeInteger(sum[0] + sum[1] + sum[2])) throw new Error("generated amounts exceed safe integers");
}

/** An occasional blank line between rows: page breaks of the original PDF/XLS. */
function drawBlankLines(rng) {
  return rng.chance(0.015) ? (rng.chance(0.2) ? "\n\n" : "\n") : "";
}

/** Formats the preamble (title, 部门名称, 单位) and header row like the seed (lines 1–9). */
function formatPreamble(rng, department, header = HEADER) {
  const title = rng.chance(0.9) ? TITLES[0] : rng.pick(TITLES);
  return `\n\n${title}\n\n部门名称：${department}\n\n单位：万元\n\n${header.join("\t")}\n`;
}

/** Formats a unit block: the unit row (its amounts = Σ its projects) then its project rows. */
function formatUnit(rng, unitName, projects) {
  const sum = [0, 0, 0];
  let rows = "";
  for (const p of projects) {
    addAmounts(sum, p.amounts);
    rows += formatRow(p.name, p.amounts, p.goal, p.indicators) + drawBlankLines(rng);
  }
  return { text: formatRow(unitName, sum) + drawBlankLines(rng) + rows, sum };
}

/** Draws a unit name under a department (region + bureau), avoiding names in `taken`. */
function drawUnitName(rng, region, bureau, taken) {
  let name = "";
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = rng.next();
    if (r < 0.2) name = `${region}${bureau[0]}`;
    else if (r < 0.8) name = `${region}${bureau[1]}${rng.pick(UNIT_SUFFIXES)}`;
    else name = `${region}${rng.pick(INSTITUTIONS)}`;
    if (!taken.has(name)) break;
  }
  taken.add(name);
  return name;
}

/** One unit of the big table (20–80 projects), its amounts added to `grand`. */
function drawBigUnit(rng, unitNames, grand) {
  const region = rng.pick(REGIONS);
  const bureau = rng.pick(BUREAUS);
  const unitName = drawUnitName(rng, region, bureau, unitNames);
  const taken = new Set();
  const projects = Array.from({ length: rng.int(20, 80) }, () => drawProject(rng, taken));
  const unit = formatUnit(rng, unitName, projects);
  addAmounts(grand, unit.sum);
  return unit.text;
}

/** The text of a big table of about `bigBytes` as the corpus's big.txt is made (for tests: a small one in memory). */
export function buildBigTable({ bigBytes = 1e6, seed = 1 } = {}) {
  const rng = createRandom(deriveSeed(seed, 1, 0));
  const grand = [0, 0, 0];
  const unitNames = new Set();
  let body = "";
  while (Buffer.byteLength(body) < bigBytes || unitNames.size === 0) body += drawBigUnit(rng, unitNames, grand);
  return formatPreamble(rng, "广州市本级各部门（汇总）") + formatRow("合计", grand) + drawBlankLines(rng) + body;
}

/** Generates the big table into `path` (about `bigBytes`, units of 20–80 projects); returns its byte size. */
function writeBigTable(path, { bigBytes, seed }, hash) {
  const rng = createRandom(deriveSeed(seed, 1, 0));
  const tmpPath = `${path}.body.tmp`;
  const tmp = openSync(tmpPath, "w");
  const grand = [0, 0, 0];
  const unitNames = new Set();
  let bodyBytes = 0;
  try {
    while (bodyBytes < bigBytes || unitNames.size === 0) bodyBytes += writeSync(tmp, drawBigUnit(rng, unitNames, grand));
  } finally {
    closeSync(tmp);
  }
  const head = formatPreamble(rng, "广州市本级各部门（汇总）") + formatRow("合计", grand) + drawBlankLines(rng);
  const out = openSync(path, "w");
  const input = openSync(tmpPath, "r");
  try {
    hash.update("big.txt\0");
    const headBytes = Buffer.from(head);
    writeSync(out, headBytes);
    hash.update(headBytes);
    const chunk = Buffer.allocUnsafe(8 << 20);
    for (let n; (n = readSync(input, chunk, 0, chunk.length, null)) > 0;) {
      writeSync(out, chunk, 0, n);
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    closeSync(out);
    closeSync(input);
    rmSync(tmpPath, { force: true });
  }
  return statSync(path).size;
}

/** Builds the text of department file `index` (about `fileBytes`, one table, 1–4 units or none). */
export function buildDepartmentTable(index, { fileBytes = 40e3, seed = 1 } = {}) {
  const rng = createRandom(deriveSeed(seed, 2, index));
  const region = rng.pick(REGIONS);
  const bureau = rng.pick(BUREAUS);
  const header = [...HEADER];
  if (rng.chance(0.05)) header[3] = SPECIAL_ACCOUNT_HEADERS[1];
  if (rng.chance(0.05)) header[4] = rng.pick(OTHER_HEADERS.slice(1));
  const preamble = formatPreamble(rng, `${region}${bureau[0]}（部门）`, header);
  const grand = [0, 0, 0];
  let body = "";
  if (rng.chance(0.1)) {
    // No unit rows: projects directly under 合计.
    const taken = new Set();
    let rows = "";
    while (Buffer.byteLength(rows) < fileBytes - 500 || taken.size === 0) {
      const p = drawProject(rng, taken);
      addAmounts(grand, p.amounts);
      rows += formatRow(p.name, p.amounts, p.goal, p.indicators) + drawBlankLines(rng);
    }
    body = rows;
  } else {
    const unitCount = rng.int(1, 4);
    const unitNames = new Set([`${region}${bureau[0]}`]);
    for (let u = 0; u < unitCount; u++) {
      const unitName = u === 0 ? `${region}${bureau[0]}` : drawUnitName(rng, region, bureau, unitNames);
      const taken = new Set();
      const projects = [];
      let bytes = 0;
      // Stop within about half a project of this unit's share of the file.
      while (bytes < fileBytes / unitCount - 500 || projects.length === 0) {
        const p = drawProject(rng, taken);
        bytes += Buffer.byteLength(formatRow(p.name, p.amounts, p.goal, p.indicators));
        projects.push(p);
      }
      const unit = formatUnit(rng, unitName, projects);
      addAmounts(grand, unit.sum);
      body += unit.text;
    }
  }
  return preamble + formatRow("合计", grand) + drawBlankLines(rng) + body;
}

/** Builds a pathological table: a normal table with one unit, one of whose projects carries the pathology. */
export function buildPathologicalTable(kind, count, seed = 1) {
  const rng = createRandom(deriveSeed(seed, 3, PATHO_KINDS.findIndex((k) => k.kind === kind)));
  const taken = new Set();
  const projects = Array.from({ length: 3 }, () => drawProject(rng, taken));
  const target = projects[1];
  let extraLine = "";
  if (kind === "indicator-cell") {
    const parts = [];
    let bytes = 0;
    for (let seq = 1; bytes < count; seq++) {
      const category = INDICATOR_CATEGORIES[drawCategory(rng)];
      const text = formatIndicator(rng, seq, category);
      bytes += Buffer.byteLength(text) + 3;
      parts.push(text);
    }
    target.indicators = parts.join("。") + "。";
  } else if (kind === "name-dunhao") {
    const name = `检查${"、".repeat(count)}覆盖率`;
    target.indicators = `${formatIndicator(rng, 1, INDICATOR_CATEGORIES[0], name)}。${formatIndicator(rng, 2, INDICATOR_CATEGORIES[SATISFACTION_INDEX])}。`;
  } else if (kind === "value-digits") {
    let digits = String(rng.int(1, 9));
    while (digits.length < count) digits += String(rng.int(0, 999999999)).padStart(9, "0");
    digits = digits.slice(0, count);
    target.indicators = `1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥${digits}家次；年度指标值:≥495家次。${formatIndicator(rng, 2, INDICATOR_CATEGORIES[SATISFACTION_INDEX])}。`;
  } else if (kind === "tab-line") {
    extraLine = "\t".repeat(count) + "\n";
  } else {
    throw new Error(`unknown pathological kind ${kind}`);
  }
  const unit = formatUnit(createRandom(0), `${REGIONS[0]}${BUREAUS[0][0]}`, projects);
  const [first, ...rest] = unit.text.split("\n");
  return `${formatPreamble(createRandom(0), `${REGIONS[0]}${BUREAUS[0][0]}（部门）`)}${formatRow("合计", unit.sum)}${first}\n${extraLine}${rest.join("\n")}`;
}

/** Returns the path of department file `index` (0-based) relative to the corpus: depts/batch-00/dept-00001.txt. */
export function departmentPath(index) {
  const folder = `batch-${String(Math.floor(index / FILES_PER_FOLDER)).padStart(2, "0")}`;
  return join("depts", folder, `dept-${String(index + 1).padStart(5, "0")}.txt`);
}

/** Hashes the generator's own sources: the corpus version. */
function hashSources() {
  const hash = createHash("sha256");
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const file of SOURCE_FILES) hash.update(readFileSync(join(here, file)));
  return hash.digest("hex").slice(0, 16);
}

/** Lists files under `dir` recursively (sorted); [] when missing. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** Counts files and bytes of the corpus as it is on disk (cheap check that a manifest still matches). */
function measureCorpus(outDir) {
  const files = [join(outDir, "big.txt"), ...listFiles(join(outDir, "depts")), ...listFiles(join(outDir, "patho"))];
  let bytes = 0;
  let count = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    bytes += statSync(file).size;
    count++;
  }
  return { fileCount: count, totalBytes: bytes };
}

/** Reads out/manifest.json, or null. */
function readManifest(outDir) {
  try {
    return JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
  } catch {
    return null;
  }
}

/**
 * Generates the corpus into `outDir`: big.txt, depts/batch-NN/dept-NNNNN.txt, patho/<kind>-1x.txt and -2x.txt,
 * and manifest.json (parameters, counts, sha256 of all content). Skips the work when a manifest of the same
 * parameters and generator version is there and the files on disk still match its counts (unless `force`).
 * @param {string} outDir
 * @param {{ bigBytes?: number, files?: number, fileBytes?: number, seed?: number, pathoScale?: number, force?: boolean }} [options]
 * @returns {{ outDir: string, skipped: boolean, manifest: object, bigPath: string, deptsDir: string, patho: object[] }}
 */
export function generateCorpus(outDir, { bigBytes = 100e6, files = 10000, fileBytes = 40e3, seed = 1, pathoScale = 1, force = false } = {}) {
  const params = { bigBytes, files, fileBytes, seed, pathoScale, version: hashSources() };
  const patho = PATHO_KINDS.flatMap(({ kind, count, describe }) => {
    const x = Math.max(1, Math.round(count * pathoScale));
    return [1, 2].map((factor) => ({ kind, what: describe(x), factor, count: x * factor, path: join("patho", `${kind}-${factor}x.txt`) }));
  });
  const result = (skipped, manifest) => ({ outDir, skipped, manifest, bigPath: join(outDir, "big.txt"), deptsDir: join(outDir, "depts"), patho: patho.map((p) => ({ ...p, path: join(outDir, p.path) })) });

  const previous = readManifest(outDir);
  if (!force && previous && JSON.stringify(previous.params) === JSON.stringify(params)) {
    const onDisk = measureCorpus(outDir);
    if (onDisk.fileCount === previous.fileCount && onDisk.totalBytes === previous.totalBytes) return result(true, previous);
  }

  mkdirSync(outDir, { recursive: true });
  rmSync(join(outDir, "manifest.json"), { force: true });
  rmSync(join(outDir, "depts"), { recursive: true, force: true });
  rmSync(join(outDir, "patho"), { recursive: true, force: true });
  const hash = createHash("sha256");
  let totalBytes = writeBigTable(join(outDir, "big.txt"), params, hash);
  let fileCount = 1;
  for (let i = 0; i < files; i++) {
    const rel = departmentPath(i);
    if (i % FILES_PER_FOLDER === 0) mkdirSync(join(outDir, rel, ".."), { recursive: true });
    const bytes = Buffer.from(buildDepartmentTable(i, params));
    writeFileSync(join(outDir, rel), bytes);
    hash.update(`${rel}\0`);
    hash.update(bytes);
    totalBytes += bytes.length;
    fileCount++;
  }
  mkdirSync(join(outDir, "patho"), { recursive: true });
  for (const p of patho) {
    const bytes = Buffer.from(buildPathologicalTable(p.kind, p.count, seed));
    writeFileSync(join(outDir, p.path), bytes);
    hash.update(`${p.path}\0`);
    hash.update(bytes);
    p.bytes = bytes.length;
    totalBytes += bytes.length;
    fileCount++;
  }
  const manifest = { params, fileCount, totalBytes, sha256: hash.digest("hex"), patho };
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return result(false, manifest);
}

/** CLI: node bench/generate.mjs out/ [--big-mb 100] [--files 10000] [--file-kb 40] [--seed 1] [--patho-scale 1] [--force] */
function runCli(argv) {
  const options = {};
  let outDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => Number(argv[++i]);
    if (arg === "--big-mb") options.bigBytes = value() * 1e6;
    else if (arg === "--files") options.files = value();
    else if (arg === "--file-kb") options.fileBytes = value() * 1e3;
    else if (arg === "--seed") options.seed = value();
    else if (arg === "--patho-scale") options.pathoScale = value();
    else if (arg === "--force") options.force = true;
    else if (!arg.startsWith("-") && outDir === undefined) outDir = arg;
    else {
      console.error(`unknown argument ${arg}\nusage: node bench/generate.mjs out/ [--big-mb 100] [--files 10000] [--file-kb 40] [--seed 1] [--patho-scale 1] [--force]`);
      return 2;
    }
  }
  if (outDir === undefined || Object.values(options).some((v) => typeof v === "number" && !(v >= 0))) {
    console.error("usage: node bench/generate.mjs out/ [--big-mb 100] [--files 10000] [--file-kb 40] [--seed 1] [--patho-scale 1] [--force]");
    return 2;
  }
  const started = process.hrtime.bigint();
  const { skipped, manifest } = generateCorpus(outDir, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${skipped ? "reused" : "generated"} ${outDir}: ${manifest.fileCount} files, ${(manifest.totalBytes / 1e6).toFixed(1)} MB, sha256 ${manifest.sha256.slice(0, 16)}… in ${seconds.toFixed(1)} s`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = runCli(process.argv.slice(2));
