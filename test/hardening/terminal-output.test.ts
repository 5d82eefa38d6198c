// Hostile table text through the CLI to a terminal (standard output a TTY): audit csv / ndjson /
// json and convert csv / ndjson / json never write a control character (other than the line ends
// their format needs), DEL, a C1 control or a bidi control raw; they show them as `\uXXXX`, as the
// other terminal reports do. Not on a terminal the output stays the data, byte for byte.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, formatDocuments, type ConvertFormat } from "../../src/convert/index.js";
import { csvText } from "../../src/reporters/audit/csv.js";
import { sanitizeText } from "../../src/reporters/sanitize.js";
import { parseTable } from "../../src/table/parse.js";
import { UNSAFE_TERMINAL } from "../helpers/arbitraries.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const FIXTURES = ["fixtures/hostile/control-characters.txt", "fixtures/hostile/bidi-controls.txt"];
const ENV = { LANG: "en_US.UTF-8", NO_COLOR: "1" };

/** Terminal text with CSV's CRLF row ends taken as line ends (the CR there is the format's). */
function lineEndsAsLf(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

function csvRows(text: string): string[][] {
  return parseCsv(text, { bom: true, relax_column_count: false }) as string[][];
}

function ndjsonValues(text: string): unknown[] {
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

/**
 * What the terminal shows is the output without a terminal made safe: the same JSON values, and
 * the same CSV rows with each cell as sanitizeText shows it.
 */
function expectSameData(format: "csv" | "ndjson" | "json", terminal: string, piped: string): void {
  if (format === "json") expect(JSON.parse(terminal)).toEqual(JSON.parse(piped));
  else if (format === "ndjson") expect(ndjsonValues(terminal)).toEqual(ndjsonValues(piped));
  else expect(csvRows(terminal)).toEqual(csvRows(piped).map((row) => row.map(sanitizeText)));
}

describe.each(FIXTURES)("convert %s", (file) => {
  const bytes = readFileSync(join(ROOT, file));

  it.each(["csv", "ndjson", "json"] as const)("--to %s on a terminal: nothing raw, the same data (named file and standard input)", async (format) => {
    for (const input of [file, "-"]) {
      const options = { cwd: ROOT, env: ENV, stdin: input === "-" ? bytes : undefined };
      const tty = await runCli(["convert", input, "--to", format], { ...options, tty: true });
      const piped = await runCli(["convert", input, "--to", format], options);
      expect(tty.code).toBe(0);
      // The data holds such characters, and without a terminal they are written as they are.
      expect(piped.stdout).toMatch(UNSAFE_TERMINAL);
      expect(lineEndsAsLf(tty.stdout)).not.toMatch(UNSAFE_TERMINAL);
      expectSameData(format, tty.stdout, piped.stdout);
    }
  });

  it.each(["csv", "ndjson", "json"] as const)("--to %s not on a terminal: exactly the formatter's text, as in -o", async (format) => {
    const expected = formatDocuments(format as ConvertFormat, parseTable(bytes).value);
    const piped = await runCli(["convert", file, "--to", format], { cwd: ROOT, env: ENV });
    expect(piped.stdout).toBe(expected);
    const fromStdin = await runCli(["convert", "-", "--to", format], { cwd: ROOT, env: ENV, stdin: bytes });
    expect(fromStdin.stdout).toBe(expected);
    // -o writes a file even from a terminal: the data as it is.
    const out = join(tempDir("perftable-terminal-"), `out.${format}`);
    expect((await runCli(["convert", file, "--to", format, "-o", out], { cwd: ROOT, env: ENV, tty: true })).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(expected);
  });
});

describe("audit of hostile tables", () => {
  it.each(["csv", "ndjson", "json"] as const)("-f %s on a terminal: nothing raw, the same data", async (format) => {
    for (const jobs of ["1", "2"]) {
      const args = ["audit", ...FIXTURES, "-f", format, "--jobs", jobs, "--no-progress"];
      const tty = await runCli(args, { cwd: ROOT, env: ENV, tty: true });
      const piped = await runCli(args, { cwd: ROOT, env: ENV });
      expect(tty.code).toBe(piped.code);
      expect(piped.stdout).toMatch(UNSAFE_TERMINAL);
      expect(lineEndsAsLf(tty.stdout)).not.toMatch(UNSAFE_TERMINAL);
      expectSameData(format, tty.stdout, piped.stdout);
    }
  });

  it("a second and third report on a terminal's standard output (--report ndjson=- --report json=-) are made safe too", async () => {
    const args = ["audit", ...FIXTURES, "-f", "csv", "--report", "ndjson=-", "--report", "json=-", "--no-progress"];
    const tty = await runCli(args, { cwd: ROOT, env: ENV, tty: true });
    expect(lineEndsAsLf(tty.stdout)).not.toMatch(UNSAFE_TERMINAL);
    expect(tty.stdout).toContain("\\u001b]8;;http://x\\u0007");
    expect((await runCli(args, { cwd: ROOT, env: ENV })).stdout).toMatch(UNSAFE_TERMINAL);
  });

  it.each(["csv", "ndjson", "json"] as const)("-f %s not on a terminal, and -o from a terminal: the same bytes", async (format) => {
    const args = ["audit", ...FIXTURES, "-f", format, "--no-progress"];
    const piped = await runCli(args, { cwd: ROOT, env: ENV });
    const out = join(tempDir("perftable-terminal-"), `report.${format}`);
    await runCli([...args, "-o", out], { cwd: ROOT, env: ENV, tty: true });
    expect(readFileSync(out, "utf8")).toBe(piped.stdout);
    expect(piped.stdout).toMatch(UNSAFE_TERMINAL);
  });
});

describe("CSV cells for a terminal", () => {
  it("show controls as \\uXXXX text after the formula guard, quoted only as the shown text needs", () => {
    for (const cell of [csvText, csvCell] as const) {
      expect(cell("\u001b]8;;http://x\u0007链接", true)).toBe("\\u001b]8;;http://x\\u0007链接");
      expect(cell("line\nbreak", true)).toBe("line\\u000abreak");
      expect(cell('a\u009b"b"', true)).toBe('"a\\u009b""b"""');
      expect(cell === csvCell ? csvCell("=\u202eevil", true, true) : cell("=\u202eevil", true)).toBe("'=\\u202eevil");
      expect(cell("\u007f,x", true)).toBe('"\\u007f,x"');
      // Not on a terminal: as before.
      expect(cell("\u001b[2J", false)).toBe("\u001b[2J");
      expect(cell("line\nbreak")).toBe('"line\nbreak"');
    }
  });
});
