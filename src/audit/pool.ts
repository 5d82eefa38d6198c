// Runs an audit's files on worker threads (batches of paths out, per-file reports back) or, for small
// runs, in-process; hands the reports on strictly in input order, buffering only the early finishers.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { byteSetting } from "../io/read-input.js";
import { auditFile } from "./check-file.js";
import { findWorkerScript, WORKER_YOUNG_GENERATION_MB } from "./worker-script.js";
import { deserializeConfig, type AuditCheckSettings, type AuditFileReport } from "./types.js";
import type { WorkerRequest, WorkerResponse } from "./worker.js";

/** Receives each report in input order (index 0, 1, 2, …); may return a promise (backpressure). */
export type ReportHandler = (report: AuditFileReport, index: number) => void | Promise<void>;

export interface AuditPoolOptions {
  /** Worker threads; default os.availableParallelism(). 1 checks in-process. */
  jobs?: number;
  settings: AuditCheckSettings;
  /**
   * The worker script. Default: worker.js beside this module (dist/worker.js next to dist/cli.cjs)
   * when it exists; null or a missing file: check in-process.
   */
  workerUrl?: URL | null;
  /** Called after each file is checked (in completion order). */
  onProgress?: (done: number, total: number) => void;
  /** Below this many bytes of input, check in-process (default: `minParallelBytes(jobs)`). */
  minParallelBytes?: number;
  /** Checked in-process, a text table from this size uses the jobs in parts (default 16 MiB). */
  splitBytes?: number;
}

/** How the files were checked (for tests and diagnostics of performance). */
export interface AuditPoolStats {
  threads: number;
  batches: number;
}

/** At most this many reports wait for an earlier slow file before new batches are held back. */
const MAX_AHEAD = 2048;
/** Batches a worker holds at once: one running, one queued so it never waits for the main thread. */
const BATCHES_PER_WORKER = 2;
/**
 * Heap limits of a worker. Checking a ~40 KB table keeps a few MB live (and ~30 MB of caches), but
 * V8 lets an unbounded heap grow far beyond that (two uncapped workers: ~490 MiB for 10,000 files).
 * The young generation is where a check's short-lived objects die: at 48 MB the collector copies far
 * less than at 16 MB (10,000 files on two workers: 8.2 s, 278 MiB at 16 MB; 7.3 s, 330 MiB at 48 MB;
 * 32 MB is slower and no smaller). Memory stays flat whatever the number of files.
 * A file too big for these limits kills its worker: its batch is checked again on the main thread,
 * which has no such limit, and a new worker takes over.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };

/**
 * How much input makes worker threads worth starting. Each worker parses the checker and warms it
 * up on its own, so a few hundred small tables check faster in one thread (2 cores: 300 files of
 * ~40 KB 0.61 s in one thread, 0.76 s on two workers; 1,000 files 1.34 s and 1.29 s). The more jobs,
 * the sooner they pay off. PERFTABLE_MIN_PARALLEL_BYTES sets it (0: always use workers).
 */
export function minParallelBytes(jobs: number, env: NodeJS.ProcessEnv = process.env): number {
  return byteSetting(env, "PERFTABLE_MIN_PARALLEL_BYTES") ?? Math.round((16 * 1024 * 1024) / (1 - 1 / Math.max(2, jobs)));
}

/** Whether the files add up to at least `bytes` (stops as soon as they do; missing files count 0). */
function atLeastBytes(files: readonly string[], cwd: string, bytes: number): boolean {
  let total = 0;
  for (const file of files) {
    if (total >= bytes) return true;
    try {
      total += statSync(resolve(cwd, file)).size;
    } catch {
      // reported when it is checked
    }
  }
  return total >= bytes;
}

/** The default number of jobs: the cores Node may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Hands items on in index order, whatever order they arrive in; one delivery at a time. */
export class OrderedDelivery<T> {
  /** Index of the next item to hand on. */
  next = 0;
  private readonly waiting = new Map<number, T>();
  private chain: Promise<void> = Promise.resolve();
  private error: unknown = null;

  constructor(private readonly deliver: (item: T, index: number) => void | Promise<void>) {}

  /** Items that arrived before their turn. */
  get buffered(): number {
    return this.waiting.size;
  }

  push(index: number, item: T): void {
    this.waiting.set(index, item);
    while (this.waiting.has(this.next)) {
      const i = this.next++;
      const value = this.waiting.get(i)!;
      this.waiting.delete(i);
      this.chain = this.chain.then(() => (this.error === null ? this.deliver(value, i) : undefined)).catch((e: unknown) => {
        this.error ??= e;
      });
    }
  }

  /** Resolves when every item handed on so far has been delivered; rejects with a delivery error. */
  async settled(): Promise<void> {
    await this.chain;
    if (this.error !== null) throw this.error;
  }
}

/** Check `files` and hand each report to `onReport` in input order. Resolves when all are delivered. */
export async function auditFiles(files: readonly string[], options: AuditPoolOptions, onReport: ReportHandler): Promise<AuditPoolStats> {
  const jobs = Math.max(1, options.jobs ?? defaultJobs());
  const workerUrl = options.workerUrl === undefined ? findWorkerScript() : options.workerUrl;
  const delivery = new OrderedDelivery(onReport);
  const small = files.length < 2 * jobs || !atLeastBytes(files, options.settings.cwd, options.minParallelBytes ?? minParallelBytes(jobs));
  if (jobs === 1 || small || workerUrl === null || !existsSync(fileURLToPath(workerUrl))) {
    // A few files on this thread: a big table among them may still use every core (in parts).
    await checkInProcess(files, 0, options, delivery, 0, jobs);
    return { threads: 0, batches: 0 };
  }
  const stats = await checkOnWorkers(files, jobs, workerUrl, options, delivery);
  await delivery.settled();
  return stats;
}

async function checkInProcess(files: readonly string[], from: number, options: AuditPoolOptions, delivery: OrderedDelivery<AuditFileReport>, done = from, threads = 1): Promise<void> {
  const config = deserializeConfig(options.settings.config);
  for (let i = from; i < files.length; i++) {
    delivery.push(i, await auditFile(files[i]!, options.settings, config, { threads, splitBytes: options.splitBytes }));
    done++;
    options.onProgress?.(done, files.length);
    await delivery.settled();
  }
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered: batch id → index of its first file and its size. */
  pending: Map<number, { start: number; count: number }>;
  alive: boolean;
}

function checkOnWorkers(
  files: readonly string[],
  jobs: number,
  workerUrl: URL,
  options: AuditPoolOptions,
  delivery: OrderedDelivery<AuditFileReport>,
): Promise<AuditPoolStats> {
  const total = files.length;
  // Batches of several files cut messaging overhead; small enough to keep every worker busy to the end.
  const batchSize = Math.max(1, Math.min(32, Math.ceil(total / (jobs * 8))));
  const threads = Math.min(jobs, Math.ceil(total / batchSize));
  const config = deserializeConfig(options.settings.config);
  let nextFile = 0;
  let nextBatch = 0;
  let done = 0;
  let spawned = 0;
  let finished = false;
  /** Files of batches whose worker died (out of memory on a huge file, a crash): checked here instead. */
  const retry: number[] = [];
  let retrying = false;

  return new Promise((resolve, reject) => {
    const slots: Slot[] = [];

    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const s of slots) void s.worker.terminate();
      if (error !== undefined) reject(error);
      else resolve({ threads, batches: nextBatch });
    };

    const accept = (index: number, report: AuditFileReport) => {
      delivery.push(index, report);
      done++;
      options.onProgress?.(done, total);
    };

    const dispatch = () => {
      if (finished) return;
      const live = slots.filter((s) => s.alive);
      if (live.length === 0 && nextFile < total) {
        // No worker left: the rest is checked here.
        for (; nextFile < total; nextFile++) retry.push(nextFile);
        void drainRetries();
      }
      for (const slot of live) {
        while (slot.pending.size < BATCHES_PER_WORKER && nextFile < total && nextFile - delivery.next < MAX_AHEAD) {
          const start = nextFile;
          const count = Math.min(batchSize, total - start);
          nextFile += count;
          const batch = nextBatch++;
          slot.pending.set(batch, { start, count });
          slot.worker.postMessage({ batch, files: files.slice(start, start + count) } satisfies WorkerRequest);
        }
      }
      if (done === total) finish();
    };

    const drainRetries = async () => {
      if (retrying) return;
      retrying = true;
      try {
        while (retry.length > 0 && !finished) {
          const index = retry.shift()!;
          accept(index, await auditFile(files[index]!, options.settings, config));
          await delivery.settled();
        }
      } catch (error) {
        finish(error);
      }
      retrying = false;
      dispatch();
    };

    const fail = (slot: Slot) => {
      if (!slot.alive || finished) return;
      slot.alive = false;
      for (const { start, count } of slot.pending.values()) for (let i = start; i < start + count; i++) retry.push(i);
      slot.pending.clear();
      // One replacement per original worker at most: a worker script that cannot start does not loop.
      if (spawned < threads * 2 && nextFile < total) spawn();
      void drainRetries();
      dispatch();
    };

    const spawn = () => {
      spawned++;
      const worker = new Worker(workerUrl, { workerData: options.settings, resourceLimits: WORKER_LIMITS });
      const slot: Slot = { worker, pending: new Map(), alive: true };
      slots.push(slot);
      worker.on("message", (response: WorkerResponse) => {
        const sent = slot.pending.get(response.batch);
        if (!sent) return;
        slot.pending.delete(response.batch);
        response.reports.forEach((report, k) => accept(sent.start + k, report));
        // Wait for slow output (a pipe) before sending more, so results do not pile up.
        delivery.settled().then(dispatch, (e: unknown) => finish(e));
      });
      worker.on("error", () => fail(slot));
      worker.on("exit", () => fail(slot));
    };

    for (let t = 0; t < threads; t++) spawn();
    dispatch();
  });
}
