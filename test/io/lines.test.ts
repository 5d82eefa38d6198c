// Code frames of a table too big to keep in memory read its lines again from disk: they must be
// the lines of the checked text, whatever the encoding, line ends and chunk boundaries.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { planEncoding } from "../../src/io/decode.js";
import { openLineSource } from "../../src/io/lines.js";
import { formatPretty } from "../../src/reporters/pretty.js";
import { applyBaseline } from "../../src/validate/baseline.js";
import { checkInput } from "../../src/validate/run.js";
import { editSeed, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("perftable-lines-");
const BROKEN = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
const TEXT = [SEED, BROKEN, "𠀀名称\t\r", SEED].join("\n") + "\n";

const cases: [string, Buffer][] = [
  ["utf-8", Buffer.from(TEXT, "utf8")],
  ["utf-8, BOM and CRLF", Buffer.from("\uFEFF" + TEXT.replace(/\n/g, "\r\n"), "utf8")],
  ["gb18030", iconv.encode(TEXT, "gb18030")],
  // four-byte sequences outside the code space (one �), a lone 0xFF (�) and a 0x80 (€) in a name
  ["gb18030, bad bytes", Buffer.concat([iconv.encode(TEXT, "gb18030"), Buffer.from([0x84, 0x31, 0xa5, 0x30, 0x80, 0xff, 0xfe, 0x39, 0xfe, 0x39]), iconv.encode("名称\n", "gb18030")])],
  ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, "utf-16le")])],
  ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, "utf-16be")])],
];

describe("openLineSource", () => {
  it.each(cases)("gives the lines of the text (%s), in any chunk size, forward and back", (_name, bytes) => {
    const file = join(dir, `t-${bytes.length}.txt`);
    writeFileSync(file, bytes);
    // The lines of the text as `check` decoded it whole (what a code frame of a small file shows),
    // read again with the encoding it found.
    const whole = checkInput(bytes, { path: "t.txt", keepSource: true });
    const expected = whole.source!.split(/\r?\n/);
    const plan = planEncoding(bytes.subarray(0, 65536), whole.encoding as "utf-8");
    if (!("encoding" in plan)) throw new Error("no plan");
    for (const chunk of [5, 64, 4096]) {
      const source = openLineSource(file, plan, chunk);
      expect(Array.from({ length: expected.length }, (_, i) => source.line(i + 1))).toEqual(expected);
      expect(source.line(expected.length + 1)).toBeUndefined();
      expect(source.line(3)).toBe(expected[2]); // back: read again from the start
      source.close();
    }
  });

  it("gives no line longer than its limit, and the lines around it, in any order", () => {
    const long = "很".repeat(5000);
    const file = join(dir, "long-line.txt");
    writeFileSync(file, `first\n${long}\n${"x".repeat(1000)}\r\nlast\n${long}`);
    for (const chunk of [7, 64, 4096]) {
      const source = openLineSource(file, { encoding: "utf-8", skip: 0 }, chunk, 1000);
      expect([1, 2, 3, 4, 5, 6].map((n) => source.line(n))).toEqual(["first", undefined, "x".repeat(1000), "last", undefined, undefined]);
      // asked first: given up on without reading the rest of it, then the lines after it are found
      expect(source.line(2)).toBeUndefined();
      expect(source.line(3)).toBe("x".repeat(1000));
      source.close();
    }
  });

  it("gives no line, and never throws, when the file is gone", () => {
    const source = openLineSource(join(dir, "missing.txt"), { encoding: "utf-8", skip: 0 });
    expect(source.line(1)).toBeUndefined();
    source.close();
  });
});

describe("pretty code frames of a file checked as a stream", () => {
  it.each(cases)("are those of the file kept whole (%s)", async (_name, bytes) => {
    const file = join(dir, `p-${bytes.length}.txt`);
    writeFileSync(file, bytes);
    const options = { lang: "en" as const, color: false, cwd: dir };
    const whole = await checkFile(file, { path: "t.txt", keepSource: true });
    const streamed = await checkFile(file, { path: "t.txt", keepSource: true, wholeFileLimit: 0 });
    expect(whole.source).toBeDefined();
    expect(streamed.source).toBeUndefined();
    expect(streamed.lines).toBeDefined();
    const text = formatPretty([streamed], options);
    expect(text).toBe(formatPretty([whole], options));
    expect(text).toContain(" │ ");
    // a report made from it (a baseline applied) keeps its way to the lines
    const none = { version: 1 as const, entries: [] };
    expect(formatPretty(applyBaseline([streamed], none), options)).toBe(text);
  });
});
