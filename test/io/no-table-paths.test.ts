// A file without a table gets the same finding on every reading path: read whole (a small file,
// `check` with code frames, standard input in memory, parseFile), streamed (a big file, standard
// input spooled to a temporary file) and by `convert`. The reader stops looking for a header after
// 1,000 lines (or 1 MiB of text): a NUL character or a byte that is not UTF-8 after that point is
// never reached by a streamed read, and a whole-file read no longer judges the file by it either.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { formatMessage } from "../../src/i18n/format.js";
import { parseTable } from "../../src/table/parse.js";
import type { Diagnostic, FileReport } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import { runCli } from "../helpers/cli.js";
import { SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("perftable-no-table-");
const PREAMBLE = "项目支出绩效目标表（含转移支付项目）\n部门名称：广州开发区金融工作局（部门）\n单位：万元\n";
/** `n` lines of notes, ~400 bytes each in UTF-8: 3,000 of them make a file past 1 MiB, which `check` streams. */
const notes = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `附注第${from + i}行：本表数据来源于部门预算系统，金额单位为万元，${"项目资金按照预算批复的用途使用。".repeat(7)}`).join("\n") + "\n";
const utf8 = (text: string) => Buffer.from(text, "utf8");
const gb = (text: string) => iconv.encode(text, "gb18030");
const nul = Buffer.from([0x00]);

const WITHIN_1001 = ["noTableWithin", { line: "1001" }] as const;
const BINARY = ["binary", { kind: "NUL bytes", kindZh: "含 NUL 字节" }] as const;

type Case = [name: string, bytes: Buffer, expected: readonly [string, Record<string, string>]];
const cases: Case[] = [
  ["a NUL far past the header search", Buffer.concat([utf8(PREAMBLE + notes(3000)), utf8("备注"), nul, utf8("\n")]), WITHIN_1001],
  ["a byte that is not UTF-8 far past the header search", Buffer.concat([utf8(PREAMBLE + notes(3000)), Buffer.from([0xff, 0x0a])]), WITHIN_1001],
  ["a NUL, then a byte that is not UTF-8, far past", Buffer.concat([utf8(PREAMBLE + notes(2500)), nul, utf8(notes(400)), Buffer.from([0xc0, 0x0a])]), WITHIN_1001],
  [
    "GB18030 (not UTF-8 from its first line) with a NUL far past",
    Buffer.concat([gb(PREAMBLE + notes(4000)), nul]),
    ["noTableNotUtf8", { encoding: "utf-8", line: "1", column: "1", byte: `0x${gb("项")[0]!.toString(16).toUpperCase()}` }],
  ],
  // The reader stops at line 1001; the NUL is on line 1002, in the same piece of a streamed read.
  ["a NUL on the line after the one the reader stops at", Buffer.concat([utf8(PREAMBLE + notes(997) + notes(1, 998) + "备注"), nul, utf8("\n" + notes(2000, 1000))]), WITHIN_1001],
  // Line 1001 is read (it is the one that takes the reader past 1,000 lines): its NUL is reached.
  ["a NUL on the line the reader stops at", Buffer.concat([utf8(PREAMBLE + notes(997) + "备注"), nul, utf8("\n" + notes(2000, 1000))]), BINARY],
  ["a NUL within the header search", Buffer.concat([utf8(PREAMBLE + notes(5) + "备注"), nul, utf8("\n" + notes(3000, 6))]), BINARY],
  [
    "a byte that is not UTF-8 within the header search (read as GB18030, still no header)",
    Buffer.concat([utf8(PREAMBLE + notes(5)), Buffer.from([0xff]), utf8("\n" + notes(3000, 6))]),
    ["noTableNotUtf8", { encoding: "utf-8", line: "9", column: "1", byte: "0xFF" }],
  ],
  // A line of 2 million characters without a break: the reader stops in it (line 4), before the NUL.
  ["a NUL after 2 million characters of one line", Buffer.concat([utf8(PREAMBLE + "附注".repeat(1_000_000)), nul, utf8("\n")]), ["noTableWithin", { line: "4" }]],
  ["UTF-16 with a NUL character far past", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PREAMBLE + notes(4000) + "备注\u0000\n", "utf-16le")]), WITHIN_1001],
  // A table: the whole file is read, and a NUL anywhere makes it binary.
  ["a table with a NUL far past its last row", Buffer.concat([utf8(SEED + "\n" + notes(3000)), nul, utf8("\n")]), BINARY],
];

const finding = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === "input/unreadable").map((d) => [d.messageId, d.data]);
let files = 0;
function write(bytes: Buffer): string {
  const path = join(dir, `t${files++}.txt`);
  writeFileSync(path, bytes);
  return path;
}
/** Standard input in pieces of 64 KiB, as a pipe gives it. */
const pieces = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536)));

describe("a file without a table: the same finding on every path", () => {
  it.each(cases)("%s", async (_name, bytes, expected) => {
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const file = write(bytes);
    const reports: [string, FileReport][] = [
      ["read whole (checkInput)", checkInput(bytes, { path: "t.txt" })],
      ["check with code frames (read whole)", await checkFile(file, { path: "t.txt", keepSource: true })],
      ["check, streamed", await checkFile(file, { path: "t.txt" })],
      ["check with code frames, streamed", await checkFile(file, { path: "t.txt", keepSource: true, wholeFileLimit: 0 })],
      ["standard input, in memory", await checkFile("-", { path: "t.txt", stdin: pieces(bytes) })],
      ["standard input, spooled and streamed", await checkFile("-", { path: "t.txt", stdin: pieces(bytes), stdinMemoryLimit: 100_000 })],
    ];
    const parsed = [finding(parseTable(bytes).diagnostics), finding((await parseFile(file)).diagnostics)];
    for (const [path, report] of reports) expect(finding(report.diagnostics), path).toEqual([expected]);
    expect(new Set(reports.map(([, report]) => report.encoding)).size, "the same encoding in every report").toBe(1);
    expect(parsed).toEqual([[expected], [expected]]);
    // convert, of the file (streamed) and of standard input (read whole): the message on stderr, exit 2
    const message = formatMessage(reports[0]![1].diagnostics.find((d) => d.ruleId === "input/unreadable")!, "en");
    for (const run of [await runCli(["convert", file]), await runCli(["convert", "-"], { stdin: bytes })]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

describe("a file declared UTF-8 (--encoding utf-8) without a table", () => {
  it.each([
    ["far past the header search: no table", Buffer.concat([utf8(PREAMBLE + notes(3000)), Buffer.from([0xff, 0x0a])]), WITHIN_1001],
    ["within it: the byte's place", Buffer.concat([utf8(PREAMBLE + notes(5)), Buffer.from([0xff]), utf8("\n" + notes(3000, 6))]), ["undecodableAt", { encoding: "utf-8", line: "9", column: "1", byte: "0xFF" }]],
  ] as Case[])("a byte that is not UTF-8 %s, on every path", async (_name, bytes, expected) => {
    const file = write(bytes);
    const reports = [
      checkInput(bytes, { path: "t.txt", encoding: "utf-8" }),
      await checkFile(file, { path: "t.txt", encoding: "utf-8", keepSource: true }),
      await checkFile(file, { path: "t.txt", encoding: "utf-8" }),
      await checkFile("-", { path: "t.txt", encoding: "utf-8", stdin: pieces(bytes) }),
    ];
    for (const report of reports) expect(finding(report.diagnostics)).toEqual([expected]);
    const message = formatMessage(reports[0]!.diagnostics.find((d) => d.ruleId === "input/unreadable")!, "en");
    const run = await runCli(["convert", file, "--encoding", "utf-8"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
