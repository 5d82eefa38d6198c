// Tests of the reporter map: every format name reaches its reporter; outputs are deterministic.
import { describe, expect, it } from "vitest";
import { formatGithub } from "../../src/reporters/github.js";
import { REPORT_FORMATS, formatReport, isReportFormat, reporters } from "../../src/reporters/index.js";
import { formatJson } from "../../src/reporters/json.js";
import { formatJunit } from "../../src/reporters/junit.js";
import { formatPretty } from "../../src/reporters/pretty.js";
import { formatSarif } from "../../src/reporters/sarif.js";
import { formatSummary } from "../../src/reporters/summary.js";
import { EN, ZH, cleanReport, seedReport, unreadableReport } from "./fixtures.js";

describe("reporters", () => {
  const reports = [seedReport(), unreadableReport(), cleanReport()];

  it("maps each format name to its reporter", () => {
    expect([...REPORT_FORMATS]).toEqual(["pretty", "json", "sarif", "github", "junit", "summary"]);
    expect(formatReport("pretty", reports, EN)).toBe(formatPretty(reports, EN));
    expect(formatReport("json", reports, ZH)).toBe(formatJson(reports, ZH));
    expect(formatReport("sarif", reports, EN)).toBe(formatSarif(reports, EN));
    expect(formatReport("github", reports, EN)).toBe(formatGithub(reports, EN));
    expect(formatReport("junit", reports, EN)).toBe(formatJunit(reports, EN));
    expect(formatReport("summary", reports, ZH)).toBe(formatSummary(reports, ZH));
  });

  it("tells format names from other words", () => {
    expect(isReportFormat("sarif")).toBe(true);
    expect(isReportFormat("html")).toBe(false);
    expect(isReportFormat("")).toBe(false);
  });

  it("gives the same text for the same input, ending with a newline, without touching the input", () => {
    const before = JSON.stringify(reports);
    for (const format of REPORT_FORMATS) {
      const a = reporters[format](reports, EN);
      const b = reporters[format]([seedReport(), unreadableReport(), cleanReport()], EN);
      expect(a).toBe(b);
      expect(a.endsWith("\n")).toBe(true);
    }
    expect(JSON.stringify(reports)).toBe(before);
  });
});
