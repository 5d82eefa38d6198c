// A big table checked in parts on several threads must give exactly the report of one sequential
// read: the same findings in the same order, the same counts and table summaries — wherever the
// cuts fall, whatever the table holds near them (bare rows that may be units or projects, sums that
// do not add up, repeated names, repeated headers, a second table, bytes that are not UTF-8), and
// when a worker fails. The workers run the built dist/worker.js.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile, type CheckFileOptions } from "../../src/api.js";
import type { ConvertFormat } from "../../src/convert/index.js";
import { convertStreamed } from "../../src/convert/stream.js";
import { partStats } from "../../src/validate/parts.js";
import type { FileReport, TableDocument } from "../../src/types.js";
import { ROOT } from "../helpers/fixtures.js";
import { interruptOnce } from "../helpers/interrupt.js";

interface GeneratorModule {
  buildBigTable(options?: { bigBytes?: number; seed?: number }): string;
}
const generator = (await import(new URL("../../bench/generate.mjs", import.meta.url).href)) as GeneratorModule;

const CLI = `${ROOT}dist/cli.cjs`;
const WORKER = `${ROOT}dist/worker.js`;
const built = existsSync(CLI) && existsSync(WORKER);
const skipped = (title: string) => (built ? title : `${title} — SKIPPED: dist/worker.js is not built (run npm run build; CI builds before testing)`);

const dir = mkdtempSync(join(tmpdir(), "perftable-parts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function write(content: string | Uint8Array): string {
  const path = join(dir, `t${files++}.txt`);
  writeFileSync(path, content);
  return path;
}

/** Over 1 MB even in GB18030, so that checkFile streams it (smaller files are read whole and never split). */
const BASE = generator.buildBigTable({ bigBytes: 1.6e6, seed: 7 });
const LINES = BASE.split("\n");
const HEADER_AT = LINES.findIndex((l) => l.startsWith("项目名称"));

/** Every field of a report, in one order (a report with compactly kept findings orders its keys differently). */
function text(r: FileReport): string {
  const { path, encoding, errorCount, warningCount, infoCount, diagnostics, tables } = r;
  return JSON.stringify({ path, encoding, errorCount, warningCount, infoCount, tables, diagnostics }, null, 1);
}

async function both(path: string, split: CheckFileOptions) {
  const sequential = await checkFile(path, { threads: 1 });
  const parted = await checkFile(path, { threads: 2, splitBytes: 0, partWorker: pathToFileURL(WORKER), ...split });
  return { sequential: text(sequential), parted: text(parted), report: sequential };
}

/** A place in the table (fc.double would mostly give values next to 0: every edit at the top). */
const SPREAD = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

type Edit = { kind: "bare" | "amount" | "syntax" | "duplicate" | "drop" | "header" | "table" | "byte"; at: number };

/** Apply edits at fractions of the data lines (after the header). */
function edit(edits: readonly Edit[]): Buffer {
  const lines = [...LINES];
  const pieces: (string | Buffer)[] = [];
  const bad = new Set<number>();
  for (const e of edits) {
    const i = HEADER_AT + 2 + Math.floor(e.at * (lines.length - HEADER_AT - 3));
    const cells = lines[i]!.split("\t");
    switch (e.kind) {
      case "bare": // a project without goal and indicators: a unit or a project?
        if (cells.length > 6) lines[i] = [...cells.slice(0, 5), "", ""].join("\t");
        break;
      case "amount": // the sums no longer add up
        if (cells.length > 1) lines[i] = [cells[0], "9,999.99", ...cells.slice(2)].join("\t");
        break;
      case "syntax": // an indicator cell the grammar cannot read (a finding of the reader itself)
        if (cells.length > 6) lines[i] = [...cells.slice(0, 6), "1、：：。乱码"].join("\t");
        break;
      case "duplicate":
        lines.splice(i, 0, lines[i]!);
        break;
      case "drop":
        lines.splice(i, 1);
        break;
      case "header": // a page break repeats the header
        lines.splice(i, 0, lines[HEADER_AT]!);
        break;
      case "table": // a second table begins
        lines.splice(i, 0, "项目支出绩效目标表", "部门名称：第二部门", "单位：万元", lines[HEADER_AT]!);
        break;
      case "byte": // not UTF-8: the whole file is read as GB18030, as a sequential read does
        bad.add(i);
        break;
    }
  }
  lines.forEach((line, i) => {
    pieces.push(Buffer.from(line + (i < lines.length - 1 ? "\n" : ""), "utf8"));
    if (bad.has(i)) pieces.push(Buffer.from([0xff]));
  });
  return Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
}

describe("checking a big table in parts", () => {
  it.skipIf(!built)(skipped("gives the sequential report, with the parts taken from the workers"), async () => {
    const path = write(BASE);
    const taken = partStats.taken;
    const { sequential, parted, report } = await both(path, { threads: 3 });
    expect(partStats.taken - taken).toBe(2);
    expect(parted).toBe(sequential);
    // A real table: units, findings of several rules, and the 合计 checked against all units.
    expect(report.tables![0]!.units).toBeGreaterThan(20);
    expect(new Set(report.diagnostics.map((d) => d.ruleId)).size).toBeGreaterThan(3);
  });

  it.skipIf(!built)(skipped("gives the sequential report wherever the cuts fall and whatever the table holds near them"), async () => {
    const before = { ...partStats };
    const edits = fc.array(
      fc.record({ kind: fc.constantFrom<Edit["kind"]>("bare", "bare", "amount", "amount", "syntax", "duplicate", "drop", "header", "table", "byte"), at: SPREAD }),
      { maxLength: 6 },
    );
    const cuts = fc.uniqueArray(fc.double({ min: 0.02, max: 0.98, noNaN: true }), { minLength: 1, maxLength: 3 }).map((a) => a.sort((x, y) => x - y));
    await fc.assert(
      fc.asyncProperty(edits, cuts, async (e, at) => {
        const path = write(edit(e));
        const { sequential, parted } = await both(path, { threads: at.length + 1, splitAt: at });
        expect(parted).toBe(sequential);
      }),
      { numRuns: 25, seed: 20261128 },
    );
    // Most runs split; the ones with a second table or a bad byte near the front read parts again.
    expect(partStats.taken - before.taken).toBeGreaterThan(10);
    expect(partStats.readAgain - before.readAgain).toBeGreaterThan(0);
  });

  it.skipIf(!built)(skipped("splits a GB18030 table too"), async () => {
    const path = write(iconv.encode(BASE, "gb18030"));
    const taken = partStats.taken;
    const { sequential, parted, report } = await both(path, {});
    expect(partStats.taken - taken).toBe(1);
    expect(report.encoding).toBe("gb18030");
    expect(parted).toBe(sequential);
  });

  it.skipIf(!built)(skipped("reads a part on the main thread when its worker fails or cannot start"), async () => {
    const path = write(BASE);
    // A worker that cannot even be created (not a file URL): one thread, nothing split.
    const before = { ...partStats };
    const unmade = await both(path, { partWorker: new URL("http://localhost/worker.js") });
    expect(partStats).toEqual(before);
    expect(unmade.parted).toBe(unmade.sequential);
    for (const worker of ["../audit/crashing-worker.mjs", "../audit/broken-worker.mjs"]) {
      const again = partStats.readAgain;
      const { sequential, parted } = await both(path, { partWorker: new URL(worker, import.meta.url) });
      expect(partStats.readAgain - again).toBe(1);
      expect(parted).toBe(sequential);
    }
  });

  it.skipIf(!built)(skipped("does not split a table without unit rows (no place to cut)"), async () => {
    const flat = LINES.filter((line) => line.split("\t")[5] !== "" || line.split("\t").length < 6 || line.startsWith("合计")).join("\n");
    const path = write(flat);
    const before = { ...partStats };
    const { sequential, parted } = await both(path, {});
    expect(partStats).toEqual(before);
    expect(parted).toBe(sequential);
  });

  it.skipIf(!built)(skipped("the CLI: --jobs 2 writes the bytes of --jobs 1, with the rules as configured"), () => {
    const path = write(edit([{ kind: "amount", at: 0.7 }, { kind: "bare", at: 0.4 }]));
    const run = (jobs: string, format: string) =>
      spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "check", path, "-f", format, "--jobs", jobs, "--lang", "en", "--rule", "indicator/qualitative=off"], {
        env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0" },
        encoding: "utf8",
        maxBuffer: 64 << 20,
      });
    for (const format of ["json", "pretty", "summary"]) {
      const one = run("1", format);
      const two = run("2", format);
      expect([one.status, two.status]).toEqual([1, 1]);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stdout).toContain("amount/unit-rollup");
      // The --rule setting reached the worker.
      expect(two.stdout).not.toContain("indicator/qualitative");
    }
  });
});

/** Run `body` with the temporary folder (os.tmpdir()) at `root`; this test file's thread has its own environment. */
async function withTmpdir(root: string, body: () => Promise<void>): Promise<void> {
  const names = ["TMPDIR", "TMP", "TEMP"] as const;
  const saved = names.map((name) => process.env[name]);
  for (const name of names) process.env[name] = root;
  try {
    expect(tmpdir()).toBe(root);
    await body();
  } finally {
    names.forEach((name, i) => {
      if (saved[i] === undefined) delete process.env[name];
      else process.env[name] = saved[i];
    });
  }
}

/**
 * The base table as a spreadsheet exports it after Alt+Enter was typed in its cells: every 绩效指标
 * cell one indicator per line, and goals broken after their first clause, each quoted (`"…"`); a few
 * goals with quotes (`""`). Each line after a break looks like a row that opens a unit (its goal and
 * indicator cells are not on it): a cut there would be inside a cell.
 */
function exported(lines: readonly string[] = LINES): string {
  return lines
    .map((line, i) => {
      const cells = line.split("\t");
      if (i <= HEADER_AT + 1 || cells.length < 7 || cells[6] === "") return line;
      const goal = i % 7 === 0 ? `落实"十四五"规划，${cells[5]}` : cells[5]!.replace("，", "，\n");
      const quote = (text: string) => (/["\t\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
      return [...cells.slice(0, 5), quote(goal), quote(cells[6]!.replace(/。(?=\d+、)/g, "。\n"))].join("\t");
    })
    .join("\n");
}

describe("a big table exported with quoted multi-line cells", () => {
  it.skipIf(!built)(skipped("is never cut inside a cell: the parts give the sequential report wherever the cuts are asked for"), async () => {
    const text = exported();
    const path = write(text);
    const lines = text.split("\n");
    // (Most of the lines are inside cells.)
    expect(lines.length).toBeGreaterThan(3 * LINES.length);
    const before = { ...partStats };
    for (const at of [[0.1], [0.25, 0.5, 0.75], [0.33, 0.34, 0.35], [0.61, 0.9]]) {
      const { sequential, parted, report } = await both(path, { threads: at.length + 1, splitAt: at });
      expect(parted).toBe(sequential);
      expect(report.diagnostics.length).toBeGreaterThan(100);
    }
    // The table is still read in parts (cut at its unit rows).
    expect(partStats.taken - before.taken).toBeGreaterThan(4);
  });

  it.skipIf(!built)(skipped("the CLI: check and convert --jobs 2 write the bytes of --jobs 1 (UTF-8, and check in GB18030)"), () => {
    for (const [bytes, commands] of [
      [Buffer.from(exported()), [["check", "-f", "json"], ["convert", "--to", "ndjson"]]],
      [iconv.encode(exported(), "gb18030"), [["check", "-f", "json"]]],
    ] as const) {
      const path = write(bytes);
      const run = (args: readonly string[], jobs: string) =>
        spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, ...args, path, "--jobs", jobs], { env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0" }, maxBuffer: 256 << 20 });
      for (const args of commands) {
        const one = run(args, "1");
        const two = run(args, "2");
        expect(two.status).toBe(one.status);
        expect(one.status).toBeLessThan(2);
        expect(two.stdout.equals(one.stdout)).toBe(true);
        // (The goals with quotes, unquoted: NDJSON has them.)
        if ((args as readonly string[]).includes("ndjson")) expect(one.stdout.toString()).toContain('落实\\"十四五\\"规划');
      }
    }
  });

  it.skipIf(!built)(skipped("convert --to csv --escape-formulas: the workers' parts escape the cells as the main thread does"), () => {
    // Projects in the last third of the table (read by a worker) named as formulas.
    const from = Math.floor(LINES.length * 0.7);
    const formulas = LINES.map((line, i) => (i > from && line.split("\t").length >= 7 && line.split("\t")[6] !== "" ? `=${line}` : line));
    const path = write(formulas.join("\n"));
    const run = (jobs: string) =>
      spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "convert", path, "--to", "csv", "--escape-formulas", "--jobs", jobs], { env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0" }, maxBuffer: 256 << 20 });
    const one = run("1");
    const two = run("2");
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    const text = one.stdout.toString();
    expect(text).toMatch(/\r\n[^,\r\n]*,万元,[^,\r\n]*,'=/);
    expect(text).not.toMatch(/\r\n[^,\r\n]*,万元,[^,\r\n]*,=/);
  });

  it.skipIf(!built)(skipped("converting in parts writes the bytes of one thread"), async () => {
    const path = write(exported());
    const before = partStats.taken;
    for (const format of ["json", "ndjson", "csv"] as const) {
      const one = await convert(path, format);
      const parted = await convert(path, format, { threads: 3, at: [0.3, 0.6] });
      expect(parted.out.equals(one.out)).toBe(true);
      expect(parted.diagnostics).toBe(one.diagnostics);
    }
    expect(partStats.taken - before).toBeGreaterThan(2);
  });
});

/**
 * Convert a file on one thread, or in parts: the bytes written, the tables and the findings.
 * `onWrite` runs at each write to the output (the parts' temporary folder exists meanwhile).
 */
async function convert(path: string, format: ConvertFormat, split?: { threads: number; at?: readonly number[]; workerUrl?: URL; onWrite?: () => void }) {
  const pieces: Buffer[] = [];
  const bytes = readFileSync(path);
  const output = (b: string | Uint8Array) => {
    split?.onWrite?.();
    pieces.push(Buffer.from(b));
  };
  const result = await convertStreamed(path, bytes.subarray(0, 65536), format, output, "auto", split && {
    threads: split.threads,
    size: bytes.length,
    splitBytes: 0,
    workerUrl: split.workerUrl ?? pathToFileURL(WORKER),
    at: split.at,
    writeBytes: output,
  });
  return { out: Buffer.concat(pieces), tables: result.tables, diagnostics: JSON.stringify(result.diagnostics) };
}

describe("converting a big table in parts", () => {
  it.skipIf(!built)(skipped("writes the bytes of one thread, in every format, wherever the cuts fall"), async () => {
    const before = { ...partStats };
    let syntax = 0;
    const edits = fc.array(
      fc.record({ kind: fc.constantFrom<Edit["kind"]>("bare", "bare", "amount", "syntax", "syntax", "duplicate", "drop", "header", "table", "byte"), at: SPREAD }),
      { maxLength: 5 },
    );
    const cuts = fc.uniqueArray(fc.double({ min: 0.02, max: 0.98, noNaN: true }), { minLength: 1, maxLength: 3 }).map((a) => a.sort((x, y) => x - y));
    await fc.assert(
      fc.asyncProperty(edits, cuts, fc.constantFrom<ConvertFormat>("json", "ndjson", "csv"), async (e, at, format) => {
        const path = write(edit(e));
        const one = await convert(path, format);
        const parted = await convert(path, format, { threads: at.length + 1, at });
        expect(parted.tables).toBe(one.tables);
        expect(parted.diagnostics).toBe(one.diagnostics);
        if (e.some((x) => x.kind === "syntax")) syntax++;
        expect(parted.out.equals(one.out)).toBe(true);
      }),
      { numRuns: 20, seed: 20261128 },
    );
    expect(partStats.taken - before.taken).toBeGreaterThan(8);
    expect(syntax).toBeGreaterThan(3); // runs whose parts hold the reader's own findings
  });

  it.skipIf(!built)(skipped("falls back to one thread when a worker fails, and leaves no temporary file"), async () => {
    const path = write(BASE);
    const one = await convert(path, "csv");
    // The parts' temporary folders are made in a temporary folder of this test's own: counted in the
    // shared one, they were mixed up with the perftable-convert-* folders that other test files
    // (running meanwhile on other threads) and other processes make and remove.
    const root = mkdtempSync(join(dir, "tmp-"));
    const used = new Set<string>();
    const onWrite = () => readdirSync(root).forEach((name) => used.add(name));
    await withTmpdir(root, async () => {
      const again = partStats.readAgain;
      const parted = await convert(path, "csv", { threads: 2, workerUrl: new URL("../audit/crashing-worker.mjs", import.meta.url), onWrite });
      expect(partStats.readAgain - again).toBe(1);
      expect(parted.out.equals(one.out)).toBe(true);
      expect(readdirSync(root)).toEqual([]);
      const taken = await convert(path, "json", { threads: 3, onWrite });
      expect(taken.out.equals((await convert(path, "json")).out)).toBe(true);
    });
    // Each conversion had a folder of its own there while it wrote, and removed it.
    expect([...used]).toEqual([expect.stringMatching(/^perftable-convert-/), expect.stringMatching(/^perftable-convert-/)]);
    expect(readdirSync(root)).toEqual([]);
  });

  it.skipIf(!built)(skipped("the CLI: convert --jobs 2 writes the bytes of --jobs 1, also without a usable temporary folder"), () => {
    const path = write(edit([{ kind: "bare", at: 0.5 }]));
    const run = (jobs: string, to: string, env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "convert", path, "--to", to, "--jobs", jobs], { env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0", ...env }, maxBuffer: 256 << 20 });
    const noTemp = run("2", "json", { TMPDIR: join(dir, "missing") });
    expect(noTemp.status).toBe(0);
    expect(noTemp.stdout.equals(run("1", "json").stdout)).toBe(true);
    for (const to of ["json", "csv"]) {
      const one = run("1", to);
      const two = run("2", to);
      expect([one.status, two.status]).toEqual([0, 0]);
      expect(one.stdout.length).toBeGreaterThan(1e6);
      expect(two.stdout.equals(one.stdout)).toBe(true);
      expect(two.stderr.toString()).toBe(one.stderr.toString());
    }
  });

  it.skipIf(!built || process.platform === "win32")(skipped("Ctrl-C during a conversion in parts removes the parts' temporary files and ends by the signal"), async () => {
    const path = write(BASE);
    const tmp = mkdtempSync(join(dir, "tmp-"));
    // Standard output is never read: the main thread waits on it, the workers write their parts.
    const child = spawn(process.execPath, [`${ROOT}bin/perftable.js`, "convert", path, "--jobs", "2"], {
      env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0", TMPDIR: tmp, TEMP: tmp, TMP: tmp },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const parts = () => readdirSync(tmp).flatMap((name) => readdirSync(join(tmp, name)));
    const { before, signal } = await interruptOnce(child, parts);
    expect(before).toEqual(["part-0"]);
    expect(signal).toBe("SIGINT");
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe.each([
  ["资金来源 over the sources", "项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效目标\t绩效指标", "\t\t财政拨款\t财政专户拨款\t其他资金\t\t"],
  // A first row that is no header alone (held until the second row completes it), and repeated.
  ["绩效信息 over 绩效目标 and 绩效指标 too", "项目名称（资金使用单位）\t总计\t资金来源\t\t\t绩效信息\t", "\t\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"],
])("footnotes and a two-row header (%s) in a table read in parts", (_shape, TOP, SECOND) => {
  const TABS = "\t".repeat(6);
  /**
   * The big table with a two-row header, and before each unit row a note (continued on a numbered
   * line, or followed by blank lines, its label in a cell of its own or not), or a page break repeating both header rows after a note; more
   * notes after the last row. Returns the text, the notes and the lines where cuts are looked for.
   */
  function layouts(): { text: string; notes: number; near: number[] } {
    const out: string[] = [];
    const near: number[] = [];
    let notes = 0;
    LINES.forEach((line, i) => {
      if (i === HEADER_AT) return void out.push(TOP, SECOND);
      const cells = line.split("\t");
      if (i > HEADER_AT + 1 && cells.length > 6 && cells[5] === "" && cells[6] === "") {
        near.push(out.length);
        notes++;
        if (notes % 3 === 0) out.push(`注：第${notes}页金额单位为万元。`, `2.本页续上页。${TABS}`);
        else if (notes % 3 === 1) out.push(notes % 2 === 1 ? `说明：以下为第${notes}个资金使用单位。${TABS}` : `说明：\t以下为第${notes}个资金使用单位。\t\t\t\t\t`, "", "");
        else out.push(`备注：第${notes}页。`, "", TOP, SECOND);
        near.push(out.length - 1);
      }
      out.push(line);
    });
    out.push("注：1.本表金额单位为万元。", "2.数据来源于部门预算编制系统。", "填表说明：金额保留两位小数。");
    return { text: out.join("\n") + "\n", notes: notes + 2, near };
  }
  const { text, notes, near } = layouts();
  const path = write(text);
  /** Cut places right at notes, their continuations and repeated header rows (as fractions of the file). */
  const atNotes = (picks: number[]) => {
    const offsets = text.split("\n").map((_, i, lines) => Buffer.byteLength(lines.slice(0, i).join("\n")) + (i > 0 ? 1 : 0));
    return picks.map((k) => offsets[near[k % near.length]!]! / Buffer.byteLength(text)).sort((a, b) => a - b);
  };

  it.skipIf(!built)(skipped("checks as the table without them, and as one thread, wherever the cuts fall"), async () => {
    const what = (r: FileReport) => r.diagnostics.map((d) => `${d.ruleId} ${d.messageId} ${d.project ?? ""} ${JSON.stringify(d.data)}`);
    const plain = await checkFile(write(BASE), { threads: 1 });
    for (const at of [atNotes([3, 17, 40]), atNotes([4, 9]), atNotes([10, 11, 12]), [0.3, 0.6]]) {
      const taken = partStats.taken;
      const { sequential, parted, report } = await both(path, { threads: at.length + 1, splitAt: at });
      expect(partStats.taken - taken).toBeGreaterThan(0);
      expect(parted).toBe(sequential);
      expect(what(report)).toEqual(what(plain));
    }
  });

  it.skipIf(!built)(skipped("converts to the bytes of one thread, with every footnote in the JSON"), async () => {
    for (const at of [atNotes([5, 6, 7]), atNotes([20]), [0.25, 0.5, 0.75]]) {
      for (const format of ["json", "ndjson", "csv"] as const) {
        const taken = partStats.taken;
        const one = await convert(path, format);
        const parted = await convert(path, format, { threads: at.length + 1, at });
        expect(partStats.taken - taken).toBeGreaterThan(0);
        expect(parted.diagnostics).toBe(one.diagnostics);
        expect(parted.out.equals(one.out)).toBe(true);
        if (format === "json") {
          const doc = JSON.parse(one.out.toString()) as TableDocument;
          expect(doc.footnotes).toHaveLength(notes);
          expect(doc.footnotes!.at(-2)).toMatchObject({ text: "注：1.本表金额单位为万元。\n2.数据来源于部门预算编制系统。" });
          expect(doc.header!.columns.map((c) => c.key)).toEqual(["name", "total", "appropriation", "specialAccount", "other", "goal", "indicators"]);
        }
      }
    }
  });
});

describe("auditing a big table in parts", () => {
  it.skipIf(!built)(skipped("audit of a few files, one of them big: --jobs 2 writes the bytes of --jobs 1 in every format but html"), () => {
    const big = write(edit([{ kind: "amount", at: 0.6 }, { kind: "syntax", at: 0.8 }]));
    const run = (jobs: string, format: string) =>
      spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "audit", big, `${ROOT}fixtures/seed-guangzhou-finance-bureau.txt`, "-f", format, "--jobs", jobs, "--no-progress", "--lang", "en"], {
        env: { ...process.env, PERFTABLE_SPLIT_BYTES: "0" },
        encoding: "utf8",
        maxBuffer: 64 << 20,
      });
    for (const format of ["json", "ndjson", "csv", "table"]) {
      const one = run("1", format);
      const two = run("2", format);
      expect([one.status, two.status]).toEqual([1, 1]);
      expect(two.stdout).toBe(one.stdout);
      if (format === "json") expect(one.stdout).toContain("amount/unit-rollup");
    }
  });
});

