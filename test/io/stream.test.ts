// Streamed checking (chunked reads and incremental decoding) gives exactly the same report as
// checking the whole decoded text, whatever the encoding, line ends and chunk boundaries.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import type { Replaced } from "../../src/io/replaced.js";
import { checkInput } from "../../src/validate/run.js";
import { editSeed, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

// ~2.5 MB: many tables, one with a broken roll-up, so chunk boundaries fall inside rows and cells.
const BROKEN = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
const BIG = Array.from({ length: 220 }, (_, i) => (i === 137 ? BROKEN : SEED)).join("\n");

function strip(report: Awaited<ReturnType<typeof checkFile>>) {
  return { ...report, path: "x", source: undefined };
}

describe("streamed check", () => {
  const dir = tempDir("perftable-stream-");
  const reference = strip(checkInput(BIG, { path: "x" }));

  it("finds the same in a multi-megabyte file", () => {
    expect(reference.tables).toHaveLength(220);
    expect(reference.errorCount).toBe(2);
  });

  it.each([
    ["utf-8", Buffer.from(BIG, "utf8")],
    ["utf-8", Buffer.from("\uFEFF" + BIG.replace(/\n/g, "\r\n"), "utf8")],
    ["gb18030", iconv.encode(BIG, "gb18030")],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(BIG, "utf-16le")])],
    ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(BIG, "utf-16be")])],
  ])("%s (%#)", async (encoding, bytes) => {
    const file = join(dir, `big-${encoding}-${bytes.length}.txt`);
    writeFileSync(file, bytes);
    const report = await checkFile(file);
    expect(report.encoding).toBe(encoding);
    expect(strip(report)).toEqual({ ...reference, encoding });
  });

  it("reports empty, binary and NUL-bearing files", async () => {
    writeFileSync(join(dir, "blank.txt"), "\n \n\t\n");
    writeFileSync(join(dir, "nul.txt"), Buffer.concat([Buffer.from(SEED), Buffer.from([0, 0, 0])]));
    writeFileSync(join(dir, "pdf.txt"), "%PDF-1.4\n...");
    expect((await checkFile(join(dir, "blank.txt"))).diagnostics.map((d) => d.messageId)).toEqual(["empty"]);
    expect((await checkFile(join(dir, "nul.txt"))).diagnostics.map((d) => d.messageId)).toEqual(["binary"]);
    expect((await checkFile(join(dir, "pdf.txt"))).diagnostics.map((d) => d.messageId)).toEqual(["binary"]);
  });
});

describe("a table followed by a preamble that never gets a header (the reader stops looking there)", () => {
  const dir = tempDir("perftable-stream-stop-");
  // The seed, then 部门名称 and 3,000 lines of notes: the reader gives up after 1,000 of them (a
  // table/preamble warning) and reads no further; what comes after is still part of the file.
  const notes = Array.from({ length: 3000 }, (_, i) => `附注第${i}行：本表数据来源于部门预算系统。`).join("\n");
  const text = (tail: string) => `${SEED}\n部门名称：某某局\n${notes}\n${tail}\n`;

  it.each([
    ["a NUL character (binary)", "utf-8", Buffer.from(text("x\u0000y"))],
    ["a byte that is not UTF-8 (read as GB18030)", "utf-8", Buffer.concat([Buffer.from(text("x")), Buffer.from([0xd6, 0xd0, 0x0a])])],
    ["a NUL character, GB18030", "gb18030", iconv.encode(text("x\u0000y"), "gb18030")],
    ["bytes that GB18030 decoding replaces", "gb18030", Buffer.concat([iconv.encode(text("x"), "gb18030"), Buffer.from([0x41, 0xff, 0xff, 0x0a])])],
    ["a lone surrogate, UTF-16", "utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text("x"), "utf-16le"), Buffer.from([0x00, 0xd8, 0x0a, 0x00])])],
  ])("%s after it: the streamed check reports what the whole-file check does", async (_name, encoding, bytes) => {
    const file = join(dir, `t-${encoding}-${bytes.length}.txt`);
    writeFileSync(file, bytes);
    const whole = checkInput(bytes, { path: "x" });
    // (keepSource with no room to keep it: streamed, code frames reading their lines again)
    const streamed = await checkFile(file, { keepSource: true, wholeFileLimit: 0 });
    expect(whole.diagnostics.some((d) => d.messageId === "noHeader" || d.ruleId === "input/unreadable" || d.ruleId === "input/replaced-bytes")).toBe(true);
    expect(strip(streamed)).toEqual(strip(whole));
  });
});

describe("collectGarbage", () => {
  it("runs a collection without a command-line flag, and again", async () => {
    const { collectGarbage } = await import("../../src/io/stream.js");
    expect(() => {
      collectGarbage();
      collectGarbage();
    }).not.toThrow();
  });
});

describe("streamRows", () => {
  it("gives the rows and replacements of the whole-file decoding of GB18030 with bad bytes, whatever the chunk boundaries", async () => {
    const { streamRows } = await import("../../src/io/stream.js");
    const { splitRows } = await import("../../src/table/split.js");
    const { decodeBytes } = await import("../../src/io/decode.js");
    const dir = tempDir("perftable-rows-gb-");
    const gb = (text: string) => iconv.encode(text, "gb18030");
    // Four-byte sequences outside the code space (84 31 A5 30; FE 39 FE 39), one cut off by a tab, a
    // lone 0xFF, a 0x80 (€), valid four-byte characters (U+FFFF, 𠮷) and a cut-off last character.
    const bytes = Buffer.concat([
      gb("项目\t金额\n金融"),
      Buffer.from([0x84, 0x31, 0xa5, 0x30]),
      gb("发展\t\uFFFF𠮷\r\n"),
      Buffer.from([0xfe, 0x39, 0xfe, 0x39, 0xfe, 0x39, 0x09, 0x80, 0xff]),
      gb("\n末行"),
      Buffer.from([0x84, 0x31, 0xa5]),
    ]);
    const file = join(dir, "bad.txt");
    writeFileSync(file, bytes);
    const whole = decodeBytes(bytes, "gb18030");
    if (!whole.ok) throw new Error("not decoded");
    expect(whole.text).toBe("项目\t金额\n金融\uFFFD发展\t\uFFFF𠮷\r\n\uFFFD\uFFFD9\t€\uFFFD\n末行\uFFFD1\uFFFD");
    expect(whole.replaced).toMatchObject({ count: 6, line: 2, column: 3, offset: bytes.indexOf(Buffer.from([0x84, 0x31, 0xa5, 0x30])) });
    const expected = [...splitRows(whole.text)];
    for (const chunk of [1, 2, 3, 5, 7, 64]) {
      const rows = [];
      const seen: { text: boolean; replaced?: Replaced } = { text: false };
      for await (const batch of streamRows(file, { encoding: "gb18030", skip: 0 }, seen, 0, chunk)) rows.push(...batch);
      expect(rows, `chunks of ${chunk} bytes`).toEqual(expected);
      expect(seen.replaced, `chunks of ${chunk} bytes`).toEqual(whole.replaced);
    }
  });

  it("keeps a GB18030 character past U+FFFF cut before its last byte by a piece boundary, with ASCII after it", async () => {
    // iconv-lite's decoder makes room for two bytes of text per byte it is given: the four bytes of
    // text of 𠮷 (95 32 82 36), finished by one byte, left no room for the last character of the piece.
    const { streamRows } = await import("../../src/io/stream.js");
    const file = join(tempDir("perftable-rows-gb-"), "cut.txt");
    const bytes = iconv.encode("项目\t𠮷abcd", "gb18030");
    expect(bytes.indexOf(0x61)).toBe(9);
    writeFileSync(file, bytes);
    const rows = [];
    for await (const batch of streamRows(file, { encoding: "gb18030", skip: 0 }, { text: false }, 0, 8)) rows.push(...batch);
    expect(rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([["项目", "𠮷abcd"]]);
  });

  it("gives the rows before a byte that is not UTF-8 or a NUL, then throws, whatever the chunk boundaries", async () => {
    const { StreamDecodeError, streamRows } = await import("../../src/io/stream.js");
    const { splitRows } = await import("../../src/table/split.js");
    const dir = tempDir("perftable-rows-bad-");
    const head = "项目\t金额😀\r\n第二行\t一二三\n第三";
    const cases: [string, Buffer][] = [
      ["undecodable", Buffer.concat([Buffer.from(head), Buffer.from([0xe4, 0xb8, 0x41]), Buffer.from("\n后面\n")])], // 一 cut off by "A"
      ["undecodable", Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from("\n后面\n")])],
      ["undecodable", Buffer.concat([Buffer.from(head), Buffer.from([0xe4, 0xb8])])], // cut off by the end of the file
      ["binary", Buffer.concat([Buffer.from(head), Buffer.from([0x00]), Buffer.from("\n后面\n")])],
    ];
    const expected = [...splitRows(head.slice(0, head.lastIndexOf("\n") + 1))];
    for (const [k, [messageId, bytes]] of cases.entries()) {
      const file = join(dir, `t${k}.txt`);
      writeFileSync(file, bytes);
      for (const chunk of [1, 2, 3, 5, 7, 64]) {
        const rows = [];
        let unfinished = -1;
        let error: unknown = null;
        try {
          const mayRead = (length: number) => ((unfinished = length), true);
          for await (const batch of streamRows(file, { encoding: "utf-8", skip: 0 }, { text: false }, 0, chunk, { mayRead })) rows.push(...batch);
        } catch (e) {
          error = e;
        }
        expect(rows, `case ${k}, chunks of ${chunk} bytes`).toEqual(expected);
        expect(error instanceof StreamDecodeError && error.failure.messageId, `case ${k}, chunks of ${chunk} bytes`).toBe(messageId);
        // asked about the line cut off by that byte, as it stands before it (第三)
        expect(unfinished).toBe(2);
      }
    }
  });

  it("gives the rows of splitRows whatever the chunk boundaries (long lines, CRLF, no final line break)", async () => {
    const { streamRows } = await import("../../src/io/stream.js");
    const { splitRows } = await import("../../src/table/split.js");
    const dir = tempDir("perftable-rows-");
    const long = "很长的一行\t" + "字".repeat(3000) + "\t末尾";
    const texts = [
      "a\tb\nc\td\n",
      "a\tb\nc\td",
      "a\r\nb\r\n\r\nc",
      "\n\n项目\t1\n\n",
      `${long}\n短\t行\n${long}`,
      `${long}\r\n${long}\r\n`,
      SEED.slice(0, 4000),
    ];
    for (const [t, text] of texts.entries()) {
      const file = join(dir, `t${t}.txt`);
      writeFileSync(file, text);
      const expected = [...splitRows(text)];
      for (const chunk of text.length < 100 ? [1, 2, 3, 5, 7, 64] : [5, 7, 64, 1000, 1 << 20]) {
        const rows = [];
        for await (const batch of streamRows(file, { encoding: "utf-8", skip: 0 }, { text: false }, 0, chunk)) rows.push(...batch);
        expect(rows, `text ${t}, chunks of ${chunk} bytes`).toEqual(expected);
      }
    }
  });
});
