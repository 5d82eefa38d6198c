import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

describe("table/ambiguous-row", () => {
  it("passes on the seed (its two unit rows add up)", () => expect(findings(SEED, "table/ambiguous-row")).toEqual([]));

  it("fires on a bare row whose amounts fit neither as unit nor as project", () => {
    const text = editSeed("金融风险防控经费\t105.00", "某行\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00");
    expect(findings(text, "table/ambiguous-row")).toEqual([expect.objectContaining({ line: 19, column: 1, endColumn: 3, severity: "warning" })]);
    expect(messages(text, "table/ambiguous-row", "en")[0]).toMatch(/^cannot tell whether “某行” is a unit or a project/);
  });

  it("does not fire on a bare row that completes its unit (a project without goal and indicators)", () => {
    const text = editSeed("广州开发区民营及中小微企业信用信息和融资对接平台运维服务\t36.52\t36.52\t\t\t通过", "某项目\t36.52\t36.52\t\t\t\t\n广州开发区民营及中小微企业信用信息和融资对接平台运维服务\t0.00\t\t\t\t通过");
    expect(findings(text, "table/ambiguous-row")).toEqual([]);
    expect(findings(text, "project/missing-goal").map((d) => d.project)).toEqual(["某项目"]);
  });
});
