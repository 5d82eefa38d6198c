// Tests the benchmark corpus generator (bench/generate.mjs): same seed → same bytes; every roll-up exact to the cent.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

interface CorpusOptions { bigBytes?: number; files?: number; fileBytes?: number; seed?: number; pathoScale?: number; force?: boolean }
interface PathoFile { kind: string; factor: number; count: number; path: string }
interface Corpus { skipped: boolean; manifest: { sha256: string; fileCount: number; totalBytes: number }; bigPath: string; deptsDir: string; patho: PathoFile[] }
interface GeneratorModule {
  generateCorpus(outDir: string, options?: CorpusOptions): Corpus;
  formatCents(cents: number): string;
}

// Imported by URL: the generator is plain JavaScript without type declarations.
const generator = (await import(new URL("../../bench/generate.mjs", import.meta.url).href)) as GeneratorModule;

const TINY: CorpusOptions = { bigBytes: 200e3, files: 5, pathoScale: 0.001 };
const HEADER = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";
const workDir = mkdtempSync(join(tmpdir(), "perftable-generate-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Lists files under dir recursively, as sorted paths relative to dir. */
function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Parses an amount cell (`15,812.52`, empty) into integer cents. */
function parseCents(cell: string): number {
  if (cell === "") return 0;
  const match = /^(\d{1,3}(?:,\d{3})*)\.(\d\d)$/.exec(cell);
  if (!match) throw new Error(`bad amount ${JSON.stringify(cell)}`);
  return Number(match[1]!.replaceAll(",", "")) * 100 + Number(match[2]);
}

interface Tally { units: number; projects: number; indicatorCounts: number[]; problems: string[] }

/** Checks one generated table: 总计 = sum of the three sources on every row, unit = Σ its projects, 合计 = Σ units. */
function checkTable(text: string): Tally {
  const tally: Tally = { units: 0, projects: 0, indicatorCounts: [], problems: [] };
  const lines = text.split("\n");
  const headerAt = lines.indexOf(HEADER);
  if (headerAt < 0) return { ...tally, problems: ["no header"] };
  const rows = lines.slice(headerAt + 1).map((line) => line.split("\t")).filter((cells) => cells.some((c) => c !== ""));
  const add = (sum: number[], amounts: number[]) => amounts.forEach((a, i) => (sum[i]! += a));
  let grand: number[] | null = null;
  const unitsSum = [0, 0, 0, 0];
  const looseProjectsSum = [0, 0, 0, 0];
  let unit: { name: string; amounts: number[]; sum: number[] } | null = null;
  const closeUnit = () => {
    if (unit && unit.sum.join() !== unit.amounts.join()) tally.problems.push(`unit ${unit.name}: ${unit.amounts.join()} ≠ Σ projects ${unit.sum.join()}`);
  };
  for (const cells of rows) {
    if (cells.length !== 7) tally.problems.push(`row with ${cells.length} cells: ${cells[0]}`);
    const amounts = cells.slice(1, 5).map(parseCents);
    const [total, a, s, o] = amounts as [number, number, number, number];
    if (total !== a + s + o) tally.problems.push(`${cells[0]}: 总计 ${total} ≠ ${a} + ${s} + ${o}`);
    if (grand === null) {
      if (cells[0] !== "合计") tally.problems.push(`first row is ${cells[0]}, not 合计`);
      grand = amounts;
    } else if (cells[5] === "" && cells[6] === "") {
      closeUnit();
      unit = { name: cells[0]!, amounts, sum: [0, 0, 0, 0] };
      add(unitsSum, amounts);
      tally.units++;
    } else {
      tally.projects++;
      tally.indicatorCounts.push((cells[6]!.match(/(?:^|。)\d+、\d-/g) ?? []).length);
      add(unit ? unit.sum : looseProjectsSum, amounts);
    }
  }
  closeUnit();
  const expected = tally.units > 0 ? unitsSum : looseProjectsSum;
  if (tally.units > 0 && looseProjectsSum.some((x) => x !== 0)) tally.problems.push("projects before the first unit");
  if (grand === null || grand.join() !== expected.join()) tally.problems.push(`合计 ${grand?.join()} ≠ Σ ${expected.join()}`);
  return tally;
}

describe("formatCents", () => {
  it("writes thousands separators and two decimals like the seed", () => {
    expect(generator.formatCents(1581252)).toBe("15,812.52");
    expect(generator.formatCents(160)).toBe("1.60");
    expect(generator.formatCents(5)).toBe("0.05");
    expect(generator.formatCents(100000000)).toBe("1,000,000.00");
    expect(generator.formatCents(0)).toBe("");
  });
});

describe("generateCorpus", () => {
  const dirA = join(workDir, "a");
  const dirB = join(workDir, "b");
  const first = generator.generateCorpus(dirA, TINY);
  const second = generator.generateCorpus(dirB, TINY);

  it("gives identical bytes for the same parameters and seed", () => {
    const files = listFiles(dirA);
    expect(files).toEqual(listFiles(dirB));
    expect(files).toContain("big.txt");
    expect(files).toContain(join("depts", "batch-00", "dept-00005.txt"));
    expect(files.filter((f) => f.startsWith("patho"))).toHaveLength(8);
    for (const file of files.filter((f) => f !== "manifest.json")) {
      expect(readFileSync(join(dirA, file)).equals(readFileSync(join(dirB, file))), file).toBe(true);
    }
    expect(first.manifest.sha256).toBe(second.manifest.sha256);
    expect(first.manifest.fileCount).toBe(1 + 5 + 8);
  });

  it("changes with the seed", () => {
    const other = generator.generateCorpus(join(workDir, "c"), { ...TINY, seed: 2 });
    expect(other.manifest.sha256).not.toBe(first.manifest.sha256);
  });

  it("keeps every roll-up exact in the big table", () => {
    const text = readFileSync(first.bigPath, "utf8");
    expect(text.length).toBeGreaterThan(0);
    const tally = checkTable(text);
    expect(tally.problems).toEqual([]);
    expect(tally.units).toBeGreaterThanOrEqual(1);
    expect(tally.projects / tally.units).toBeGreaterThanOrEqual(20);
    expect(tally.projects / tally.units).toBeLessThanOrEqual(80);
    expect(Math.min(...tally.indicatorCounts)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...tally.indicatorCounts)).toBeLessThanOrEqual(8);
    expect(statSync(first.bigPath).size).toBeGreaterThanOrEqual(200e3);
  });

  it("writes department files in the seed's layout with exact roll-ups", () => {
    for (const file of listFiles(first.deptsDir)) {
      const text = readFileSync(join(first.deptsDir, file), "utf8");
      const lines = text.split("\n");
      expect(lines.slice(0, 2)).toEqual(["", ""]);
      expect(lines[2]).toMatch(/^项目支出绩效目标表/);
      expect(lines[4]).toMatch(/^部门名称：.+（部门）$/);
      expect(lines[6]).toBe("单位：万元");
      const tally = checkTable(text.replace(/财政专户管理资金/, "财政专户拨款").replace(/\t(其它资金|单位资金)\t/, "\t其他资金\t"));
      expect(tally.problems, file).toEqual([]);
      expect(tally.projects).toBeGreaterThan(10);
      expect(Buffer.byteLength(text)).toBeGreaterThan(30e3);
      expect(Buffer.byteLength(text)).toBeLessThan(50e3);
    }
  });

  it("writes pathological inputs at x and 2x that are still exact tables", () => {
    const byName = (kind: string, factor: number) => readFileSync(first.patho.find((p) => p.kind === kind && p.factor === factor)!.path, "utf8");
    for (const p of first.patho) expect(checkTable(readFileSync(p.path, "utf8")).problems, p.path).toEqual([]);
    expect(byName("name-dunhao", 1)).toContain(`检查${"、".repeat(100)}覆盖率`);
    expect(byName("name-dunhao", 2)).toContain(`检查${"、".repeat(200)}覆盖率`);
    expect(byName("value-digits", 2)).toMatch(/实施周期指标值:≥[1-9]\d{1999}家次/);
    expect(byName("tab-line", 1).split("\n").map((l) => l.length)).toContain(10000);
    expect(byName("tab-line", 2).split("\n").map((l) => l.length)).toContain(20000);
    expect(Buffer.byteLength(byName("indicator-cell", 2))).toBeGreaterThan(10e3);
  });

  it("skips regenerating a corpus of the same parameters and redoes it when they change", () => {
    const again = generator.generateCorpus(dirA, TINY);
    expect(again.skipped).toBe(true);
    expect(again.manifest.sha256).toBe(first.manifest.sha256);
    const fewer = generator.generateCorpus(dirA, { ...TINY, files: 3 });
    expect(fewer.skipped).toBe(false);
    expect(listFiles(join(dirA, "depts"))).toHaveLength(3);
  });
});
