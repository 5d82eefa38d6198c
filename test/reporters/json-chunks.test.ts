// The streamed json report is byte for byte the in-memory one.
import { describe, expect, it } from "vitest";
import { formatJson, formatJsonChunks } from "../../src/reporters/json.js";
import { checkInput, makeReport } from "../../src/validate/run.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

describe("formatJsonChunks", () => {
  const broken = editSeed("合计\t15,812.52\t15,812.52", "合计\t15,812.52\t15,813.52");
  const options = { lang: "zh" as const, color: false, cwd: "/" };
  it.each([
    ["no files", []],
    ["one file", [checkInput(SEED, { path: "a.txt" })]],
    ["a file without findings", [makeReport("clean.txt", "utf-8", []), checkInput(SEED, { path: "a.txt" })]],
    ["a clean file among others", [checkInput(SEED, { path: "a.txt" }), checkInput("项目名称\t总计\t绩效目标\t绩效指标\n合计\t0\t\t\n", { path: "b.txt" }), checkInput(broken, { path: "c.txt" })]],
  ])("%s", (_name, reports) => {
    for (const r of reports) r.diagnostics = r.diagnostics.filter((d) => d.ruleId !== "table/preamble" || d.line > 0);
    expect([...formatJsonChunks(reports, options)].join("")).toBe(formatJson(reports, options));
  });
});
