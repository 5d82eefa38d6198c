import { describe, expect, it } from "vitest";
import { SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("project/missing-name", () => {
  it("reports a project row whose name cell is empty (a merged cell exported blank)", () => {
    const lines = SEED.split("\n");
    expect(lines[12]).toMatch(/^直接股权投资专项资金\t/);
    lines[12] = lines[12]!.replace(/^[^\t]*/, "");
    const text = lines.join("\n");
    const [d, ...rest] = findings(text, "project/missing-name");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", line: 13, column: 1, project: null });
    expect(messages(text, "project/missing-name", "zh")).toEqual(["第 13 行的项目没有名称"]);
  });

  it("a name of invisible characters only (a zero-width space) is no name", () => {
    const lines = SEED.split("\n");
    lines[12] = lines[12]!.replace(/^[^\t]*/, "\u200b\u3000");
    expect(findings(lines.join("\n"), "project/missing-name")).toHaveLength(1);
  });

  it("says nothing when every project has a name", () => {
    expect(findings(SEED, "project/missing-name")).toEqual([]);
  });
});
