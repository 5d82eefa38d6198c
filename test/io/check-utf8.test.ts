// checkUtf8 reads a file taken for UTF-8 through before a conversion writes anything: it must accept
// every valid file whatever falls on its 1 MiB chunk boundaries, and say what streamRows would say
// (not UTF-8; NUL bytes) for any bad byte anywhere. And convert writes nothing before it fails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkUtf8, StreamDecodeError } from "../../src/io/stream.js";
import { ROOT, SEED } from "../helpers/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "perftable-utf8-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(bytes: Uint8Array): string {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, bytes);
  return path;
}

const MiB = 1 << 20;
/** 1-, 2-, 3- and 4-byte characters, so that every kind of sequence meets a chunk boundary. */
const MIXED = Buffer.from("a¢项𠀀".repeat(Math.ceil((2.5 * MiB) / 10)), "utf8");

async function failure(path: string, skip = 0): Promise<string | null> {
  try {
    await checkUtf8(path, skip);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(StreamDecodeError);
    return (error as StreamDecodeError).failure.messageId;
  }
}

describe("checkUtf8", () => {
  it("accepts valid UTF-8 whatever is cut at the chunk boundaries", async () => {
    // 0–9 bytes of padding put each byte of each sequence on the boundary.
    for (let shift = 0; shift < 10; shift++) expect(await failure(file(Buffer.concat([Buffer.alloc(shift, 0x61), MIXED])))).toBeNull();
    expect(await failure(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), MIXED])), 3)).toBeNull();
    expect(await failure(file(new Uint8Array(0)))).toBeNull();
  });

  it("finds a bad byte anywhere, also next to a chunk boundary and at the very end", async () => {
    for (const at of [0, 5, MiB - 1, MiB, MiB + 1, 2 * MiB + 3, MIXED.length - 1]) {
      const bytes = Buffer.from(MIXED);
      bytes[at] = 0xff;
      expect(await failure(file(bytes))).toBe("undecodable");
    }
    // A sequence cut short by the end of the file.
    expect(await failure(file(Buffer.concat([MIXED, Buffer.from([0xe9, 0xa1])])))).toBe("undecodable");
  });

  it("finds NUL bytes", async () => {
    const bytes = Buffer.from(MIXED);
    bytes[MiB + 7] = 0;
    expect(await failure(file(bytes))).toBe("binary");
  });
});

describe("convert of a UTF-8 table with a bad byte deep inside", () => {
  const CLI = `${ROOT}bin/perftable.js`;
  it.skipIf(!existsSync(`${ROOT}dist/cli.cjs`))("writes nothing, then fails as for any table it cannot read", () => {
    const text = Array.from({ length: 400 }, () => SEED).join("\n");
    const at = Buffer.byteLength(text.slice(0, Math.floor(text.length * 0.8)));
    const bytes = Buffer.from(text, "utf8");
    const path = file(Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]));
    const run = spawnSync(process.execPath, [CLI, "convert", path, "--lang", "en"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("input/unreadable");
  });
});
