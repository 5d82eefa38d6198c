// indicator/syntax through the whole pipeline: the position in the file, recovery at the next
// N、, the project named, and messages in both languages.
import { describe, expect, it } from "vitest";
import { checkInput } from "../../../src/validate/run.js";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

const LINE_12 = SEED.split("\n")[11]!;

/** 1-based code-point column of `needle` in line 12 of the seed. */
function columnOf(needle: string): number {
  return [...LINE_12.slice(0, LINE_12.indexOf(needle))].length + 1;
}

describe("indicator/syntax", () => {
  it("passes on the seed", () => expect(findings(SEED, "indicator/syntax")).toEqual([]));

  it("points at a missing ； in the middle of a cell and still reads the other indicators", () => {
    const text = editSeed("政策兑现资金使用合规性；实施周期指标值:100%", "政策兑现资金使用合规性实施周期指标值:100%");
    const found = findings(text, "indicator/syntax");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 12, severity: "error", project: "金融发展专项资金" });
    expect(found[0]!.column).toBeGreaterThanOrEqual(columnOf("2、1-产出指标"));
    expect(found[0]!.column).toBeLessThan(columnOf("3、1-产出指标"));
    const report = checkInput(text, { path: "t.txt" });
    expect(report.tables![0]!.indicators).toBe(53);
  });

  it.each([
    ["an unknown label", "年度指标值:100%。3、", "目标值:100%。3、", "unknownLabel"],
    ["a label without a colon", "年度指标值:100%。3、", "年度指标值100%。3、", "missingColon"],
  ])("reports %s at the label", (_name, from, to, messageId) => {
    const prefix = "政策兑现资金使用合规性；实施周期指标值:100%；";
    const text = editSeed(`${prefix}${from}`, `${prefix}${to}`);
    const found = findings(text, "indicator/syntax");
    expect(found.map((d) => d.messageId)).toEqual([messageId]);
    expect(found[0]!.column).toBe(columnOf(`${prefix}${from}`) + [...prefix].length);
  });

  it("has messages in Chinese and English", () => {
    const text = editSeed("扶持企业满意度；实施周期指标值:95%；年度指标值:95%。", "扶持企业满意度；实施周期指标值:95%；目标值:95%。");
    expect(messages(text, "indicator/syntax", "zh")[0]).toMatch(/^未知的指标值标签“目标值”/);
    expect(messages(text, "indicator/syntax", "en")[0]).toMatch(/^unknown target label “目标值”/);
  });
});
