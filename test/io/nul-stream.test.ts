// Inputs that are not regular files (standard input, a named pipe, a device) are read whole — but a
// NUL byte makes a text input binary, so it is read only up to there: `check /dev/zero` (or
// `cat /dev/zero | perftable check -`) used to read forever, growing to gigabytes.
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { nulMeansBinary } from "../../src/io/decode.js";
import { readPath, readStdin, spoolStdin } from "../../src/io/read-input.js";
import { checkInput } from "../../src/validate/run.js";
import { tsvToXlsx } from "../helpers/convert-fixture.js";
import { SEED } from "../helpers/fixtures.js";

/** A stream that gives `prefix`, then NUL bytes for ever (like /dev/zero), and counts what it gave. */
function endless(prefix: Buffer = Buffer.alloc(0)) {
  let given = 0;
  let first = true;
  const stream = new Readable({
    read() {
      const chunk = first && prefix.length > 0 ? prefix : Buffer.alloc(64 * 1024);
      first = false;
      given += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, given: () => given };
}

const BINARY = [["input/unreadable", "binary", { kind: "NUL bytes", kindZh: "含 NUL 字节" }]];
const findings = (report: { diagnostics: { ruleId: string; messageId: string; data: Record<string, unknown> }[] }) =>
  report.diagnostics.map((d) => [d.ruleId, d.messageId, d.data]);
const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith("perftable-stdin-"));

describe("nulMeansBinary", () => {
  it("holds for text read as UTF-8 or GB18030, not for UTF-16 nor a workbook", () => {
    const text = Buffer.from("项目支出绩效目标表");
    expect(nulMeansBinary(text, "auto")).toBe(true);
    expect(nulMeansBinary(Buffer.alloc(8), "auto")).toBe(true);
    expect(nulMeansBinary(text, "gb18030")).toBe(true);
    expect(nulMeansBinary(Buffer.from([0xff, 0xfe, 0x79, 0x98]), "auto")).toBe(false);
    expect(nulMeansBinary(Buffer.from([0xfe, 0xff, 0x98, 0x79]), "auto")).toBe(false);
    expect(nulMeansBinary(text, "utf-16le")).toBe(false);
    // a zip (.xlsx) or an OLE file (.xls) is read whole, whatever the encoding asked for
    expect(nulMeansBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), "utf-8")).toBe(false);
    expect(nulMeansBinary(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "auto")).toBe(false);
  });
});

describe("an input streaming NUL bytes", () => {
  it("is read up to its first NUL byte, and no further (standard input, kept in memory)", async () => {
    const source = endless(Buffer.from("项目支出绩效目标表\n"));
    const spooled = await spoolStdin(source.stream, 32 * 1024 * 1024);
    if (!("bytes" in spooled)) throw new Error("expected bytes");
    expect(Buffer.from(spooled.bytes).toString("utf8")).toBe("项目支出绩效目标表\n\u0000");
    expect(source.given()).toBeLessThan(1024 * 1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it("is reported binary by check and convert (standard input, in memory or through a temporary file)", async () => {
    const before = leftovers().length;
    for (const stdinMemoryLimit of [32 * 1024 * 1024, 1000]) {
      const report = await checkFile("-", { path: "<stdin>", stdin: endless(Buffer.from(SEED)).stream, stdinMemoryLimit });
      expect(findings(report)).toEqual(BINARY);
    }
    expect(leftovers().length).toBe(before);
    const parsed = await parseFile("-", { stdin: endless().stream });
    expect(findings(parsed)).toEqual(BINARY);
    expect(Buffer.from(await readStdin(endless().stream)).equals(Buffer.from([0]))).toBe(true);
  });

  it.skipIf(!existsSync("/dev/zero"))("is reported binary for /dev/zero, a device that never ends", async () => {
    const read = await readPath("/dev/zero");
    expect(read.ok && read.bytes.length).toBe(1);
    expect(findings(await checkFile("/dev/zero"))).toEqual(BINARY);
    expect(findings(await parseFile("/dev/zero"))).toEqual(BINARY);
  });
});

describe("inputs whose NUL bytes are not binary", () => {
  it("are read whole: UTF-16 text, a workbook", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SEED, "utf-16le")]);
    const report = await checkFile("-", { path: "<stdin>", stdin: Readable.from([utf16.subarray(0, 5), utf16.subarray(5)]) });
    expect(report.diagnostics).toEqual(checkInput(utf16, { path: "<stdin>" }).diagnostics);
    expect(report.encoding).toBe("utf-16le");
    const xlsx = await tsvToXlsx(SEED);
    expect(xlsx.includes(0)).toBe(true);
    const book = await parseFile("-", { path: "table.xlsx", stdin: Readable.from([xlsx]) });
    expect(book.value).toHaveLength(1);
    expect(book.diagnostics.filter((d) => d.ruleId === "input/unreadable")).toEqual([]);
  });
});
