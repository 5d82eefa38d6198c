// Input without a header row: the reader looks for one over a bounded stretch (HEADER_SEARCH_LINES
// non-blank lines, HEADER_SEARCH_CHARS characters) and then stops, so that such a file is reported
// as no performance table after reading only its beginning — not kept whole as preamble notes, in
// memory (a 300 MB file of `abc\tdef` lines used to end in a V8 out-of-memory abort).
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/api.js";
import { convertStreamed } from "../../src/convert/stream.js";
import { formatMessage } from "../../src/i18n/format.js";
import { parseTable } from "../../src/table/parse.js";
import { HEADER_SEARCH_CHARS, HEADER_SEARCH_LINES } from "../../src/table/reader.js";
import { splitRows } from "../../src/table/split.js";
import type { RawRow } from "../../src/table/rows.js";
import { checkRows } from "../../src/validate/run.js";
import { runCli } from "../helpers/cli.js";
import { editSeed, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const dir = tempDir("perftable-header-search-");
const MiB = 1 << 20;

/** `abc\tdef` lines, about `bytes` of them (what `yes $'abc\tdef' | head -c N` makes). */
function headerless(bytes: number): string {
  return "abc\tdef\n".repeat(Math.ceil(bytes / 8));
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const unreadable = (report: { diagnostics: { ruleId: string; messageId: string; data: Record<string, unknown> }[] }) =>
  report.diagnostics.map((d) => [d.ruleId, d.messageId, d.data]);

/** The stream `text` in pieces of `size` bytes. */
function chunked(text: string | Buffer, size = 64 * 1024): Readable {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith("perftable-stdin-"));

describe("looking for a header row", () => {
  it("stops after HEADER_SEARCH_LINES non-blank lines: the rows after are never taken", () => {
    let taken = 0;
    function* counted(): Generator<RawRow> {
      for (const row of splitRows(headerless(4 * MiB))) {
        taken++;
        yield row;
      }
    }
    const report = checkRows(counted(), "utf-8", { path: "x" });
    expect(unreadable(report)).toEqual([["input/unreadable", "noTableWithin", { line: String(HEADER_SEARCH_LINES + 1) }]]);
    expect(taken).toBe(HEADER_SEARCH_LINES + 1);
    expect(formatMessage(report.diagnostics[0]!, "en")).toBe(
      `no performance table in the file (no header row with 项目名称, 总计, 绩效目标 and 绩效指标 by line ${HEADER_SEARCH_LINES + 1}; the rest was not read)`,
    );
  });

  it("counts non-blank lines only (blank lines anywhere are allowed)", () => {
    const text = "\n\t\n".repeat(5000) + SEED;
    expect(parseTable(text).value).toHaveLength(1);
  });

  it("still finds a table after a long preamble, up to the bound, with every line of it kept", () => {
    // The seed's own preamble has 3 non-blank lines before its header.
    const fits = HEADER_SEARCH_LINES - 3;
    const notes = (n: number) => Array.from({ length: n }, (_, i) => `说明第${i + 1}条`).join("\n") + "\n";
    const found = parseTable(notes(fits) + SEED);
    expect(found.value).toHaveLength(1);
    expect(found.value[0]!.department).toBe("广州开发区金融工作局（部门）");
    // The first note is taken as the title; the rest are kept as notes.
    expect(found.value[0]!.notes).toHaveLength(fits);
    const past = parseTable(notes(fits + 1) + SEED);
    expect(past.value).toHaveLength(0);
    // It stops at the seed's 单位 line, its 1,001st non-blank line (blank lines are numbered too).
    const unitLine = fits + 1 + SEED.split("\n").findIndex((l) => l.startsWith("单位")) + 1;
    expect(past.diagnostics.map((d) => [d.messageId, d.data])).toEqual([["noTableWithin", { line: String(unitLine) }]]);
  });

  it("stops after HEADER_SEARCH_CHARS characters of preamble text, even within one line", () => {
    const longNote = "注：" + "很".repeat(HEADER_SEARCH_CHARS);
    const result = parseTable(`${longNote}\n${SEED}`);
    expect(result.value).toHaveLength(0);
    expect(result.diagnostics.map((d) => d.messageId)).toEqual(["noTableWithin"]);
    // A long note within the bound is kept.
    const within = parseTable(`${"注：" + "很".repeat(HEADER_SEARCH_CHARS / 2)}\n${SEED}`);
    expect(within.value).toHaveLength(1);
  });

  it("reads several tables, and after a table stops at a preamble that never gets a header, with a warning", () => {
    const second = editSeed("广州开发区金融工作局（部门）", "另一个部门");
    expect(parseTable(`${SEED}\n${second}\n${SEED}`).value).toHaveLength(3);
    const stray = `项目支出绩效目标表（附）\n${headerless(HEADER_SEARCH_LINES * 8 * 2)}`;
    const strayLine = SEED.split("\n").length + 1;
    const result = parseTable(`${SEED}\n${stray}${second}`);
    expect(result.value.map((d) => d.department)).toEqual(["广州开发区金融工作局（部门）"]);
    const noHeader = result.diagnostics.filter((d) => d.ruleId === "table/preamble");
    expect(noHeader.map((d) => [d.messageId, d.line, d.data])).toEqual([["noHeader", strayLine, { from: strayLine, to: strayLine + HEADER_SEARCH_LINES }]]);
    const checked = checkRows(splitRows(`${SEED}\n${stray}${second}`), "utf-8", { path: "x" });
    expect(checked.diagnostics.filter((d) => d.ruleId === "table/preamble").map((d) => [d.messageId, d.severity])).toEqual([["noHeader", "warning"]]);
    expect(checked.tables).toHaveLength(1);
  });
});

describe("a big file without a header row", () => {
  // NUL bytes 3 MiB in: read that far, the file would be reported as binary instead.
  const poisoned = Buffer.concat([Buffer.from(headerless(3 * MiB)), Buffer.from([0]), Buffer.from(headerless(MiB))]);

  it("is reported as no table from its beginning: what lies further is not read (check, streamed)", async () => {
    const path = file("poisoned.txt", poisoned);
    for (const threads of [1, 2]) {
      const report = await checkFile(path, { path: "t.txt", threads, splitBytes: MiB });
      expect(unreadable(report)).toEqual([["input/unreadable", "noTableWithin", { line: String(HEADER_SEARCH_LINES + 1) }]]);
    }
  });

  it("stops inside a huge line without a line break", async () => {
    const path = file("one-line.txt", Buffer.concat([Buffer.from("a".repeat(3 * MiB)), Buffer.from([0]), Buffer.from("\n")]));
    const report = await checkFile(path, { path: "t.txt" });
    expect(unreadable(report)).toEqual([["input/unreadable", "noTableWithin", { line: "1" }]]);
  });

  it("gives the same finding from standard input, in memory and through a temporary file (removed)", async () => {
    const text = headerless(4 * MiB);
    const before = leftovers().length;
    for (const stdinMemoryLimit of [64 * MiB, MiB]) {
      const report = await checkFile("-", { path: "<stdin>", stdin: chunked(text), stdinMemoryLimit });
      expect(unreadable(report)).toEqual([["input/unreadable", "noTableWithin", { line: String(HEADER_SEARCH_LINES + 1) }]]);
    }
    expect(leftovers().length).toBe(before);
  });

  it("is converted to nothing, with the same finding, in every format", async () => {
    const path = file("convert.txt", headerless(4 * MiB));
    const head = Buffer.from(headerless(65536)).subarray(0, 65536);
    for (const format of ["json", "ndjson", "csv"] as const) {
      let out = "";
      const result = await convertStreamed(path, head, format, (s) => void (out += s));
      expect([result.tables, out]).toEqual([0, ""]);
      expect(result.diagnostics.map((d) => [d.messageId, d.data])).toEqual([["noTableWithin", { line: String(HEADER_SEARCH_LINES + 1) }]]);
    }
  });

  it("converts a table after a short header-less stretch as before", async () => {
    const text = "说明\n".repeat(10) + SEED;
    const path = file("late-header.txt", text);
    let out = "";
    const result = await convertStreamed(path, Buffer.from(text).subarray(0, 65536), "json", (s) => void (out += s));
    expect(result.tables).toBe(1);
    expect(JSON.parse(out).notes).toHaveLength(10); // the first line is taken for the title, the seed's title is a note
  });

  it("makes check, convert and audit say so, exit codes as for any file without a table", async () => {
    const path = file("cli.txt", headerless(3 * MiB));
    const said = "no header row with 项目名称, 总计, 绩效目标 and 绩效指标 by line 1001; the rest was not read";
    const check = await runCli(["check", path, "--jobs", "1"]);
    expect([check.code, check.stdout.includes(said)]).toEqual([2, true]);
    const stdin = await runCli(["check", "-", "-f", "json"], { stdin: headerless(3 * MiB) });
    expect([stdin.code, JSON.parse(stdin.stdout).files[0].diagnostics[0].messageId]).toEqual([2, "noTableWithin"]);
    for (const to of ["json", "ndjson", "csv"]) {
      const convert = await runCli(["convert", path, "--to", to]);
      expect([convert.code, convert.stdout, convert.stderr.includes(said)]).toEqual([2, "", true]);
    }
    const audit = await runCli(["audit", path, "-f", "json"]);
    expect(JSON.parse(audit.stdout).files[0].diagnostics[0].messageId).toBe("noTableWithin");
  });
});
