// Where bytes stop being UTF-8: the locator agrees with TextDecoder's fatal mode on any bytes, and
// check / convert name the line and column of the bad byte.
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locateInvalidUtf8, Utf8Locator } from "../../src/io/decode.js";
import { runCli } from "../helpers/cli.js";
import { SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const valid = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Valid UTF-8 text with a few arbitrary bytes mixed in. */
const mixed = fc
  .tuple(fc.array(fc.oneof(fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 3 }), fc.constant(new Uint8Array([0x0a]))), { maxLength: 20 }))
  .map(([parts]) => Uint8Array.from(parts.flatMap((p) => [...p])));

describe("Utf8Locator", () => {
  it("finds a problem exactly when TextDecoder's fatal mode rejects the bytes, fed whole or in pieces", () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 1, max: 7 }), (bytes, piece) => {
        expect(locateInvalidUtf8(bytes) === null).toBe(valid(bytes));
        const at = new Utf8Locator();
        let bad = false;
        for (let i = 0; i < bytes.length && !bad; i += piece) bad = at.feed(bytes.subarray(i, i + piece));
        bad ||= at.end();
        expect(bad).toBe(!valid(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it("names the line, the column in code points and the first byte of the broken character", () => {
    const text = new TextEncoder().encode("ab\n合计𬌗x");
    const bytes = Uint8Array.from([...text, 0xe9, 0x41]);
    const at = locateInvalidUtf8(bytes)!;
    expect(at.failure().data).toEqual({ encoding: "utf-8", line: "2", column: "5", byte: "0xE9" });
    // overlong, surrogate and past U+10FFFF forms are refused as TextDecoder refuses them
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80]]) expect(locateInvalidUtf8(Uint8Array.from(bad))).not.toBeNull();
    expect(locateInvalidUtf8(Uint8Array.from([0xe5, 0x90]))?.failure().data.column).toBe("1"); // cut at the end
  });
});

describe("a long table (past the header search bound when read as GB18030) with one byte that is not UTF-8", () => {
  it("still names the byte", async () => {
    const lines = SEED.split("\n");
    const body = lines.slice(9).filter((l) => l !== "").join("\n");
    const long = [lines.slice(0, 9).join("\n"), ...Array.from({ length: 120 }, () => body)].join("\n");
    const bytes = Buffer.concat([Buffer.from(long + "\n"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const dir = tempDir("perftable-utf8-");
    writeFileSync(join(dir, "t.txt"), bytes);
    expect(long.split("\n").length).toBeGreaterThan(1200);
    const r = await runCli(["check", "t.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).files[0].diagnostics[0].messageId).toBe("noTableNotUtf8");
  });
});

describe("a table with one byte that is not UTF-8", () => {
  const lines = SEED.split("\n");
  const at = lines.findIndex((l) => l.startsWith("综合工作经费"));
  const bad = Buffer.concat([Buffer.from(lines.slice(0, at).join("\n") + "\n综合工作"), Buffer.from([0xe9]), Buffer.from("经费" + lines[at]!.slice(6) + "\n" + lines.slice(at + 1).join("\n"))]);
  const where = `line ${at + 1}, column 5`;

  it.each([
    ["with a BOM (declared UTF-8: never read as GB18030)", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bad]), [], `the file is not valid utf-8: byte 0xE9 at ${where} cannot be decoded`],
    ["with --encoding utf-8", bad, ["--encoding", "utf-8"], `the file is not valid utf-8: byte 0xE9 at ${where} cannot be decoded`],
    ["without a BOM (read as GB18030, which finds no header)", bad, [], `no performance table in the file: it is not valid UTF-8 (byte 0xE9 at ${where}), and read as GB18030 it has no header row`],
  ])("%s: the place of the byte, in every path", async (_name, bytes, extra, message) => {
    const dir = tempDir("perftable-utf8-");
    writeFileSync(join(dir, "t.txt"), bytes);
    for (const format of ["json", "pretty"]) {
      // (json streams the file, pretty reads it whole)
      const r = await runCli(["check", "t.txt", "-f", format, ...extra], { cwd: dir });
      expect(r.code).toBe(2);
      if (format === "json") expect(JSON.parse(r.stdout).files[0].diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", line: at + 1, column: 5, message });
      else expect(r.stdout).toContain(`t.txt:${at + 1}:5`);
    }
    const convert = await runCli(["convert", "t.txt", ...extra], { cwd: dir });
    expect(convert.code).toBe(2);
    expect(convert.stderr).toContain(message);
  });
});
