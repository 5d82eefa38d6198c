/** Benchmark runner (SPEC §7): generates the corpus, times whole processes against a plain-Node baseline, prints ratios and goals. */
// Usage: node bench/run.mjs [--quick] [--runs N] [--cold-runs N] [--only big,cold,files,patho] [--json out.json] [--skip-perftable] [--timeout S]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { clearInterval, setInterval } from "node:timers";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./generate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TIME_BIN = "/usr/bin/time";
const GROUPS = ["big", "cold", "files", "patho"];
const SEED = "fixtures/seed-guangzhou-finance-bureau.txt";
const USAGE = "usage: node bench/run.mjs [--quick] [--runs N] [--cold-runs N] [--only big,cold,files,patho] [--json out.json] [--skip-perftable] [--timeout S]";

/** Parses the command line; returns the options or a usage error string. */
function parseArgs(argv) {
  const options = { quick: false, runs: undefined, coldRuns: undefined, only: GROUPS, json: undefined, skipPerftable: false, timeoutS: 600 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const count = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    if (arg === "--quick") options.quick = true;
    else if (arg === "--runs") options.runs = count();
    else if (arg === "--cold-runs") options.coldRuns = count();
    else if (arg === "--timeout") options.timeoutS = count();
    else if (arg === "--json") options.json = argv[++i];
    else if (arg === "--skip-perftable") options.skipPerftable = true;
    else if (arg === "--only") {
      options.only = String(argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = options.only.filter((g) => !GROUPS.includes(g));
      if (unknown.length > 0 || options.only.length === 0) throw new Error(`--only takes ${GROUPS.join(",")}`);
    } else if (arg === "--help" || arg === "-h") throw new Error("");
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.json === "") throw new Error("--json needs a file name");
  options.runs ??= options.quick ? 1 : 3;
  options.coldRuns ??= options.quick ? 5 : 20;
  return options;
}

/** Checks that GNU time can report peak RSS (%M) here. */
function probeTime(tmpDir) {
  if (!existsSync(TIME_BIN)) return false;
  const file = join(tmpDir, "probe");
  const r = spawnSync(TIME_BIN, ["-f", "%M", "-o", file, process.execPath, "-e", "0"], { stdio: "ignore" });
  return r.status === 0 && existsSync(file) && /^\d+\s*$/.test(readFileSync(file, "utf8"));
}

/** Returns Miller's version line, or null when `mlr` is not on PATH. */
function probeMiller() {
  const r = spawnSync("mlr", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Reads a process's peak RSS (VmHWM, KiB) from /proc, or 0. */
function readHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const running = new Set();
process.on("SIGINT", () => {
  for (const pid of running) {
    try { process.kill(-pid, "SIGKILL"); } catch { /* already gone */ }
  }
  process.exit(130);
});

/**
 * Runs argv as a whole process from the repository root; resolves to wall time (ms), peak RSS (KiB), exit code,
 * signal, whether it timed out, and the start of its stderr (and stdout when `captureStdout`).
 */
function measure(argv, { tmpDir, useTime, timeoutS, captureStdout = false }) {
  // Several commands at once (argv is a list of them): wall time until the last ends, memory summed.
  if (Array.isArray(argv[0])) return measureTogether(argv, { tmpDir, useTime, timeoutS });
  return new Promise((resolve) => {
    const rssFile = join(tmpDir, "rss");
    rmSync(rssFile, { force: true });
    const [command, args] = useTime ? [TIME_BIN, ["-f", "%M", "-o", rssFile, ...argv]] : [argv[0], argv.slice(1)];
    const result = { wallMs: 0, rssKiB: 0, code: null, signal: null, timedOut: false, stderr: "", stdout: "", spawnError: null };
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", captureStdout ? "pipe" : "ignore", "pipe"], detached: true });
    running.add(child.pid);
    child.stderr.setEncoding("utf8").on("data", (d) => { if (result.stderr.length < 65536) result.stderr += d; });
    child.stdout?.setEncoding("utf8").on("data", (d) => { if (result.stdout.length < 65536) result.stdout += d; });
    const poll = useTime ? null : setInterval(() => { result.rssKiB = Math.max(result.rssKiB, readHwm(child.pid)); }, 20);
    const timer = setTimeout(() => {
      result.timedOut = true;
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }, timeoutS * 1000);
    child.on("exit", () => { result.wallMs = Number(process.hrtime.bigint() - started) / 1e6; });
    child.on("error", (error) => { result.spawnError = error.message; });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      running.delete(child.pid);
      result.code = code;
      result.signal = signal;
      if (useTime && existsSync(rssFile)) {
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        const last = lines.at(-1) ?? "";
        if (/^\d+$/.test(last)) result.rssKiB = Number(last);
        const killed = /terminated by signal (\d+)/.exec(lines.join("\n"));
        if (killed) result.signal = Number(killed[1]);
      }
      resolve(result);
    });
  });
}

/** Runs the commands at the same time (each with its own RSS file); the combined result. */
async function measureTogether(argvs, env) {
  const results = await Promise.all(argvs.map((argv, i) => {
    const dir = join(env.tmpDir, `together-${i}`);
    mkdirSync(dir, { recursive: true });
    return measure(argv, { ...env, tmpDir: dir });
  }));
  const failed = results.find((r) => r.spawnError || r.timedOut || r.signal || (r.code !== 0 && r.code !== 1));
  return { ...(failed ?? results[0]), wallMs: Math.max(...results.map((r) => r.wallMs)), rssKiB: results.reduce((sum, r) => sum + r.rssKiB, 0), code: Math.max(...results.map((r) => r.code ?? 0)) };
}

/** First non-empty line of a text, shortened. */
function firstLine(text) {
  const line = text.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}

/** Decides whether a run counts: { ok, status, note }. Exit 2 (usage error) means the command is not available. */
function classify(result, allowFindings) {
  if (result.spawnError) return { ok: false, status: "failed", note: result.spawnError };
  if (result.timedOut) return { ok: false, status: "failed", note: "timed out" };
  if (result.signal) return { ok: false, status: "failed", note: `killed by signal ${result.signal}` };
  if (result.code === 2) return { ok: false, status: "not available", note: firstLine(result.stderr) };
  if (/^\s+at .*:\d+:\d+\)?$/m.test(result.stderr) || /ERR_[A-Z_]{4,}|FATAL ERROR/.test(result.stderr)) {
    const error = result.stderr.split("\n").find((l) => /^\w*Error\b|ERR_[A-Z_]{4,}|FATAL ERROR/.test(l.trim()));
    return { ok: false, status: "failed", note: `crashed: ${firstLine(error ?? result.stderr)}` };
  }
  if (result.code === 0 || (allowFindings && result.code === 1)) return { ok: true, status: "ok", note: "" };
  return { ok: false, status: "failed", note: `exit ${result.code}: ${firstLine(result.stderr)}` };
}

/** Median of a non-empty list of numbers. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure: one command measured `runs` times. `unavailable` set beforehand skips it with that note. */
function figure(id, label, argv, { allowFindings = false, unavailable = null, captureStdout = false } = {}) {
  const status = !unavailable ? "pending" : unavailable.startsWith("skipped") ? "skipped" : "not available";
  return { id, label, argv, allowFindings, captureStdout, status, note: unavailable?.replace(/^skipped /, "") ?? "", runs: [], lastStdout: "" };
}

/** Runs the figures round-robin (run 1 of each, then run 2 …); a figure that fails is dropped with its status. */
async function runFigures(figures, runs, env, { warmUp = [] } = {}) {
  for (const id of warmUp) {
    const f = figures.find((x) => x.id === id && x.status === "pending");
    if (f) await measure(f.argv, env);
  }
  for (let r = 0; r < runs; r++) {
    for (const f of figures) {
      if (f.status !== "pending" && f.status !== "ok") continue;
      if (process.stderr.isTTY) process.stderr.write(`  ${f.label} (run ${r + 1}/${runs})…\r`);
      const result = await measure(f.argv, { ...env, captureStdout: f.captureStdout });
      const verdict = classify(result, f.allowFindings);
      if (process.stderr.isTTY) process.stderr.write(" ".repeat(70) + "\r");
      if (!verdict.ok) {
        f.status = verdict.status;
        f.note = verdict.note;
        continue;
      }
      f.status = "ok";
      f.lastStdout = result.stdout.trim();
      f.runs.push({ wallMs: result.wallMs, rssKiB: result.rssKiB, code: result.code });
    }
  }
}

/** Summary numbers of a figure, or null when it has no successful run. */
function summarize(f) {
  if (f.status !== "ok" || f.runs.length === 0) return null;
  const walls = f.runs.map((r) => r.wallMs);
  return { medianMs: median(walls), minMs: Math.min(...walls), maxMs: Math.max(...walls), peakRssMiB: Math.max(...f.runs.map((r) => r.rssKiB)) / 1024 };
}

const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;

/** Prints a group's table: median, min–max, ratio to its reference figure (if any), peak RSS. */
function printGroup(title, figures, refId, refName) {
  const ref = summarize(figures.find((f) => f.id === refId) ?? { status: "none" });
  const rows = [["figure", "runs", "median", "min–max", refId ? `× ${refName}` : "×", "peak RSS", "note"]];
  for (const f of figures) {
    const s = summarize(f);
    f.summary = s;
    f.ratio = s && ref ? s.medianMs / ref.medianMs : null;
    if (!s) {
      rows.push([f.label, "0", "—", "—", "—", "—", `${f.status}${f.note ? `: ${f.note}` : ""}`]);
      continue;
    }
    rows.push([
      f.label, String(f.runs.length), seconds(s.medianMs), `${seconds(s.minMs)}–${seconds(s.maxMs)}`,
      f.ratio === null ? "—" : `${f.ratio.toFixed(2)}×`, `${s.peakRssMiB.toFixed(0)} MiB`, f.lastStdout && f.id.startsWith("baseline") ? `${f.lastStdout} cells` : "",
    ]);
  }
  console.log(`\n${title}`);
  printRows(rows);
  for (const f of figures) console.log(`  ${f.label.padEnd(widthOf(rows)[0])}  $ ${displayCommand(f.argv)}`);
}

const widthOf = (rows) => rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));

/** Prints rows as an aligned plain-text table. */
function printRows(rows) {
  const widths = widthOf(rows);
  for (const [i, row] of rows.entries()) {
    console.log(`  ${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ")}`.trimEnd());
    if (i === 0) console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  }
}

/** Shows a command as one would type it (node instead of the full path of this Node). */
function displayCommand(argv) {
  if (Array.isArray(argv[0])) return argv.map(displayCommand).join("  &  ");
  return argv.map((a) => (a === process.execPath ? "node" : /[\s"']/.test(a) ? JSON.stringify(a) : a)).join(" ");
}

/** Machine description printed first and written to the JSON. */
function describeMachine(useTime, miller) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    rssMethod: useTime ? "/usr/bin/time -f %M" : "VmHWM polled every 20 ms",
    miller,
  };
}

/** Evaluates the SPEC §7 goals against the figures; each { goal, measured, status }. */
function evaluateGoals(byId, cores) {
  const goals = [];
  const get = (id) => byId.get(id)?.summary ?? null;
  const ratio = (id) => byId.get(id)?.ratio ?? null;
  const missing = (id) => `n/a: ${byId.get(id)?.status ?? "not run"}${byId.get(id)?.note ? ` (${byId.get(id).note})` : ""}`;
  const verdict = (ok) => (ok ? "PASS" : "FAIL");

  const check = get("check-big");
  goals.push({
    goal: "check of one 100 MB table ≤ 2.0× the baseline, peak memory ≤ 300 MiB",
    measured: check ? `${ratio("check-big").toFixed(2)}×, ${check.peakRssMiB.toFixed(0)} MiB` : "",
    status: check ? verdict(ratio("check-big") <= 2.0 && check.peakRssMiB <= 300) : missing("check-big"),
  });

  const convert = get("convert-big");
  const mlr = get("mlr-big");
  goals.push({
    goal: "convert of the same table faster than mlr --itsv --ojson cat, with less memory",
    measured: convert ? `${ratio("convert-big").toFixed(2)}×, ${convert.peakRssMiB.toFixed(0)} MiB${mlr ? ` vs mlr ${ratio("mlr-big").toFixed(2)}×, ${mlr.peakRssMiB.toFixed(0)} MiB` : ""}` : "",
    status: !convert ? missing("convert-big")
      : mlr ? verdict(convert.medianMs < mlr.medianMs && convert.peakRssMiB < mlr.peakRssMiB)
        : `${verdict(ratio("convert-big") < 1.9 && convert.peakRssMiB < 800)}: indicative, mlr not measured; against SPEC's recorded 1.9×, 800 MiB`,
  });

  const cold = get("check-seed");
  goals.push({
    goal: "cold perftable check of the seed ≤ 1.5× a bare node -e 0",
    measured: cold ? `${ratio("check-seed").toFixed(2)}× (${seconds(cold.medianMs)} vs ${seconds(get("node-e0")?.medianMs ?? NaN)})` : "",
    status: cold && ratio("check-seed") !== null ? verdict(ratio("check-seed") <= 1.5) : missing("check-seed"),
  });

  // On one core, --jobs 1 is "all cores"; otherwise only the --jobs <cores> figure counts.
  const auditNId = cores > 1 ? "audit-jN" : "audit-j1";
  const auditN = get(auditNId);
  const coreNote = cores === 2 ? "" : ` (SPEC measures on 2 cores; this machine has ${cores})`;
  goals.push({
    goal: `audit of the department files on all cores ≤ 1.8× the single-thread baseline${coreNote}`,
    measured: auditN ? `${ratio(auditNId).toFixed(2)}×` : "",
    status: auditN ? verdict(ratio(auditNId) <= 1.8) : missing(auditNId),
  });
  const audit1 = get("audit-j1");
  const speedUp = audit1 && get("audit-jN") ? audit1.medianMs / get("audit-jN").medianMs : null;
  goals.push({
    goal: `audit speed-up ≥ 1.6× from 1 to ${cores} workers`,
    measured: speedUp ? `${speedUp.toFixed(2)}×` : "",
    status: speedUp ? verdict(speedUp >= 1.6) : cores < 2 ? "n/a: one core" : missing(audit1 ? "audit-jN" : "audit-j1"),
  });
  const halves = get("audit-halves");
  if (audit1 && halves) {
    goals.push({
      goal: "(not a goal) what the machine gives: two one-thread audits of half the files each, at once",
      measured: `${(audit1.medianMs / halves.medianMs).toFixed(2)}× the throughput of one`,
      status: "INFO",
    });
  }
  const batch = get("audit-batch");
  goals.push({
    goal: "audit peak memory flat (≤ 250 MiB) whatever the number of files",
    measured: auditN ? `${auditN.peakRssMiB.toFixed(0)} MiB over all files${batch ? `, ${batch.peakRssMiB.toFixed(0)} MiB over one folder of 1,000` : ""}` : "",
    status: auditN ? verdict(auditN.peakRssMiB <= 250 && (!batch || auditN.peakRssMiB <= batch.peakRssMiB * 1.2 + 10)) : missing(auditNId),
  });
  return goals;
}

/** Computes the linearity figures of the pathological inputs: time at 2x / time at x through check. */
function evaluateLinearity(pathoPairs, startupMs) {
  return pathoPairs.map(({ kind, what, x, x2 }) => {
    const a = x.summary;
    const b = x2.summary;
    const failed = a ? x2 : x;
    if (!a || !b) return { kind, what, status: `n/a: ${failed.status}${failed.note ? ` (${failed.note})` : ""}` };
    const ratio = b.medianMs / a.medianMs;
    const work = a.medianMs - startupMs;
    const adjusted = startupMs > 0 && work > 50 ? (b.medianMs - startupMs) / work : null;
    return {
      kind, what, xMs: a.medianMs, x2Ms: b.medianMs, ratio, adjusted, peakRssMiB: [a.peakRssMiB, b.peakRssMiB],
      status: ratio <= 2.5 ? "PASS" : "FAIL",
    };
  });
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message ? `${error.message}\n` : ""}${USAGE}`);
    return 2;
  }
  const tmpDir = mkdtempSync(join(os.tmpdir(), "perftable-bench-"));
  try {
    const useTime = probeTime(tmpDir);
    const miller = probeMiller();
    const machine = describeMachine(useTime, miller);
    const env = { tmpDir, useTime, timeoutS: options.timeoutS };
    console.log("perftable benchmarks (SPEC §7)");
    console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.os}`);
    console.log(`peak RSS via ${machine.rssMethod}; miller: ${miller ?? "not installed (apt-get install miller)"}`);

    // The corpus: full size in bench/out, the quick one in bench/out/quick.
    const corpusOptions = options.quick ? { bigBytes: 10e6, files: 500, pathoScale: 0.1 } : {};
    const outDir = join(ROOT, "bench", "out", ...(options.quick ? ["quick"] : []));
    const genStart = process.hrtime.bigint();
    const corpus = generateCorpus(outDir, corpusOptions);
    const genMs = Number(process.hrtime.bigint() - genStart) / 1e6;
    const m = corpus.manifest;
    console.log(`corpus: ${relative(ROOT, outDir)} ${corpus.skipped ? "reused" : `generated in ${seconds(genMs)}`} — ${m.fileCount} files, ${(m.totalBytes / 1e6).toFixed(1)} MB, sha256 ${m.sha256.slice(0, 16)}…`);

    const node = process.execPath;
    const rel = (p) => relative(ROOT, p);
    const built = existsSync(join(ROOT, "dist", "cli.cjs"));
    const ptUnavailable = options.skipPerftable ? "skipped --skip-perftable" : built ? null : "perftable is not built (dist/cli.cjs missing: npm run build)";
    const perftable = (...args) => [node, "bin/perftable.js", ...args];
    const big = rel(corpus.bigPath);
    const depts = rel(corpus.deptsDir);
    const cores = os.availableParallelism();
    const all = [];
    const groups = [];

    if (options.only.includes("big")) {
      const figures = [
        figure("baseline-big", "baseline (big.txt)", [node, "bench/baseline.mjs", big], { captureStdout: true }),
        figure("check-big", "perftable check", perftable("check", big, "-f", "json", "-o", "/dev/null"), { allowFindings: true, unavailable: ptUnavailable }),
        // The default above uses every core (the table is checked in parts); this one thread only.
        ...(cores > 1 ? [figure("check-big-j1", "perftable check --jobs 1", perftable("check", big, "-f", "json", "-o", "/dev/null", "--jobs", "1"), { allowFindings: true, unavailable: ptUnavailable })] : []),
        figure("convert-big", "perftable convert", perftable("convert", big, "-o", "/dev/null"), { unavailable: ptUnavailable }),
        figure("mlr-big", "mlr --itsv --ojson cat", ["mlr", "--itsv", "--ojson", "--ragged", "cat", big], { unavailable: miller ? null : "miller not installed (apt-get install miller)" }),
      ];
      console.log(`\nrunning: one ${(m.params.bigBytes / 1e6).toFixed(0)} MB table, ${options.runs} run(s) each…`);
      await runFigures(figures, options.runs, env, { warmUp: ["baseline-big"] });
      groups.push(() => printGroup(`One big table (${big}, ${(statSync(corpus.bigPath).size / 1e6).toFixed(1)} MB)`, figures, "baseline-big", "baseline"));
      all.push(...figures);
    }
    if (options.only.includes("cold")) {
      const figures = [
        figure("node-e0", "node -e 0", [node, "-e", "0"]),
        figure("check-seed", "perftable check (seed)", perftable("check", SEED, "-f", "json"), { allowFindings: true, unavailable: ptUnavailable }),
      ];
      console.log(`running: cold start, ${options.coldRuns} alternating runs each…`);
      await runFigures(figures, options.coldRuns, env, { warmUp: ["node-e0", "check-seed"] });
      groups.push(() => printGroup("Cold start", figures, "node-e0", "node -e 0"));
      all.push(...figures);
    }
    if (options.only.includes("files")) {
      const auditArgs = (dir, jobs) => perftable("audit", dir, "-f", "json", "-o", "/dev/null", "--jobs", String(jobs), "--no-progress");
      const figures = [
        figure("baseline-files", `baseline (${m.params.files} files)`, [node, "bench/baseline.mjs", depts], { captureStdout: true }),
        figure("audit-j1", "perftable audit --jobs 1", auditArgs(depts, 1), { allowFindings: true, unavailable: ptUnavailable }),
      ];
      if (cores > 1) figures.push(figure("audit-jN", `perftable audit --jobs ${cores}`, auditArgs(depts, cores), { allowFindings: true, unavailable: ptUnavailable }));
      if (cores > 1) {
        // What two cores give this work here: two one-thread audits of half the folders each, at
        // the same time, against the one-thread audit of all (the speed-up no design exceeds much).
        const folders = readdirSync(corpus.deptsDir).sort().map((name) => join(depts, name));
        const half = Math.ceil(folders.length / 2);
        if (folders.length > 1) figures.push(figure("audit-halves", "2 × audit --jobs 1, half each, at once", [folders.slice(0, half), folders.slice(half)].map((part) => perftable("audit", ...part, "-f", "json", "-o", "/dev/null", "--jobs", "1", "--no-progress")), { allowFindings: true, unavailable: ptUnavailable }));
      }
      if (m.params.files > 1000) figures.push(figure("audit-batch", `audit 1,000 files --jobs ${cores}`, auditArgs(join(depts, "batch-00"), cores), { allowFindings: true, unavailable: ptUnavailable }));
      console.log(`running: ${m.params.files} department files, ${options.runs} run(s) each…`);
      await runFigures(figures, options.runs, env, { warmUp: ["baseline-files"] });
      groups.push(() => printGroup(`Many department files (${depts})`, figures, "baseline-files", "baseline"));
      all.push(...figures);
    }
    const pathoPairs = [];
    if (options.only.includes("patho")) {
      const figures = [];
      for (const kind of [...new Set(corpus.patho.map((p) => p.kind))]) {
        const [x, x2] = [1, 2].map((factor) => corpus.patho.find((p) => p.kind === kind && p.factor === factor));
        const fx = figure(`patho-${kind}-1x`, `check ${kind} x`, perftable("check", rel(x.path), "-f", "json", "-o", "/dev/null"), { allowFindings: true, unavailable: ptUnavailable });
        const fx2 = figure(`patho-${kind}-2x`, `check ${kind} 2x`, perftable("check", rel(x2.path), "-f", "json", "-o", "/dev/null"), { allowFindings: true, unavailable: ptUnavailable });
        figures.push(fx, fx2);
        pathoPairs.push({ kind, what: x.what, x: fx, x2: fx2 });
      }
      console.log(`running: pathological inputs at x and 2x, ${options.runs} run(s) each…`);
      await runFigures(figures, options.runs, env);
      groups.push(() => printGroup("Pathological inputs through check", figures, null, ""));
      all.push(...figures);
    }

    for (const print of groups) print();
    const byId = new Map(all.map((f) => [f.id, f]));
    const startupMs = byId.get("check-seed")?.summary?.medianMs ?? 0;
    const linearity = evaluateLinearity(pathoPairs, startupMs);
    if (linearity.length > 0) {
      console.log("\nLinearity (check time at 2x / at x; near 2 is linear)");
      const rows = [["input", "x", "2x", "2x/x", "minus start-up", "status"]];
      for (const l of linearity) {
        rows.push(l.ratio === undefined ? [l.kind, "—", "—", "—", "—", l.status]
          : [l.kind, seconds(l.xMs), seconds(l.x2Ms), l.ratio.toFixed(2), l.adjusted === null ? "start-up dominated" : l.adjusted.toFixed(2), l.status]);
      }
      printRows(rows);
    }
    const goals = evaluateGoals(byId, cores);
    console.log("\nSPEC §7 goals");
    const printGoal = (status, goal, measured) => {
      const [head, ...why] = status.split(": ");
      console.log(`  ${head.padEnd(4)}  ${goal}${measured ? ` — ${measured}` : ""}${why.length ? ` [${why.join(": ")}]` : ""}`);
    };
    for (const g of goals) printGoal(g.status, g.goal, g.measured);
    for (const l of linearity) printGoal(l.status, `linear on ${l.what} (2x/x ≤ 2.5)`, l.ratio === undefined ? "" : l.ratio.toFixed(2));

    if (options.json) {
      const report = {
        date: new Date().toISOString(),
        machine,
        options: { quick: options.quick, runs: options.runs, coldRuns: options.coldRuns, only: options.only },
        corpus: { outDir: rel(outDir), skipped: corpus.skipped, generateMs: genMs, ...m, patho: undefined },
        figures: all.map((f) => ({
          id: f.id, label: f.label, command: displayCommand(f.argv), status: f.status, note: f.note || undefined,
          runs: f.runs, ...(f.summary ?? {}), ratio: f.ratio ?? null,
        })),
        linearity,
        goals,
      };
      writeFileSync(options.json, JSON.stringify(report, null, 2) + "\n");
      console.log(`\nfigures written to ${options.json}`);
    }
    return 0;
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
