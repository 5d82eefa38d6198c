// Tests of the sarif reporter: valid against the OASIS SARIF 2.1.0 schema, rules[] from the
// registry, relative URIs, stable unique fingerprints, and the 5,000-result cap.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/i18n/format.js";
import { rules } from "../../src/rules/index.js";
import { FINGERPRINT_KEY, SARIF_MAX_RESULTS, buildSarifLog, formatSarif } from "../../src/reporters/sarif.js";
import type { SarifLog } from "../../src/reporters/sarif.js";
import type { Diagnostic } from "../../src/types.js";
import { CWD, EN, HOSTILE, SEED_PATH, ZH, cleanReport, diag, fileReport, hostileReport, seedReport, unreadableReport } from "./fixtures.js";

// ajv-formats is CommonJS; require() gives its plugin function whatever the ESM interop does.
const addFormats = createRequire(import.meta.url)("ajv-formats") as (ajv: Ajv) => Ajv;
const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/sarif-schema-2.1.0.json", import.meta.url)), "utf8"),
) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

describe("formatSarif", () => {
  it("validates against the SARIF 2.1.0 schema (en and zh, hostile text included)", () => {
    const reports = [seedReport(), unreadableReport(), cleanReport(), hostileReport()];
    expectValid(formatSarif(reports, EN));
    expectValid(formatSarif(reports, ZH));
    expectValid(formatSarif([], EN));
  });

  it("names the cell of a finding in a .xlsx or .csv first in its message, and in properties.ref", () => {
    const cell = diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 21, column: 3, data: { name: "项目甲", expected: "1.00", actual: "2.00", difference: "1.00", unit: "万元" }, ref: "绩效目标表!B21" });
    const plain = diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 22, column: 3, data: { name: "项目乙", expected: "1.00", actual: "2.00", difference: "1.00", unit: "万元" } });
    const log = expectValid(formatSarif([fileReport("t.xlsx", [cell, plain])], EN));
    const [a, b] = log.runs[0]!.results;
    expect(a!.message.text).toBe(`绩效目标表!B21: ${formatMessage(cell, "en")}`);
    expect(a!.properties).toMatchObject({ ref: "绩效目标表!B21" });
    expect(b!.message.text).toBe(formatMessage(plain, "en"));
    expect(b!.properties?.ref).toBeUndefined();
  });

  it("the schema check can fail", () => {
    const log = JSON.parse(formatSarif([seedReport()], EN)) as SarifLog;
    (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as { startLine: number }).startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it("describes the tool and every registry rule, with help and default level", () => {
    const log = buildSarifLog([seedReport()], EN, { version: "9.9.9" });
    const run = log.runs[0]!;
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/^https:\/\//);
    expect(run.columnKind).toBe("unicodeCodePoints");
    expect(run.tool.driver.name).toBe("perftable");
    expect(run.tool.driver.version).toBe("9.9.9");
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
    const unreadable = run.tool.driver.rules[0]!;
    expect(unreadable).toMatchObject({
      id: "input/unreadable",
      shortDescription: { text: "the file cannot be read as a performance table" },
      defaultConfiguration: { level: "error" },
    });
    expect(unreadable.help?.text).toContain("A missing, empty or binary file");
    expect(unreadable.help?.markdown).toContain("Passing example:\n\n```text\n项目名称（资金使用单位）\t总计");
    const zhRule = buildSarifLog([], ZH).runs[0]!.tool.driver.rules[0]!;
    expect(zhRule.shortDescription.text).toBe("文件无法作为绩效目标表读取");
  });

  it("reports each finding with its rule index, level, message and region", () => {
    const seed = seedReport();
    const run = buildSarifLog([seed, unreadableReport()], EN).runs[0]!;
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    for (const r of run.results) expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
    // most severe first
    expect(run.results.map((r) => r.level)).toEqual(["error", ...Array(8).fill("warning"), "note"]);
    const vacuous = run.results.find((r) => r.ruleId === "indicator/vacuous-target")!;
    expect(vacuous.message.text).toBe(formatMessage(seed.diagnostics[5]!, "en"));
    expect(vacuous.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: SEED_PATH, uriBaseId: "%SRCROOT%" },
      region: { startLine: 21, startColumn: 273, endLine: 21, endColumn: 276 },
    });
    expect(vacuous.properties).toEqual({ project: "广州市年度巨灾指数保险经费", indicator: "保险赔付率" });
  });

  it("makes URIs relative to cwd with forward slashes, percent-encoded; outside cwd a file URI", () => {
    const reports = [
      unreadableReport(`${CWD}/广州/绩效 目标表.txt`),
      unreadableReport("sub/a#b.txt"),
      unreadableReport("/elsewhere/x.txt"),
    ];
    const log = expectValid(formatSarif(reports, EN));
    const locations = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(locations).toEqual([
      { uri: "%E5%B9%BF%E5%B7%9E/%E7%BB%A9%E6%95%88%20%E7%9B%AE%E6%A0%87%E8%A1%A8.txt", uriBaseId: "%SRCROOT%" },
      { uri: "sub/a%23b.txt", uriBaseId: "%SRCROOT%" },
      { uri: "file:///elsewhere/x.txt" },
    ]);
  });

  it("makes URIs and fingerprints relative to the repository root (GITHUB_WORKSPACE) when given", () => {
    // GitHub code scanning reads a relative URI from the repository root, not from the step's folder.
    const inSubfolder = { ...EN, cwd: `${CWD}/submissions`, root: CWD };
    const log = expectValid(formatSarif([unreadableReport("金融局 #1.txt")], inSubfolder));
    const result = log.runs[0]!.results[0]!;
    expect(result.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: "submissions/%E9%87%91%E8%9E%8D%E5%B1%80%20%231.txt",
      uriBaseId: "%SRCROOT%",
    });
    // The same file checked from the repository root is the same alert.
    const fromRoot = buildSarifLog([unreadableReport("submissions/金融局 #1.txt")], EN).runs[0]!.results[0]!;
    expect(result.partialFingerprints).toEqual(fromRoot.partialFingerprints);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications![0]!.locations![0]!.physicalLocation.artifactLocation.uri).toBe(
      "submissions/%E9%87%91%E8%9E%8D%E5%B1%80%20%231.txt",
    );
  });

  it("gives stable fingerprints from file, rule and project, unique when the triple repeats", () => {
    const seed = seedReport();
    const first = buildSarifLog([seed], EN).runs[0]!.results;
    const again = buildSarifLog([seedReport()], ZH).runs[0]!.results;
    const prints = first.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    expect(again.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{64}(:\d+)?$/);

    // Same file, rule and project twice: the second gets an occurrence index.
    const twice = fileReport("t.txt", [
      diag({ ruleId: "indicator/qualitative", severity: "info", messageId: "qualitativeAnnual", line: 3, column: 5, project: "P" }),
      diag({ ruleId: "indicator/qualitative", severity: "info", messageId: "qualitativeAnnual", line: 3, column: 40, project: "P" }),
      diag({ ruleId: "indicator/qualitative", severity: "info", messageId: "qualitativeAnnual", line: 4, column: 40, project: "Q" }),
    ]);
    const [a, b, c] = buildSarifLog([twice], EN).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    expect(b).toBe(`${a}:1`);
    expect(c).not.toBe(a?.slice(0, 64));
    // Moving a finding within the file keeps its fingerprint.
    const moved = fileReport("t.txt", [
      diag({ ruleId: "indicator/qualitative", severity: "info", messageId: "qualitativeAnnual", line: 9, column: 1, project: "Q" }),
    ]);
    expect(buildSarifLog([moved], EN).runs[0]!.results[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(c);
  });

  it("caps at 5,000 results, most severe first, and says how many were left out", () => {
    const diagnostics: Diagnostic[] = [];
    diagnostics.push(diag({ ruleId: "indicator/no-unit", severity: "info", messageId: "noUnitAnnual", line: 1, column: 1 }));
    for (let i = 0; i < SARIF_MAX_RESULTS - 1; i++) {
      diagnostics.push(diag({ ruleId: "indicator/sequence", messageId: "gap", line: 2 + i, column: 1, project: `P${i}` }));
    }
    diagnostics.push(diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 9000, column: 3 }));
    diagnostics.push(diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 9001, column: 3 }));
    const log = expectValid(formatSarif([fileReport("big.txt", diagnostics)], EN));
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results.slice(0, 2).map((r) => r.level)).toEqual(["error", "error"]);
    expect(run.results.filter((r) => r.level === "note")).toHaveLength(0);
    expect(run.results.filter((r) => r.level === "warning")).toHaveLength(SARIF_MAX_RESULTS - 2);
    const invocation = run.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(true);
    const note = invocation.toolExecutionNotifications?.[0]?.message.text ?? "";
    expect(note).toContain("5000 most severe of 5002 results");
    expect(note).toContain("2 problems (0 errors, 1 warning, 1 info)");

    const small = buildSarifLog([seedReport()], ZH, { maxResults: 3 }).runs[0]!;
    expect(small.results).toHaveLength(3);
    expect(small.invocations[0]!.toolExecutionNotifications?.[0]?.message.text).toContain("6 个问题（0 个错误，5 个警告，1 个提示）");
  });

  it("has no notification when nothing is left out", () => {
    const run = buildSarifLog([seedReport()], EN).runs[0]!;
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("marks the run unsuccessful when a file could not be read, with an error notification per such file", () => {
    const reports = [seedReport(), unreadableReport("报表/缺失.txt"), cleanReport(), unreadableReport("/elsewhere/gone.txt")];
    for (const [options, lang] of [[EN, "en"], [ZH, "zh"]] as const) {
      const run = expectValid(formatSarif(reports, options)).runs[0]!;
      const invocation = run.invocations[0]!;
      expect(invocation.executionSuccessful).toBe(false);
      const unreadableIndex = run.tool.driver.rules.findIndex((r) => r.id === "input/unreadable");
      const [first, second] = [reports[1]!.diagnostics[0]!, reports[3]!.diagnostics[0]!];
      expect(invocation.toolExecutionNotifications).toEqual([
        {
          level: "error",
          message: { text: formatMessage(first, lang) },
          locations: [{ physicalLocation: { artifactLocation: { uri: "%E6%8A%A5%E8%A1%A8/%E7%BC%BA%E5%A4%B1.txt", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } }],
          associatedRule: { id: "input/unreadable", index: unreadableIndex },
        },
        {
          level: "error",
          message: { text: formatMessage(second, lang) },
          locations: [{ physicalLocation: { artifactLocation: { uri: "file:///elsewhere/gone.txt" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } }],
          associatedRule: { id: "input/unreadable", index: unreadableIndex },
        },
      ]);
      // The findings stay results too (a code scanning alert on the file), as before.
      expect(run.results.filter((r) => r.ruleId === "input/unreadable")).toHaveLength(2);
    }
    // A run whose every file was read is successful, whatever it found.
    expect(buildSarifLog([seedReport(), cleanReport()], EN).runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it("keeps the notification of an unreadable file when the results are capped, before the cap's own", () => {
    const findings = Array.from({ length: 3 }, (_, i) => diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 20 + i, column: 3 }));
    const run = expectValid(formatSarif([fileReport("big.txt", findings), unreadableReport("gone.txt")], EN, { maxResults: 2 })).runs[0]!;
    expect(run.results.some((r) => r.ruleId === "input/unreadable")).toBe(false);
    const invocation = run.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications?.map((n) => [n.level, n.associatedRule?.id ?? n.descriptor?.id])).toEqual([
      ["error", "input/unreadable"],
      ["warning", "perftable/results-capped"],
    ]);
  });

  it("adds a rules[] entry for a rule id the registry does not know", () => {
    const report = fileReport("p.txt", [diag({ ruleId: "grammar/unknown-thing", messageId: "x", line: 1, column: 1 })]);
    const run = expectValid(formatSarif([report], EN)).runs[0]!;
    const result = run.results[0]!;
    expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe("grammar/unknown-thing");
    expect(run.tool.driver.rules).toHaveLength(rules.length + 1);
  });

  it("escapes hostile text as JSON: no raw control characters, text preserved", () => {
    const out = formatSarif([hostileReport()], EN);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const log = JSON.parse(out) as SarifLog;
    expect(log.runs[0]!.results[0]!.message.text).toBe(`cannot read the file: ${HOSTILE}`);
  });
});
