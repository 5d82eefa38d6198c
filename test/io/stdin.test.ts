// Standard input: small inputs stay in memory; past the limit they go to a private temporary file
// and are streamed from it like a named file, with the same results, and the file is removed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { spoolStdin, stdinMemoryLimit, STDIN_MEMORY_LIMIT } from "../../src/io/read-input.js";
import { checkInput } from "../../src/validate/run.js";
import { runCli } from "../helpers/cli.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

/** A stream giving `text` in pieces of `size` bytes (standard input arrives in chunks). */
function chunked(text: string, size = 1000): Readable {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith("perftable-stdin-"));

describe("spoolStdin", () => {
  it("keeps an input within the limit in memory", async () => {
    const spooled = await spoolStdin(chunked(SEED), SEED.length * 3);
    expect("bytes" in spooled && Buffer.from(spooled.bytes).toString("utf8")).toBe(SEED);
  });

  it("moves a bigger input, read so far and the rest, to a private file that remove() deletes", async () => {
    const before = leftovers().length;
    const spooled = await spoolStdin(chunked(SEED), 2500);
    if (!("file" in spooled)) throw new Error("expected a file");
    expect(readFileSync(spooled.file, "utf8")).toBe(SEED);
    expect(statSync(spooled.file).mode & 0o777).toBe(0o600);
    expect(leftovers().length).toBe(before + 1);
    await spooled.remove();
    expect(existsSync(dirname(spooled.file))).toBe(false);
    expect(leftovers().length).toBe(before);
  });

  it("takes its limit from PERFTABLE_STDIN_MEMORY_LIMIT", () => {
    expect(stdinMemoryLimit({})).toBe(STDIN_MEMORY_LIMIT);
    expect(stdinMemoryLimit({ PERFTABLE_STDIN_MEMORY_LIMIT: "4096" })).toBe(4096);
    expect(stdinMemoryLimit({ PERFTABLE_STDIN_MEMORY_LIMIT: "lots" })).toBe(STDIN_MEMORY_LIMIT);
  });
});

describe("a big standard input", () => {
  const broken = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
  const text = [SEED, broken, SEED].join("\n");

  it("is checked from its temporary file with the same findings as in memory", async () => {
    const before = leftovers();
    const expected = checkInput(Buffer.from(text), { path: "<stdin>" });
    for (const keepSource of [false, true]) {
      const report = await checkFile("-", { path: "<stdin>", stdin: chunked(text), stdinMemoryLimit: 4096, keepSource });
      expect(report.diagnostics).toEqual(expected.diagnostics);
      expect(report.path).toBe("<stdin>");
    }
    expect(leftovers()).toEqual(before);
  });

  it("gives the same check report and conversion through the CLI, named as standard input", async () => {
    const before = leftovers();
    const env = { LANG: "en_US.UTF-8", PERFTABLE_STDIN_MEMORY_LIMIT: "4096" };
    for (const args of [["check", "-", "-f", "json"], ["convert", "-", "--to", "ndjson"]]) {
      const big = await runCli([...args, "--stdin-filename", "dept.txt"], { stdin: text, env });
      const small = await runCli([...args, "--stdin-filename", "dept.txt"], { stdin: text });
      expect(big.stdout).toBe(small.stdout);
      expect(big.stderr).toBe(small.stderr);
      expect(big.code).toBe(small.code);
      expect(big.stdout.length).toBeGreaterThan(1000);
    }
    expect(leftovers()).toEqual(before);
  });
});
