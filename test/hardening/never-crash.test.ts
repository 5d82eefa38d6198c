// Never crash, never point outside the input: properties over check, parse, convert and every check
// reporter with arbitrary bytes, arbitrary Unicode, table-shaped noise and mutations of the seed table;
// a sample through the CLI in-process, and once through the built binary.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseIndicators } from "../../grammar/index.js";
import { formatDocuments } from "../../src/convert/index.js";
import { formatReport, REPORT_FORMATS } from "../../src/reporters/index.js";
import { getRule } from "../../src/rules/index.js";
import { parseTable } from "../../src/table/parse.js";
import type { Diagnostic, FileReport, Lang } from "../../src/types.js";
import { checkInput } from "../../src/validate/run.js";
import {
  applyMutations,
  arbitraryBytes,
  hostileName,
  mutations,
  positionProblems,
  STACK_TRACE,
  tableLikeText,
  unicodeText,
} from "../helpers/arbitraries.js";
import { runCli } from "../helpers/cli.js";
import { ROOT, SEED } from "../helpers/fixtures.js";

const SEED_BYTES = new TextEncoder().encode(SEED);
const workDir = mkdtempSync(join(tmpdir(), "perftable-never-crash-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Placeholders of a message template that the diagnostic's data does not fill (`fooZh` is filled by `foo` too, see fillTemplate). */
function unfilledPlaceholders(d: Diagnostic, lang: Lang): string[] {
  const template = getRule(d.ruleId)?.meta.messages[d.messageId]?.[lang];
  if (template === undefined) return [`no ${lang} message ${d.ruleId}/${d.messageId}`];
  const has = (key: string) => Object.prototype.hasOwnProperty.call(d.data, key);
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((key) => !has(key) && !(key.endsWith("Zh") && has(key.slice(0, -2))));
}

/** The decoded text positions refer to: the report's source, or the text given minus its BOM. */
function sourceOf(report: FileReport, input: string | Uint8Array): string | null {
  if (report.source !== undefined) return report.source;
  if (typeof input === "string") return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return null;
}

/**
 * Check, parse and convert one input and run every reporter over it, asserting the invariants:
 * nothing throws, every position lies in the input, every report names its file, every message
 * exists in both languages with its placeholders filled, counts match the findings.
 */
function exercise(input: string | Uint8Array, path: string, lang: Lang, color: boolean): void {
  const report = checkInput(input, { path, keepSource: true });
  expect(report.path).toBe(path);
  const source = sourceOf(report, input);
  if (source === null) {
    // Not decodable: exactly one input/unreadable finding, at the start of the file or, for bytes
    // declared UTF-8 that are not, at the first bad byte (a line of the input).
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(["input/unreadable"]);
    const d = report.diagnostics[0]!;
    if (d.messageId === "undecodableAt") {
      const lines = typeof input === "string" ? input.split("\n").length : input.filter((b) => b === 0x0a).length + 1;
      expect([d.line, d.column]).toEqual([Number(d.data.line), Number(d.data.column)]);
      expect(d.line).toBeLessThanOrEqual(lines);
    } else expect([d.line, d.column]).toEqual([1, 1]);
  } else {
    expect(positionProblems(source, report.diagnostics)).toEqual([]);
  }
  for (const d of report.diagnostics) {
    expect(unfilledPlaceholders(d, "zh")).toEqual([]);
    expect(unfilledPlaceholders(d, "en")).toEqual([]);
  }
  const count = (s: string) => report.diagnostics.filter((d) => d.severity === s).length;
  expect([report.errorCount, report.warningCount, report.infoCount]).toEqual([count("error"), count("warning"), count("info")]);

  for (const format of REPORT_FORMATS) {
    const out = formatReport(format, [report], { lang, color, cwd: "/work" });
    expect(typeof out).toBe("string");
    if (format === "json") expect(JSON.parse(out).files[0].path).toBe(path);
    if (format === "sarif") expect(JSON.parse(out).runs[0].results).toHaveLength(Math.min(report.diagnostics.length, 5000));
    if (format === "pretty" || format === "summary" || format === "junit") expect(out).toContain(path);
    if (format === "github" && report.diagnostics.length > 0) expect(out).toContain(`file=${path}`);
  }

  const parsed = parseTable(input);
  if (source !== null) {
    expect(positionProblems(source, parsed.diagnostics)).toEqual([]);
    const spans = parsed.value.flatMap((doc) => doc.units.flatMap((u) => u.projects.flatMap((p) => p.indicators)));
    expect(positionProblems(source, spans)).toEqual([]);
  }
  if (parsed.value.length === 0) expect(parsed.diagnostics.some((d) => d.ruleId === "input/unreadable")).toBe(true);
  // (Zero documents: convert exits 2 and writes nothing, so only documents are held to be JSON.)
  if (parsed.value.length > 0) expect(() => JSON.parse(formatDocuments("json", parsed.value))).not.toThrow();
  for (const line of formatDocuments("ndjson", parsed.value).split("\n").filter((l) => l !== "")) expect(() => JSON.parse(line)).not.toThrow();
  expect(formatDocuments("csv", parsed.value).startsWith("\uFEFFdepartment,")).toBe(true);
}

/** File names that every output can show verbatim (so "names its file" is a plain substring test). */
const plainPath = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/).map((s) => `tables/${s}.txt`);
const lang = fc.constantFrom<Lang>("zh", "en");

describe("never crash: library and reporters", () => {
  it("arbitrary bytes", () => {
    fc.assert(fc.property(arbitraryBytes(), plainPath, lang, fc.boolean(), (bytes, path, l, color) => exercise(bytes, path, l, color)), { numRuns: 300 });
  });

  it("arbitrary Unicode text, lone surrogates included", () => {
    fc.assert(fc.property(unicodeText(300), plainPath, lang, fc.boolean(), (text, path, l, color) => exercise(text, path, l, color)), { numRuns: 300 });
  });

  it("table-shaped text whose cells are anything", () => {
    fc.assert(fc.property(tableLikeText(), plainPath, lang, fc.boolean(), (text, path, l, color) => exercise(text, path, l, color)), { numRuns: 300 });
  });

  it("the seed with byte flips, cuts, duplicated or shuffled lines, swapped or replaced cells", () => {
    fc.assert(
      fc.property(mutations(), plainPath, lang, fc.boolean(), (list, path, l, color) => exercise(applyMutations(SEED_BYTES, list), path, l, color)),
      { numRuns: 100 },
    );
  });

  it("the seed decoded, with mutations that may leave lone surrogates in memory", () => {
    fc.assert(
      fc.property(fc.nat(), unicodeText(40), lang, (at, text, l) => {
        const lines = SEED.split("\n");
        const i = at % lines.length;
        const cells = lines[i]!.split("\t");
        cells[(at >> 5) % cells.length] = text;
        lines[i] = cells.join("\t");
        exercise(lines.join("\n"), "seed.txt", l, false);
      }),
      { numRuns: 60 },
    );
  });

  it("parseIndicators on any cell at any start keeps every position inside the cell", () => {
    fc.assert(
      fc.property(fc.oneof(unicodeText(200), hostileName()), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (text, line, column) => {
        const { value, diagnostics } = parseIndicators(text, { line, column });
        // Place the cell in a text at (line, column) so positionProblems can judge the positions.
        const placed = "\n".repeat(line - 1) + "x".repeat(column - 1) + text;
        expect(positionProblems(placed, diagnostics)).toEqual([]);
        expect(positionProblems(placed, value)).toEqual([]);
        expect(value.filter((i) => i.error !== undefined)).toHaveLength(diagnostics.length);
      }),
      { numRuns: 500 },
    );
  });

  it("reporters show a file with a hostile name and still name it", () => {
    fc.assert(
      fc.property(fc.oneof(hostileName(), hostileName().map((h) => `/elsewhere/${h}.txt`)), lang, fc.boolean(), (path, l, color) => {
        const report = checkInput(SEED, { path, keepSource: true });
        expect(report.path).toBe(path);
        for (const format of REPORT_FORMATS) {
          const out = formatReport(format, [report], { lang: l, color, cwd: "/work" });
          if (format === "json") expect(JSON.parse(out).files[0].path).toBe(path);
          if (format === "sarif") expect(() => JSON.parse(out)).not.toThrow();
          // Annotations: one command per line whatever the name holds.
          if (format === "github") for (const a of out.split("\n").filter((x) => x !== "")) expect(a).toMatch(/^::(error|warning|notice) file=[^\n]*::[^\n]*$|^::notice::/);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("never crash: the CLI in-process", () => {
  const formats = fc.constantFrom("pretty", "json", "sarif", "github", "junit", "summary");
  let n = 0;

  it("check on mutated seeds exits 0, 1 or 2 without a stack trace, naming the file", async () => {
    await fc.assert(
      fc.asyncProperty(mutations(3), formats, async (list, format) => {
        const name = `mutated-${n++}.txt`;
        writeFileSync(join(workDir, name), applyMutations(SEED_BYTES, list));
        const r = await runCli(["check", name, "-f", format], { cwd: workDir });
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(STACK_TRACE);
        expect(r.stderr).not.toContain("internal error");
        expect(r.stdout).toContain(name);
        if (format === "json") expect(JSON.parse(r.stdout).files[0].path).toBe(name);
      }),
      { numRuns: 12 },
    );
  });

  it("convert on mutated seeds exits 0 or 2 and every message names the file", async () => {
    await fc.assert(
      fc.asyncProperty(mutations(3), fc.constantFrom("json", "ndjson", "csv"), async (list, to) => {
        const name = `converted-${n++}.txt`;
        writeFileSync(join(workDir, name), applyMutations(SEED_BYTES, list));
        const r = await runCli(["convert", name, "--to", to], { cwd: workDir });
        expect([0, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(STACK_TRACE);
        for (const line of r.stderr.split("\n").filter((l) => l !== "")) expect(line).toContain(name);
        if (r.code === 0 && to === "json") expect(() => JSON.parse(r.stdout)).not.toThrow();
        if (r.code === 2) expect(r.stderr).toContain("input/unreadable");
      }),
      { numRuns: 8 },
    );
  });
});

const BUILT = existsSync(join(ROOT, "dist/cli.cjs"));

describe("never crash: the built binary", () => {
  it.skipIf(!BUILT)(`bin/perftable.js checks a mutated table${BUILT ? "" : " (skipped: dist/cli.cjs is missing; run npm run build)"}`, () => {
    const [list] = fc.sample(mutations(3), { numRuns: 1, seed: 20240501 });
    const file = join(workDir, "built.txt");
    writeFileSync(file, applyMutations(SEED_BYTES, list!));
    const r = spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), "check", file, "-f", "json"], { encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8" } });
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(JSON.parse(r.stdout).files[0].path).toBe(file);
    const broken = spawnSync(process.execPath, [join(ROOT, "bin/perftable.js"), "check", join(workDir, "no-such-file.txt")], { encoding: "utf8" });
    expect(broken.status).toBe(2);
    expect(broken.stderr + broken.stdout).toContain("no-such-file.txt");
    expect(broken.stderr).not.toMatch(STACK_TRACE);
  });
});
