import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings, messages } from "../../helpers/check.js";

const HEADER_ONLY = SEED.split("\n").slice(0, 9).join("\n") + "\n";

describe("table/empty", () => {
  it("reports a header with no rows under it, at the header, and fails the check", () => {
    expect(HEADER_ONLY.trimEnd().split("\n").at(-1)).toMatch(/^项目名称/);
    const [d, ...rest] = findings(HEADER_ONLY, "table/empty");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", line: 9, column: 1 });
    expect(messages(HEADER_ONLY, "table/empty", "zh")).toEqual(["表格没有任何项目行"]);
  });

  it("also a table of only a 合计 row, or of 合计 and unit rows", () => {
    expect(findings(HEADER_ONLY + "合计\t0.00\t0.00\n", "table/empty")).toHaveLength(1);
    expect(findings(HEADER_ONLY + "合计\t0.00\t0.00\n某单位\t0.00\t0.00\n", "table/empty")).toHaveLength(1);
  });

  it("says nothing of a table with projects, with or without its 合计 row", () => {
    expect(findings(SEED, "table/empty")).toEqual([]);
    expect(findings(editSeed(SEED.split("\n")[9]! + "\n", ""), "table/empty")).toEqual([]);
  });
});
