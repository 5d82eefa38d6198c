import { describe, expect, it } from "vitest";
import { checkInput } from "../../../src/validate/run.js";
import { formatMessage } from "../../../src/i18n/format.js";
import { SEED } from "../../helpers/fixtures.js";

describe("input/unreadable", () => {
  it("passes on the seed", () => {
    expect(checkInput(Buffer.from(SEED), { path: "seed.txt" }).diagnostics.filter((d) => d.ruleId === "input/unreadable")).toEqual([]);
  });

  it("fires once on a file without a table, as an error, in both languages", () => {
    const report = checkInput(Buffer.from("会议纪要\n\n今天开会。\n"), { path: "minutes.txt" });
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "noTable", severity: "error", line: 1, column: 1 });
    expect(report.encoding).toBe("utf-8");
    expect(formatMessage(report.diagnostics[0]!, "en")).toMatch(/^no performance table in the file/);
    expect(formatMessage(report.diagnostics[0]!, "zh")).toMatch(/^文件中没有绩效目标表/);
  });
});
