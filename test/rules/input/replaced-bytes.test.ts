// input/replaced-bytes: bytes that decoding replaced by U+FFFD (not valid GB18030, a lone UTF-16
// surrogate, an odd last byte) are reported once per file, at the first replacement character, with
// their count; a U+FFFD that the file itself encodes is text and never reported. The same finding on
// every reading path: a whole small file, a streamed big one, and one checked in parts on workers.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/api.js";
import { convertStreamed } from "../../../src/convert/stream.js";
import { decodeBytes } from "../../../src/io/decode.js";
import { formatMessage } from "../../../src/i18n/format.js";
import { parseTable } from "../../../src/table/parse.js";
import type { Diagnostic } from "../../../src/types.js";
import { partStats } from "../../../src/validate/parts.js";
import { checkInput } from "../../../src/validate/run.js";
import { runCli } from "../../helpers/cli.js";
import { ROOT, SEED } from "../../helpers/fixtures.js";
import { tempDir } from "../../helpers/temp.js";

const RULE = "input/replaced-bytes";
const dir = tempDir("perftable-replaced-");
let files = 0;
function write(bytes: Uint8Array): string {
  const path = join(dir, `t${files++}.txt`);
  writeFileSync(path, bytes);
  return path;
}

const gb = (text: string) => iconv.encode(text, "gb18030");

/** `bytes` with `insert` put in right after the n-th (0-based) occurrence of `after`. */
function insertAfter(bytes: Buffer, after: Buffer, insert: number[], nth = 0): Buffer {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = bytes.indexOf(after, at + 1);
  if (at === -1) throw new Error("insertAfter: not found");
  at += after.length;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
}

function found(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId === RULE);
}
const check = (bytes: Uint8Array) => found(checkInput(bytes, { path: "t.txt" }).diagnostics);

// The seed's line 12 is the project 金融发展专项资金: a bad byte after 金融 is at column 3.
const SEED_GB = gb(SEED);
/** The seed in GB18030 with 0xFF right after the 金融 of 金融发展专项资金 (line 12, column 3). */
function seedWithBadByte(): Buffer {
  const at = SEED_GB.indexOf(gb("金融发展专项资金\t")) + gb("金融").length;
  return Buffer.concat([SEED_GB.subarray(0, at), Buffer.from([0xff]), SEED_GB.subarray(at)]);
}

describe(RULE, () => {
  it("reports one bad byte in a GB18030 project name once, at its line and column, count 1", () => {
    const bytes = seedWithBadByte();
    const report = checkInput(bytes, { path: "t.txt" });
    expect(report.encoding).toBe("gb18030");
    const d = found(report.diagnostics);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "warning", messageId: "replaced", line: 12, column: 3, endLine: 12, endColumn: 4, data: { encoding: "gb18030", count: 1 } });
    expect(bytes[d[0]!.data.offset as number]).toBe(0xff);
    expect(formatMessage(d[0]!, "en")).toBe(`bytes that are not valid gb18030 were replaced by � (1 in the file, the first here, at byte ${d[0]!.data.offset}): the text may be garbled`);
    expect(formatMessage(d[0]!, "zh")).toMatch(/^文件中有无效的 gb18030 字节，已替换为 �（共 1 处/);
    // The rest of the report is that of the valid file: only the name changed (金融�发展专项资金).
    expect(report.diagnostics.filter((x) => x.ruleId !== RULE).map((x) => x.ruleId)).toEqual(checkInput(SEED_GB, { path: "t.txt" }).diagnostics.map((x) => x.ruleId));
  });

  it("counts three bad bytes and points at the first (a lone 0xFF, a cut-off pair, a cut-off last character)", () => {
    let bytes = insertAfter(SEED_GB, gb("综合工作经费"), [0xff]);
    // A lead byte followed by a tab: the pair is cut off (and the tab is kept).
    bytes = insertAfter(bytes, gb("金融项目评审专项经费"), [0xb0]);
    bytes = Buffer.concat([bytes, Buffer.from([0x81, 0x30])]);
    const d = check(bytes);
    expect(d).toHaveLength(1);
    const lines = SEED.split("\n");
    const line = lines.findIndex((l) => l.startsWith("金融项目评审专项经费")) + 1;
    expect(d[0]).toMatchObject({ line, column: "金融项目评审专项经费".length + 1, data: { encoding: "gb18030", count: 3 } });
    expect(bytes[d[0]!.data.offset as number]).toBe(0xb0);
  });

  it("reports a four-byte sequence outside GB18030's code space as one replaced character, not as the character iconv-lite made of it", () => {
    // 84 31 A5 30 comes right after U+FFFF's 84 31 A4 39, where nothing is encoded up to 8F 39 FE 39
    // (iconv-lite gave U+10000, a real-looking character); FE 39 FE 39 is past U+10FFFF's E3 32 9A 35
    // (iconv-lite gave two lone surrogates). The Encoding Standard's decoder makes each one U+FFFD.
    const withFf = seedWithBadByte(); // 0xFF at line 12, column 3, replaced by the first sequence
    const at = withFf.indexOf(0xff);
    const bytes = insertAfter(Buffer.concat([withFf.subarray(0, at), Buffer.from([0x84, 0x31, 0xa5, 0x30]), withFf.subarray(at + 1)]), gb("综合工作经费"), [0xfe, 0x39, 0xfe, 0x39]);
    const report = checkInput(bytes, { path: "t.txt" });
    const d = found(report.diagnostics);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 12, column: 3, endColumn: 4, data: { encoding: "gb18030", count: 2, offset: at } });
    expect([...bytes.subarray(at, at + 4)]).toEqual([0x84, 0x31, 0xa5, 0x30]);
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new Error("not decoded");
    expect(decoded.text).toContain("金融\uFFFD发展专项资金");
    expect(decoded.text).toContain("综合工作经费\uFFFD");
    // one character each, and no surrogate at all: the seed has no character past U+FFFF
    expect(decoded.text.length).toBe(SEED.length + 2);
    expect(/[\uD800-\uDFFF]/.test(decoded.text)).toBe(false);
    expect(report.diagnostics.filter((x) => x.ruleId !== RULE).map((x) => x.ruleId)).toEqual(checkInput(SEED_GB, { path: "t.txt" }).diagnostics.map((x) => x.ruleId));
  });

  it("reads valid four-byte sequences at the edges of the code space as their characters, and reports nothing", () => {
    // U+0080 (81 30 81 30), U+FFFF (84 31 A4 39), U+10000 (90 30 81 30), 𠮷 U+20BB7, U+10FFFF (E3 32 9A 35)
    const text = SEED.replace("金融发展专项资金", "金融\u0080\uFFFF\u{10000}𠮷\u{10FFFF}发展专项资金");
    const bytes = gb(text);
    for (const sequence of [[0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0xa4, 0x39], [0x90, 0x30, 0x81, 0x30], [0xe3, 0x32, 0x9a, 0x35]]) expect(bytes.includes(Buffer.from(sequence))).toBe(true);
    expect(check(bytes)).toEqual([]);
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && decoded.text).toBe(text);
  });

  it("reads a lone 0x80 as € (Windows code page 936, as the Encoding Standard does) and does not report it", () => {
    // GB18030 itself encodes € as A2 E3 and leaves 0x80 unassigned; GBK as Windows writes it (Excel's
    // text export on a Chinese system) has 0x80 for €. A € in the file is the user's text.
    const bytes = insertAfter(SEED_GB, gb("金融发展"), [0x80]);
    const report = checkInput(bytes, { path: "t.txt" });
    expect(report.encoding).toBe("gb18030");
    expect(found(report.diagnostics)).toEqual([]);
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && decoded.text).toBe(SEED.replace("金融发展", "金融发展€"));
  });

  it("reports nothing for a valid GB18030 file, even one that encodes U+FFFD itself (84 31 A4 37)", () => {
    expect(check(SEED_GB)).toEqual([]);
    const withFffd = gb(SEED.replace("金融发展专项资金", "金融\uFFFD发展专项资金"));
    expect(withFffd.includes(Buffer.from([0x84, 0x31, 0xa4, 0x37]))).toBe(true);
    expect(check(withFffd)).toEqual([]);
    expect(check(Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), SEED_GB]))).toEqual([]); // a GB18030 BOM
  });

  it("never reports a U+FFFD of a valid UTF-8 file (EF BF BD is the user's text)", () => {
    const bytes = Buffer.from(SEED.replace("金融发展专项资金", "金融\uFFFD发展专项资金"), "utf8");
    const report = checkInput(bytes, { path: "t.txt" });
    expect(report.encoding).toBe("utf-8");
    expect(found(report.diagnostics)).toEqual([]);
  });

  it("reports a lone surrogate and an odd last byte of UTF-16LE, which become U+FFFD in the text", () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SEED.replace("金融发展专项资金", "金融\uD800发展专项资金"), "utf-16le")]);
    const d = check(lone);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 12, column: 3, data: { encoding: "utf-16le", count: 1, offset: 2 + 2 * SEED.indexOf("金融发展专项资金") + 4 } });
    const decoded = decodeBytes(lone);
    expect(decoded.ok && decoded.text.includes("金融\uFFFD发展")).toBe(true);

    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SEED.trimEnd(), "utf-16le"), Buffer.from([0x41])]);
    const lines = SEED.trimEnd().split("\n");
    expect(check(odd)[0]).toMatchObject({ line: lines.length, column: [...lines.at(-1)!].length + 1, data: { count: 1, offset: odd.length - 1 } });
    // A surrogate pair is one character, not two replacements.
    expect(check(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SEED.replace("金融发展", "金融😀发展"), "utf-16le")]))).toEqual([]);
  });

  it("is reported by parseTable too (convert's library call), and can be turned off", () => {
    expect(found(parseTable(seedWithBadByte()).diagnostics)).toHaveLength(1);
    const severities = new Map([[RULE, "off" as const]]);
    expect(found(checkInput(seedWithBadByte(), { path: "t.txt", config: { severities, options: new Map() } }).diagnostics)).toEqual([]);
  });

  it("convert prints it on stderr and keeps the � in its output; check says it in Chinese with --lang zh", async () => {
    const path = write(seedWithBadByte());
    const converted = await runCli(["convert", path]);
    expect(converted.code).toBe(0);
    expect(converted.stderr).toContain(`${path}:12:3  warning  bytes that are not valid gb18030 were replaced by � (1 in the file`);
    expect(converted.stderr).toContain(RULE);
    expect(converted.stdout).toContain("金融�发展专项资金");
    const checked = await runCli(["check", path, "--lang", "zh", "-f", "json"]);
    const report = JSON.parse(checked.stdout) as { files: { diagnostics: (Diagnostic & { message: string })[] }[] };
    const d = report.files[0]!.diagnostics.filter((x) => x.ruleId === RULE);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/^文件中有无效的 gb18030 字节，已替换为 �（共 1 处，第一处在此/);
  });
});

// A table over 1 MB (streamed, not read whole), bad bytes in three places far apart.
const WORKER = `${ROOT}dist/worker.js`;
const built = existsSync(WORKER);
const skipped = (title: string) => (built ? title : `${title} — SKIPPED: dist/worker.js is not built (run npm run build)`);

describe(`${RULE} on big files`, () => {
  const generator = import(new URL("../../../bench/generate.mjs", import.meta.url).href) as Promise<{ buildBigTable(o: { bigBytes: number; seed: number }): string }>;

  /**
   * Three bad places far apart: a lone 0xFF, a four-byte sequence between U+FFFF and U+10000, one
   * past U+10FFFF (each one replaced character); and a 0x80 (€, not reported) in between.
   */
  async function bigWithBadBytes(): Promise<{ bytes: Buffer; first: { line: number; column: number } }> {
    const text = (await generator).buildBigTable({ bigBytes: 1.6e6, seed: 7 });
    const lines = text.split("\n");
    const pieces: Buffer[] = [];
    const at = [0.2, 0.5, 0.9].map((f) => Math.floor(lines.length * f));
    const bad = [[0xff], [0x84, 0x31, 0xa5, 0x30], [0xfe, 0x39, 0xfe, 0x39]];
    const euro = Math.floor(lines.length * 0.7);
    lines.forEach((line, i) => {
      const k = at.indexOf(i);
      const cut = k !== -1 || i === euro ? [...line].slice(0, 2).join("") : null;
      if (cut === null) pieces.push(gb(line));
      else pieces.push(gb(cut), Buffer.from(k === -1 ? [0x80] : bad[k]!), gb(line.slice(cut.length)));
      if (i < lines.length - 1) pieces.push(Buffer.from("\n"));
    });
    return { bytes: Buffer.concat(pieces), first: { line: at[0]! + 1, column: 3 } };
  }

  it("gives the whole-file finding when streamed", async () => {
    const { bytes, first } = await bigWithBadBytes();
    const whole = check(bytes);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ ...first, data: { count: 3 } });
    const streamed = found((await checkFile(write(bytes), { threads: 1 })).diagnostics);
    expect(streamed).toEqual(whole);
  });

  it.skipIf(!built)(skipped("gives the same single finding when checked in parts on workers (first place, total count)"), async () => {
    const { bytes } = await bigWithBadBytes();
    const path = write(bytes);
    const whole = check(bytes);
    const taken = partStats.taken;
    const parted = await checkFile(path, { threads: 3, splitBytes: 0, partWorker: pathToFileURL(WORKER) });
    expect(partStats.taken - taken).toBe(2);
    expect(found(parted.diagnostics)).toEqual(whole);
    // Every other finding is that of the sequential read too.
    const sequential = await checkFile(path, { threads: 1 });
    expect(parted.diagnostics).toEqual(sequential.diagnostics);
  });

  it.skipIf(!built)(skipped("convert in parts (the built CLI, PERFTABLE_SPLIT_BYTES) prints the same single finding"), async () => {
    const { bytes } = await bigWithBadBytes();
    const path = write(bytes);
    const env = { ...process.env, LANG: "en_US.UTF-8", PERFTABLE_SPLIT_BYTES: "0" };
    const run = (jobs: string) => spawnSync(process.execPath, [`${ROOT}bin/perftable.js`, "convert", path, "--to", "ndjson", "--jobs", jobs], { env, encoding: "utf8", maxBuffer: 256 << 20 });
    const parted = run("3");
    const single = run("1");
    expect(parted.status).toBe(0);
    expect(parted.stdout).toBe(single.stdout);
    const lines = (s: string) => s.split("\n").filter((l) => l.includes(RULE));
    expect(lines(parted.stderr)).toHaveLength(1);
    expect(lines(parted.stderr)).toEqual(lines(single.stderr));
    expect(lines(parted.stderr)[0]).toContain("(3 in the file");
    // The same finding as the library's convert in parts, which says it took the workers' parts.
    const taken = partStats.taken;
    const result = await convertStreamed(path, bytes.subarray(0, 65536), "ndjson", () => {}, "auto", { threads: 3, size: bytes.length, writeBytes: () => {}, splitBytes: 0, workerUrl: pathToFileURL(WORKER) });
    expect(partStats.taken - taken).toBe(2);
    expect(found(result.diagnostics)).toEqual(check(bytes));
  });
});
