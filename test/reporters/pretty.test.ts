// Tests of the pretty reporter: code frames cut and underlined by display width on the seed's long
// indicator cells, the per-file table aligned with Chinese text, colour only when asked, hostile text.
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/i18n/format.js";
import { buildCodeFrame, formatPretty } from "../../src/reporters/pretty.js";
import { displayWidth } from "../../src/reporters/text-width.js";
import {
  EN,
  SEED_LINES,
  SEED_PATH,
  VACUOUS_COLUMN,
  ZH,
  cleanReport,
  fileReport,
  hostileReport,
  seedReport,
  unreadableReport,
} from "./fixtures.js";

const line21 = SEED_LINES[20] ?? "";

/** The lines of a cli-table3 table in the output. */
function tableLines(output: string): string[] {
  return output.split("\n").filter((l) => /^[┌├│└]/.test(l));
}

describe("buildCodeFrame", () => {
  it("cuts the seed's long indicator cell around ≥0% and underlines it", () => {
    expect(Array.from(line21).slice(VACUOUS_COLUMN - 1, VACUOUS_COLUMN + 2).join("")).toBe("≥0%");
    const frame = buildCodeFrame(line21, VACUOUS_COLUMN, VACUOUS_COLUMN + 3);
    expect(frame.text).toBe("…；保险赔付率；实施周期指标值:≥0%；年度指标值:≥0%。4、2-效益指标；22-社会效益；…");
    expect(frame.carets).toBe(" ".repeat(30) + "^^^");
    // ~30 columns before the span (plus the …), ~50 from its start on.
    expect(displayWidth(frame.text)).toBeLessThanOrEqual(1 + 30 + 50 + 1);
  });

  it("aligns the carets under Chinese text by display width", () => {
    const frame = buildCodeFrame(line21, 180, 181); // the 无 of 实施周期指标值:无
    const caretAt = frame.carets.indexOf("^");
    const textBefore = frame.text.slice(0, frame.text.indexOf("实施周期指标值:无") + "实施周期指标值:".length);
    expect(caretAt).toBe(displayWidth(textBefore));
    expect(frame.carets.slice(caretAt)).toBe("^^"); // 无 is two columns wide
  });

  it("underlines a project name at the start of its row without a leading …", () => {
    const name = "广州市年度巨灾指数保险经费";
    const frame = buildCodeFrame(line21, 1, 1 + name.length);
    expect(frame.text.startsWith(name)).toBe(true);
    expect(frame.text.endsWith("…")).toBe(true);
    expect(frame.carets).toBe("^".repeat(26));
  });

  it("keeps short lines whole and points past the end when the column is there", () => {
    expect(buildCodeFrame("合计\t15,812.52", 4, null)).toEqual({ text: "合计 15,812.52", carets: "     ^^^^^^^^^" });
    expect(buildCodeFrame("abc", 4, 4)).toEqual({ text: "abc", carets: "   ^" });
  });

  it("keeps the frame small on a very long line", () => {
    const line = "项".repeat(50_000) + "≥0%" + "a".repeat(50_000);
    const frame = buildCodeFrame(line, 50_001, 50_004);
    expect(frame.text).toBe(`…${"项".repeat(15)}≥0%${"a".repeat(47)}…`);
    expect(frame.carets).toBe(" ".repeat(31) + "^^^");
  });

  it("shows control characters escaped and counts their escaped width", () => {
    const frame = buildCodeFrame("项目\u001b[2J\t1", 3, 4);
    expect(frame.text).toBe("项目\\u001b[2J 1");
    expect(frame.carets).toBe("    ^^^^^^");
  });
});

describe("formatPretty", () => {
  const seed = seedReport();
  const vacuous = seed.diagnostics.find((d) => d.ruleId === "indicator/vacuous-target");

  it("prints each finding as file:line:column  severity  message  rule-id with its code frame", () => {
    if (vacuous === undefined) throw new Error("fixture lacks the vacuous-target finding");
    const lines = formatPretty([seed], EN).split("\n");
    expect(lines[0]).toBe(SEED_PATH);
    const at = lines.indexOf(`${SEED_PATH}:21:273  warning  ${formatMessage(vacuous, "en")}  indicator/vacuous-target`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe("  21 │ …；保险赔付率；实施周期指标值:≥0%；年度指标值:≥0%。4、2-效益指标；22-社会效益；…");
    expect(lines[at + 2]).toBe(`     │ ${" ".repeat(30)}^^^`);
    expect(lines).toContain(`${SEED_PATH}:24:412  info     ${formatMessage(seed.diagnostics[7]!, "en")}  indicator/no-unit`);
  });

  it("uses Chinese severity words and summary in zh", () => {
    const out = formatPretty([seed], ZH);
    expect(out).toContain(`${SEED_PATH}:21:273  警告  `);
    expect(out).toContain(`${SEED_PATH}:24:412  提示  `);
    expect(out.trimEnd().split("\n").at(-1)).toBe("✖ 9 个问题（0 个错误，8 个警告，1 个提示）");
  });

  it("ends with a per-file table aligned by display width and the totals", () => {
    const reports = [seed, unreadableReport("广州市财政局/绩效目标表.txt"), cleanReport()];
    for (const options of [EN, ZH]) {
      const out = formatPretty(reports, options);
      const table = tableLines(out);
      expect(table.length).toBe(3 + 3 + 1); // top, head, rule, 3 rows, bottom
      const widths = new Set(table.map(displayWidth));
      expect(widths.size).toBe(1);
      expect(table.some((l) => l.includes("广州市财政局/绩效目标表.txt"))).toBe(true);
    }
    const en = formatPretty(reports, EN);
    expect(tableLines(en)[1]).toMatch(/^│ file +│ errors │ warnings │ infos │$/);
    expect(en.trimEnd().split("\n").at(-1)).toBe("✖ 10 problems (1 error, 8 warnings, 1 info)");
  });

  it("prints no code frame when the source is not kept", () => {
    const out = formatPretty([unreadableReport()], EN);
    const block = out.split("\n\n")[0] ?? "";
    expect(block).toBe("missing.txt\nmissing.txt:1:1  error    file not found: missing.txt  input/unreadable");
  });

  it("says so when there is nothing to report", () => {
    const out = formatPretty([cleanReport()], EN);
    expect(out.trimEnd().split("\n").at(-1)).toBe("✔ no problems");
    expect(out).not.toContain("clean.txt:");
    expect(formatPretty([cleanReport()], ZH).trimEnd().split("\n").at(-1)).toBe("✔ 没有发现问题");
  });

  it("colours only when asked, and the text is the same either way", () => {
    const plain = formatPretty([seed, unreadableReport()], EN);
    expect(plain).not.toContain("\u001b");
    const colored = formatPretty([seed, unreadableReport()], { ...EN, color: true });
    expect(colored).toContain("\u001b[");
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });

  it("never lets table text drive the terminal", () => {
    for (const options of [EN, { ...EN, color: true }]) {
      const out = stripVTControlCharacters(formatPretty([hostileReport()], options));
      // what is left after removing our own colour codes holds no control or bidi character
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(out).toContain("\\u001b[2J\\u001b]0;pwned\\u0007<script>");
      expect(out).toContain("\\u200fevil");
    }
    expect(formatPretty([hostileReport()], EN)).not.toContain("\u001b");
  });

  it("shows a finding on a file with CRLF line ends", () => {
    const source = "项目名称\t总计\r\n金融项目\t-1.00\r\n";
    const report = fileReport("crlf.txt", [
      { ruleId: "amount/negative", severity: "error", messageId: "negative", data: {}, line: 2, column: 6, endLine: 2, endColumn: 11, project: "金融项目", indicator: null },
    ], { source });
    const lines = formatPretty([report], EN).split("\n");
    expect(lines[2]).toBe("  2 │ 金融项目 -1.00");
    expect(lines[3]).toBe("    │          ^^^^^");
  });
});
