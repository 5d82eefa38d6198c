// Files with very many findings keep them compactly; every output is the same as with objects.
import { describe, expect, it } from "vitest";
import { formatJson, formatJsonChunks } from "../../src/reporters/json.js";
import { formatJunit } from "../../src/reporters/junit.js";
import { formatPrettyChunks } from "../../src/reporters/pretty.js";
import { checkInput } from "../../src/validate/run.js";
import { CompactDiagnostics } from "../../src/validate/compact.js";
import type { FileReport, ReportOptions } from "../../src/types.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

const BROKEN = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
const MANY = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? BROKEN : SEED)).join("\n");

describe("compact findings", () => {
  const plain = checkInput(MANY, { path: "many.txt" });
  const compact = checkInput(MANY, { path: "many.txt", compactAfter: 10 });

  it("are used past the threshold", () => {
    expect(plain.eachDiagnostic).toBeUndefined();
    expect(compact.eachDiagnostic).toBeTypeOf("function");
    expect(plain.diagnostics.length).toBeGreaterThan(500);
  });

  it("give the same counts, order and findings", () => {
    expect([compact.errorCount, compact.warningCount, compact.infoCount]).toEqual([plain.errorCount, plain.warningCount, plain.infoCount]);
    expect([...compact.eachDiagnostic!()]).toEqual(plain.diagnostics);
    expect(compact.diagnostics).toEqual(plain.diagnostics);
  });

  it("give the same JSON report, streamed or not", () => {
    const options = { lang: "en" as const, color: false, cwd: "/" };
    const fresh = checkInput(MANY, { path: "many.txt", compactAfter: 10 });
    const streamed = [...formatJsonChunks([fresh], options)].join("");
    expect(streamed).toBe(formatJson([plain], options));
    // the streamed report did not need the whole array
    expect(Object.getOwnPropertyDescriptor(fresh, "diagnostics")?.get).toBeTypeOf("function");
  });

  it.each([
    ["pretty", (r: FileReport[], o: ReportOptions) => [...formatPrettyChunks(r, o)].join("")],
    ["junit", formatJunit],
  ] as const)("give the same %s report, without making every finding", (_name, format) => {
    for (const options of [{ lang: "en" as const, color: false, cwd: "/" }, { lang: "zh" as const, color: true, cwd: "/" }]) {
      const fresh = checkInput(MANY, { path: "many.txt", compactAfter: 10, keepSource: true });
      const withSource = { ...plain, source: fresh.source };
      expect(format([fresh], options)).toBe(format([withSource], options));
      expect(Object.getOwnPropertyDescriptor(fresh, "diagnostics")?.get).toBeTypeOf("function");
    }
  });
});

describe("compact findings across threads", () => {
  it("taken in from plain data (as posted by another thread) keep every field, after the store's own", () => {
    const all = checkInput(MANY, { path: "many.txt" }).diagnostics;
    const half = Math.floor(all.length / 2);
    // Tiny blocks: findings spread over many of them, and a part that starts mid-block.
    const mine = new CompactDiagnostics(3);
    for (const d of all.slice(0, half)) mine.push(d);
    const theirs = new CompactDiagnostics(5);
    for (const d of all.slice(half)) theirs.push(d);
    // What postMessage delivers: a structured clone, so no string or data object is shared.
    mine.append(structuredClone(theirs.toData()));
    expect(mine.length).toBe(all.length);
    expect(Array.from({ length: mine.length }, (_, i) => mine.get(i))).toEqual(all);
    expect(Array.from(mine.sortedOrder(), (i) => mine.get(i))).toEqual(all);
    const plain = checkInput(MANY, { path: "many.txt" });
    expect(mine.counts()).toEqual({ errorCount: plain.errorCount, warningCount: plain.warningCount, infoCount: plain.infoCount });
  });

  it("in blocks, sort by line, column and rule id, and keep the order of arrival between equals", () => {
    const all = checkInput(MANY, { path: "many.txt" }).diagnostics;
    const store = new CompactDiagnostics(4);
    // Pushed in reverse, with every finding twice (the second of each pair a new object).
    for (const d of [...all].reverse()) {
      store.push(d);
      store.push({ ...d, project: "second" });
    }
    const sorted = Array.from(store.sortedOrder(), (i) => store.get(i));
    const expected = [...all].reverse().flatMap((d) => [d, { ...d, project: "second" }]);
    expected.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    expect(sorted).toEqual(expected);
    expect(store.counts()).toEqual({ errorCount: 2 * all.filter((d) => d.severity === "error").length, warningCount: 2 * all.filter((d) => d.severity === "warning").length, infoCount: 2 * all.filter((d) => d.severity === "info").length });
  });
});

