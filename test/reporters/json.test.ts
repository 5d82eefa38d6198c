// Tests of the json reporter: SPEC §6's keys exactly, language-neutral ids and data, no source.
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/i18n/format.js";
import { formatJson } from "../../src/reporters/json.js";
import { EN, HOSTILE, SEED_PATH, ZH, cleanReport, hostileReport, seedReport, unreadableReport } from "./fixtures.js";

const FILE_KEYS = ["path", "encoding", "errorCount", "warningCount", "infoCount", "diagnostics"];
const DIAGNOSTIC_KEYS = [
  "ruleId",
  "severity",
  "message",
  "line",
  "column",
  "endLine",
  "endColumn",
  "project",
  "indicator",
  "messageId",
  "data",
];

describe("formatJson", () => {
  const reports = [seedReport(), unreadableReport(), cleanReport()];

  it("has exactly the keys of SPEC §6, in order, and no source", () => {
    const out = formatJson(reports, EN);
    const parsed = JSON.parse(out) as { files: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(["files"]);
    expect(parsed.files.map((f) => Object.keys(f))).toEqual([FILE_KEYS, FILE_KEYS, FILE_KEYS]);
    const diagnostics = parsed.files[0]?.diagnostics as Record<string, unknown>[];
    expect(diagnostics).toHaveLength(9);
    for (const d of diagnostics) expect(Object.keys(d)).toEqual(DIAGNOSTIC_KEYS);
    expect(out).not.toContain('"source"');
    expect(out).not.toContain('"tables"');
  });

  it("is pretty-printed with two spaces and ends with a newline", () => {
    const out = formatJson([unreadableReport()], EN);
    expect(out).toBe(
      [
        "{",
        '  "files": [',
        "    {",
        '      "path": "missing.txt",',
        '      "encoding": null,',
        '      "errorCount": 1,',
        '      "warningCount": 0,',
        '      "infoCount": 0,',
        '      "diagnostics": [',
        "        {",
        '          "ruleId": "input/unreadable",',
        '          "severity": "error",',
        '          "message": "file not found: missing.txt",',
        '          "line": 1,',
        '          "column": 1,',
        '          "endLine": 1,',
        '          "endColumn": 2,',
        '          "project": null,',
        '          "indicator": null,',
        '          "messageId": "notFound",',
        '          "data": {',
        '            "path": "missing.txt"',
        "          }",
        "        }",
        "      ]",
        "    }",
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps ids and data language-neutral; only the message follows --lang", () => {
    const en = JSON.parse(formatJson(reports, EN)) as { files: { diagnostics: Record<string, unknown>[] }[] };
    const zh = JSON.parse(formatJson(reports, ZH)) as { files: { diagnostics: Record<string, unknown>[] }[] };
    const strip = (d: Record<string, unknown>): Record<string, unknown> => ({ ...d, message: undefined });
    expect(zh.files.map((f) => f.diagnostics.map(strip))).toEqual(en.files.map((f) => f.diagnostics.map(strip)));
    expect(zh.files[1]?.diagnostics[0]?.message).toBe("文件不存在：missing.txt");
    expect(en.files[1]?.diagnostics[0]?.message).toBe("file not found: missing.txt");
  });

  it("reports the seed's finding at the ≥0% target with its project and indicator", () => {
    const seed = seedReport();
    const parsed = JSON.parse(formatJson([seed], ZH)) as { files: { path: string; diagnostics: Record<string, unknown>[] }[] };
    expect(parsed.files[0]?.path).toBe(SEED_PATH);
    const vacuous = parsed.files[0]?.diagnostics.find((d) => d.ruleId === "indicator/vacuous-target");
    expect(vacuous).toEqual({
      ruleId: "indicator/vacuous-target",
      severity: "warning",
      message: formatMessage(seed.diagnostics[5]!, "zh"),
      line: 21,
      column: 273,
      endLine: 21,
      endColumn: 276,
      project: "广州市年度巨灾指数保险经费",
      indicator: "保险赔付率",
      messageId: "vacuousPeriod",
      data: { value: "≥0%" },
    });
  });

  it("round-trips hostile text exactly while the output itself holds no raw control character", () => {
    const out = formatJson([hostileReport()], EN);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const parsed = JSON.parse(out) as { files: { path: string; diagnostics: { data: { reason: string } }[] }[] };
    expect(parsed.files[0]?.diagnostics[0]?.data.reason).toBe(HOSTILE);
    expect(parsed.files[0]?.path).toBe(hostileReport().path);
  });
});
