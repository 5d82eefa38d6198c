// The json report is rendered by hand for speed: it must be byte for byte
// JSON.stringify(buildJsonReport(…), null, 2), whatever the findings hold.
import { describe, expect, it } from "vitest";
import { buildJsonReport, formatJson, formatJsonChunks } from "../../src/reporters/json.js";
import { checkInput, makeReport } from "../../src/validate/run.js";
import type { Diagnostic, FileReport } from "../../src/types.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

const options = { lang: "zh" as const, color: false, cwd: "/" };
const reference = (reports: FileReport[], lang: "zh" | "en" = "zh") => JSON.stringify(buildJsonReport(reports, lang), null, 2) + "\n";

function finding(over: Partial<Diagnostic>): Diagnostic {
  return { ruleId: "indicator/qualitative", severity: "info", messageId: "qualitativeBoth", data: { name: "n", value: "v" }, line: 1, column: 1, endLine: 1, endColumn: 2, project: null, indicator: null, ...over };
}

describe("formatJsonChunks and formatJson", () => {
  const broken = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
  it.each([
    ["no files", []],
    ["one file", [checkInput(SEED, { path: "a.txt" })]],
    ["a file without findings", [makeReport("clean.txt", "utf-8", []), checkInput(SEED, { path: "a.txt" })]],
    ["a clean file among others", [checkInput(SEED, { path: "a.txt" }), checkInput("项目名称\t总计\t绩效目标\t绩效指标\n合计\t0\t\t\n", { path: "b.txt" }), checkInput(broken, { path: "c.txt" })]],
  ])("%s", (_name, reports) => {
    const expected = reference(reports);
    expect([...formatJsonChunks(reports, options)].join("")).toBe(expected);
    expect(formatJson(reports, options)).toBe(expected);
  });

  it("renders odd data, names and cells exactly as JSON.stringify", () => {
    const shared = { name: "“引号”\\\n\t\u0000\u2028", value: "\ud800 lone" };
    const report = makeReport("odd \"path\".txt", null, [
      finding({ data: {}, messageId: "unknownId", project: "<script>alert(1)</script>", indicator: "#3" }),
      finding({ data: shared, ref: "Sheet1!G12" }),
      finding({ data: shared, line: 2 }),
      finding({ ruleId: "amount/row-sum", messageId: "mismatch", severity: "error", data: { count: 3, ratio: 0.5, nan: Number.NaN, "__proto__": "x", "0": "first" } as Record<string, string | number>, line: 3 }),
      finding({ ruleId: "no/such-rule", data: { a: "b" }, line: 4 }),
    ]);
    for (const lang of ["zh", "en"] as const) {
      expect(formatJson([report], { ...options, lang })).toBe(reference([report], lang));
    }
  });
});
