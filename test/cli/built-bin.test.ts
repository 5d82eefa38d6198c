// The built executable, spawned as a user runs it: convert in each format, standard input, check's
// exit codes, and unusable inputs (exit 2, the file named, no stack trace). CI builds before testing.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editSeed, ROOT, SEED, SEED_PATH } from "../helpers/fixtures.js";
import { interruptOnce } from "../helpers/interrupt.js";
import { tempDir } from "../helpers/temp.js";
import { writeTableFormats } from "../helpers/convert-fixture.js";

const BIN = join(ROOT, "bin/perftable.js");
const BUILT = existsSync(join(ROOT, "dist/cli.cjs"));
const STACK = /\n\s+at /;

function run(args: string[], input?: string | Buffer, cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!BUILT)(BUILT ? "the built bin" : "the built bin — SKIPPED: dist/cli.cjs is not built (npm run build)", () => {
  it("checks a small table without loading what only big inputs need (worker threads, child processes, fs/promises)", () => {
    const run = spawnSync(process.execPath, ["-r", join(ROOT, "test/helpers/module-list.cjs"), BIN, "check", SEED_PATH, "-f", "json"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    const loaded = run.stderr.split("\n").map((line) => line.replace(/^NativeModule /, ""));
    expect(loaded).toContain("vm"); // the list is real
    // (fs/promises would bring readline, the watchers and more: io/fsp.ts loads it on first use.)
    for (const name of ["worker_threads", "child_process", "fs/promises", "internal/readline/interface"]) expect(loaded).not.toContain(name);
  });
  it("converts the seed to JSON, NDJSON and CSV", () => {
    const json = run(["convert", SEED_PATH]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).units.flatMap((u: { projects: unknown[] }) => u.projects)).toHaveLength(13);
    const ndjson = run(["convert", SEED_PATH, "--to", "ndjson"]);
    expect(ndjson.stdout.trimEnd().split("\n")).toHaveLength(53);
    const csv = run(["convert", SEED_PATH, "--to", "csv"]);
    expect(csv.stdout.startsWith("\uFEFFdepartment,")).toBe(true);
    expect(csv.stdout.trimEnd().split("\r\n")).toHaveLength(54);
  });

  it("reads .xlsx tables in every command, with and without a code cache (a dynamic import broke them)", async () => {
    const { xlsx, dir } = await writeTableFormats();
    const env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), PERFTABLE_NO_CACHE: "", LANG: "en_US.UTF-8", NO_COLOR: "1" };
    const go = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: "utf8" });
    for (let pass = 0; pass < 2; pass++) {
      // The first pass writes the cache, the second runs from it.
      const check = go(["check", xlsx, "-f", "json"]);
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
      expect(JSON.parse(check.stdout).files[0].warningCount).toBe(8);
    }
    expect(readdirSync(join(dir, "cache", "perftable")).some((name) => name.endsWith(".v8cache"))).toBe(true);
    const convert = go(["convert", xlsx, "--to", "ndjson"]);
    expect(convert.status).toBe(0);
    expect(convert.stdout.trimEnd().split("\n")).toHaveLength(53);
    const audit = go(["audit", xlsx, "-f", "csv"]);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain(",pass,");
  });

  it("reads standard input", () => {
    const r = run(["convert", "-", "--stdin-filename", "dept.txt", "--to", "ndjson"], SEED);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toContain("金融发展专项资金");
  });

  it("checks with the exit codes of the contract", () => {
    const dir = tempDir("perftable-bin-");
    writeFileSync(join(dir, "broken.txt"), editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52"));
    expect(run(["check", SEED_PATH]).code).toBe(0);
    const broken = run(["check", "broken.txt", "-f", "json", "-o", "r.json"], undefined, dir);
    expect(broken.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).files[0].errorCount).toBe(2);
    expect(run(["check", "--rule", "nope=error", SEED_PATH]).code).toBe(2);
  });

  it.each([
    ["a missing file", ["convert", "missing.txt"], "missing.txt"],
    ["an empty file", ["convert", "empty.txt"], "empty.txt"],
    ["a binary file", ["check", "image.txt"], "image.txt"],
  ])("%s: exit 2, the file named, no stack trace", (_name, args, file) => {
    const dir = tempDir("perftable-bin-");
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "image.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]));
    const r = run(args, undefined, dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("ends quietly with its own exit code when the reader of its output goes away (… | head)", async () => {
    // A table big enough that the output outlives a reader that takes one chunk and closes the pipe.
    const dir = tempDir("perftable-bin-");
    const big = join(dir, "big.txt");
    const [head, ...rest] = SEED.split("合计");
    writeFileSync(big, head + "合计" + rest.join("合计") + rest.join("合计").split("\n").slice(1).join("\n").repeat(200));
    const child = spawn(process.execPath, [BIN, "check", big, "-f", "json"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toMatch(/EPIPE/);
    expect([0, 1]).toContain(code);
  });
  it.each(["json", "ndjson"])("audit -f %s ends with its own exit code when the reader goes away (… | head)", async (format) => {
    const dir = tempDir("perftable-bin-");
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, `t${String(i).padStart(3, "0")}.txt`), SEED);
    const child = spawn(process.execPath, [BIN, "audit", dir, "-f", format, "--no-progress"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0); // every file passes
  });
  it.skipIf(process.platform === "win32")("Ctrl-C while a big standard input is spooled removes its temporary copy and ends by the signal", async () => {
    const tmp = tempDir("perftable-sigint-");
    const child = spawn(process.execPath, [BIN, "check", "-", "-f", "summary"], {
      env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, PERFTABLE_STDIN_MEMORY_LIMIT: "1000" },
      stdio: ["pipe", "ignore", "ignore"],
    });
    // More than the limit, and standard input left open: the spool waits for the rest.
    child.stdin.write(SEED);
    const spooled = () => readdirSync(tmp).filter((name) => name.startsWith("perftable-stdin-"));
    const { before, signal } = await interruptOnce(child, spooled);
    expect(before).toHaveLength(1);
    expect(signal).toBe("SIGINT");
    expect(spooled()).toEqual([]);
  });

  it.each([
    ["check", "abc\tdef\n"],
    ["convert", "abc\tdef\n"],
    ["check", "abc"], // no line break at all
    ["check", "\u00e9\u00e9\tabc\n"], // as Latin-1 bytes below: not UTF-8
    ["convert", "\n"], // blank lines only
    ["check", "\r\n"],
  ])("%s - of endless %j without a table stops reading (it spooled to disk until full)", async (command, unit) => {
    const tmp = tempDir("perftable-endless-");
    const child = spawn(process.execPath, [BIN, command, "-", ...(command === "check" ? ["-f", "json"] : [])], {
      // Past 4 MiB in memory: what perftable judges an endless input by.
      env: { ...process.env, TMPDIR: tmp, PERFTABLE_STDIN_MEMORY_LIMIT: "5000000", LANG: "en_US.UTF-8" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.on("error", () => undefined); // EPIPE once perftable stops reading
    const lines = Buffer.from(unit.repeat(10_000), "latin1");
    let open = true;
    const ended = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    void ended.then(() => (open = false));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    // Writes until perftable ends (a pipe that would never end on its own).
    while (open && child.stdin.writable) {
      if (child.stdin.write(lines)) await new Promise((r) => setImmediate(r));
      else await Promise.race([new Promise((r) => child.stdin.once("drain", r)), ended]);
    }
    expect(await ended).toBe(2);
    clearTimeout(timer);
    expect(out).toMatch(unit === "abc\tdef\n" ? /by line 1001; the rest was not read/ : /input\/unreadable/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.skipIf(process.platform !== "linux")("-o through a link to standard output, and a report to -, in a file: refused as one file", () => {
    const dir = tempDir("perftable-bin-");
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    const fd = openSync(join(dir, "out.txt"), "w");
    const r = spawnSync(process.execPath, [BIN, "check", SEED_PATH, "-f", "json", "-o", join(dir, "mystdout"), "--report", "summary=-"], { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
    closeSync(fd);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("and --report summary=- write to the same file");
    expect(lstatSync(join(dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it.skipIf(process.platform === "win32")("reads a named pipe whose writer comes later (it hung before)", async () => {
    const dir = tempDir("perftable-fifo-");
    const fifo = join(dir, "table.txt");
    spawnSync("mkfifo", [fifo]);
    const child = spawn(process.execPath, [BIN, "check", fifo, "-f", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const ended = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(fifo, SEED); // opens the pipe for writing: blocks until perftable reads it
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    expect(await ended).toBe(0);
    clearTimeout(timer);
    expect(JSON.parse(stdout).files[0].warningCount).toBe(8);
  });

  it.skipIf(process.platform === "win32")("reads a named pipe whose writer is waiting with more than a pipe's worth, and keeps the writer alive", async () => {
    const dir = tempDir("perftable-fifo-");
    const table = join(dir, "tables.txt");
    writeFileSync(table, Array.from({ length: 40 }, () => SEED).join("\n")); // ~0.4 MB: the writer blocks
    const direct = JSON.parse(spawnSync(process.execPath, [BIN, "check", table, "-f", "json"], { encoding: "utf8" }).stdout);
    for (const command of [["check", "-f", "json"], ["convert", "--to", "ndjson"]]) {
      const fifo = join(dir, `pipe-${command[0]}`);
      spawnSync("mkfifo", [fifo]);
      const writer = spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", table, fifo], { stdio: "ignore" });
      const wrote = new Promise<number | null>((resolve) => writer.on("close", (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, 200));
      const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, command[0]!, fifo, ...command.slice(1)], { stdio: ["ignore", "pipe", "ignore"] });
        let stdout = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("close", (code) => (clearTimeout(timer), resolve({ code, stdout })));
      });
      // Before, the first look at the path opened and closed the pipe: the writer died of SIGPIPE
      // and the check then waited for good for another one.
      expect(await wrote).toBe(0);
      if (command[0] === "check") {
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout).files[0];
        expect(report.path).toBe(fifo);
        expect([report.errorCount, report.warningCount, report.infoCount]).toEqual([direct.files[0].errorCount, direct.files[0].warningCount, direct.files[0].infoCount]);
        expect(report.diagnostics.length).toBe(direct.files[0].diagnostics.length);
      } else {
        expect(r.code).toBe(0);
        expect(r.stdout.trimEnd().split("\n")).toHaveLength(40 * 53);
      }
    }
  });

  it.skipIf(process.platform === "win32")("stops reading a named pipe of endless text with no table, as it does standard input", async () => {
    const dir = tempDir("perftable-fifo-");
    for (const command of ["check", "convert"]) {
      const fifo = join(dir, `endless-${command}`);
      spawnSync("mkfifo", [fifo]);
      const writer = spawn("sh", ["-c", 'yes "abc	def" > "$1"', "sh", fifo], { stdio: "ignore" });
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, command, fifo], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LANG: "en_US.UTF-8" } });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("close", (code) => (clearTimeout(timer), resolve({ code, stderr })));
      });
      writer.kill();
      expect(r.code).toBe(2);
      if (command === "convert") expect(r.stderr).toContain("no performance table");
    }
  });

  it.skipIf(process.platform === "win32")("Ctrl-C while an output file is being written removes its temporary copy and ends by the signal", async () => {
    const dir = tempDir("perftable-sigout-");
    const fifo = join(dir, "never.txt");
    spawnSync("mkfifo", [fifo]);
    // The first table's report is written (more than one write's worth), then the check waits on a
    // pipe that nobody writes to.
    const big = join(dir, "big.txt");
    writeFileSync(big, Array.from({ length: 60 }, () => SEED).join("\n"));
    const out = join(dir, "report.json");
    const child = spawn(process.execPath, [BIN, "check", big, fifo, "-f", "json", "-o", out], { stdio: "ignore" });
    const temps = () => readdirSync(dir).filter((name) => name.startsWith(".perftable-tmp-"));
    const { before, signal } = await interruptOnce(child, temps);
    expect(before).toHaveLength(1);
    expect(signal).toBe("SIGINT");
    expect(temps()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

