import { describe, expect, it } from "vitest";
import { editSeed, SEED } from "../../helpers/fixtures.js";
import { findings } from "../../helpers/check.js";

describe("amount/zero-project", () => {
  it("passes on the seed", () => expect(findings(SEED, "amount/zero-project")).toEqual([]));

  it("fires on a project of 0.00 and on one with an empty 总计", () => {
    const text = editSeed("金融交流专项经费\t70.00\t70.00", "金融交流专项经费\t0.00\t").replace("金融工作业务经费\t58.50\t58.50", "金融工作业务经费\t\t");
    expect(findings(text, "amount/zero-project").map((d) => [d.line, d.severity, d.project])).toEqual([
      [16, "info", "金融交流专项经费"],
      [17, "info", "金融工作业务经费"],
    ]);
  });
});
