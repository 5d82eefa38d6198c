// The audit pool: in-order delivery whatever the completion order, in-process checking, and (when
// the bundle is built) real worker threads giving the same reports as one thread.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { auditFiles, minParallelBytes, OrderedDelivery } from "../../src/audit/pool.js";
import { findWorkerScript } from "../../src/audit/worker-script.js";
import { serializeConfig, type AuditCheckSettings, type AuditFileReport } from "../../src/audit/types.js";
import { expandInputs } from "../../src/io/inputs.js";
import { defaultConfig } from "../../src/validate/run.js";
import { ROOT } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

/** The fixture folder is far too small to be worth worker threads: these tests insist on them. */
const FORCE_WORKERS = { ...process.env, PERFTABLE_MIN_PARALLEL_BYTES: "0" };

const settings: AuditCheckSettings = { encoding: "auto", config: serializeConfig(defaultConfig()), cwd: ROOT, keep: Infinity, excerpts: 0 };
const files = expandInputs([`${ROOT}fixtures/audit`]).files;

async function collect(options: Parameters<typeof auditFiles>[1]) {
  const reports: AuditFileReport[] = [];
  const indexes: number[] = [];
  const progress: number[] = [];
  const stats = await auditFiles(files, { ...options, onProgress: (done) => progress.push(done) }, (report, index) => {
    reports.push(report);
    indexes.push(index);
  });
  return { reports, indexes, progress, stats };
}

describe("OrderedDelivery", () => {
  it("hands items on in index order and buffers only early ones", async () => {
    const seen: string[] = [];
    const delivery = new OrderedDelivery<string>(async (item, index) => {
      await new Promise((r) => setTimeout(r, 1));
      seen.push(`${index}:${item}`);
    });
    delivery.push(2, "c");
    delivery.push(1, "b");
    expect(delivery.buffered).toBe(2);
    expect(delivery.next).toBe(0);
    delivery.push(0, "a");
    expect(delivery.buffered).toBe(0);
    delivery.push(4, "e");
    delivery.push(3, "d");
    await delivery.settled();
    expect(seen).toEqual(["0:a", "1:b", "2:c", "3:d", "4:e"]);
  });

  it("stops delivering after a failure and reports it", async () => {
    const seen: number[] = [];
    const delivery = new OrderedDelivery<number>((n) => {
      if (n === 1) throw new Error("disk full");
      seen.push(n);
    });
    [0, 1, 2].forEach((n) => delivery.push(n, n));
    await expect(delivery.settled()).rejects.toThrow("disk full");
    expect(seen).toEqual([0]);
  });
});

describe("auditFiles in-process", () => {
  it("falls back to in-process checking when there is no worker script (TypeScript sources)", () => {
    expect(findWorkerScript()).toBeNull();
  });

  it("delivers every file once, in order, with progress, for --jobs 1 and 2", async () => {
    const one = await collect({ jobs: 1, settings });
    const two = await collect({ jobs: 2, settings });
    expect(one.stats.threads).toBe(0);
    expect(two.stats.threads).toBe(0);
    expect(one.indexes).toEqual(files.map((_, i) => i));
    expect(one.reports.map((r) => r.path)).toEqual(files);
    expect(one.progress).toEqual(files.map((_, i) => i + 1));
    expect(two.reports).toEqual(one.reports);
    expect(one.reports.every((r) => r.source === undefined && r.excerpts === undefined)).toBe(true);
  });

  it("keeps the offending text of findings only when asked", async () => {
    const { reports } = await collect({ jobs: 1, settings: { ...settings, excerpts: 3 } });
    const broken = reports[0]!;
    expect(broken.excerpts).toEqual(["15,810.92", "15,810.92", "金融项目评审专项经费"]);
    expect(broken.source).toBeUndefined();
  });
});

describe("auditFiles on a small batch", () => {
  it("checks it in one thread: starting workers would cost more than they save", async () => {
    const { stats, reports } = await collect({ jobs: 2, settings, workerUrl: pathToFileURL(WORKER) });
    expect(stats).toEqual({ threads: 0, batches: 0 });
    expect(reports).toHaveLength(files.length);
  });

  it("has a threshold that falls as jobs rise, and can be set", () => {
    expect(minParallelBytes(2, {})).toBeGreaterThan(minParallelBytes(8, {}));
    expect(minParallelBytes(2, {})).toBeGreaterThan(10 * 1024 * 1024);
    expect(minParallelBytes(2, { PERFTABLE_MIN_PARALLEL_BYTES: "0" })).toBe(0);
    expect(minParallelBytes(2, { PERFTABLE_MIN_PARALLEL_BYTES: "nonsense" })).toBe(minParallelBytes(2, {}));
  });
});

describe("auditFiles when workers die", () => {
  it("checks the batch of a dead worker on the main thread and goes on with a new worker", async () => {
    const { reports, indexes, progress, stats } = await collect({ jobs: 2, settings, workerUrl: new URL("./crashing-worker.mjs", import.meta.url), minParallelBytes: 0 });
    expect(stats.threads).toBe(2);
    expect(indexes).toEqual(files.map((_, i) => i));
    expect(progress).toHaveLength(files.length);
    const binary = files.findIndex((f) => f.endsWith("binary.txt"));
    // The dead worker's batch was checked for real; the other files come from the stand-in.
    expect(reports[binary]).toMatchObject({ encoding: null, errorCount: 1, unreadable: "binary" });
    expect(reports.filter((r) => r.encoding === "stub").length).toBeGreaterThan(0);
    expect(reports.map((r) => r.path)).toEqual(files);
  });

  it("checks everything on the main thread when no worker can start", async () => {
    const inProcess = await collect({ jobs: 1, settings });
    const fallback = await collect({ jobs: 2, settings, workerUrl: new URL("./broken-worker.mjs", import.meta.url) });
    expect(fallback.reports).toEqual(inProcess.reports);
    expect(fallback.progress).toEqual(files.map((_, i) => i + 1));
  });
});

const CLI = `${ROOT}dist/cli.cjs`;
const WORKER = `${ROOT}dist/worker.js`;
const built = existsSync(CLI) && existsSync(WORKER);

describe("the built bundle (dist/cli.cjs + dist/worker.js)", () => {
  const title = "checks on worker threads with the same results and order as in-process";
  it.skipIf(!built)(built ? title : `${title} — SKIPPED: dist/cli.cjs is not built (run npm run build; CI builds before testing)`, async () => {
    const inProcess = await collect({ jobs: 1, settings });
    const threaded = await collect({ jobs: 2, settings, workerUrl: pathToFileURL(WORKER), minParallelBytes: 0 });
    expect(threaded.stats.threads).toBe(2);
    expect(threaded.stats.batches).toBeGreaterThan(2);
    expect(threaded.indexes).toEqual(files.map((_, i) => i));
    expect(threaded.reports).toEqual(inProcess.reports);

    // The whole CLI as users run it: the same bytes with one job and with two.
    const run = (jobs: string) =>
      spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "audit", "fixtures/audit", "-f", "ndjson", "--jobs", jobs, "--rule", "indicator/qualitative=off"], { cwd: ROOT, encoding: "utf8", env: FORCE_WORKERS });
    const one = run("1");
    const two = run("2");
    expect([one.status, two.status]).toEqual([1, 1]);
    expect(two.stdout).toBe(one.stdout);
    // The --rule setting reached the workers.
    expect(two.stdout).not.toContain("indicator/qualitative");
    expect(two.stdout).toContain("indicator/no-unit");
    expect(one.stdout.trimEnd().split("\n").slice(0, -1).map((l) => JSON.parse(l).path)).toEqual(files.map((f) => f.slice(ROOT.length)));

    // Workers make the json and ndjson entries (as UTF-8 bytes): with both at once, and a report
    // beside them that needs the findings themselves (html), every output is the same as in-process.
    const dir = tempDir("perftable-pool-");
    const all = (jobs: string) => {
      const r = spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "audit", "fixtures/audit", "-f", "json", "--jobs", jobs, "--report", `ndjson=${dir}/${jobs}.ndjson`, "--report", `html=${dir}/${jobs}.html`, "--lang", "zh"], { cwd: ROOT, encoding: "utf8", env: FORCE_WORKERS });
      return { status: r.status, json: r.stdout, ndjson: readFileSync(`${dir}/${jobs}.ndjson`, "utf8"), html: readFileSync(`${dir}/${jobs}.html`, "utf8") };
    };
    const inOne = all("1");
    const inTwo = all("2");
    expect(inTwo).toEqual(inOne);
    expect(JSON.parse(inOne.json).files.map((f: { path: string }) => f.path)).toEqual(files.map((f) => f.slice(ROOT.length)));
    expect(inOne.ndjson.trimEnd().split("\n")).toHaveLength(files.length + 1);
  });
});
