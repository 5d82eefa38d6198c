// NDJSON lines are the JSON of one object per indicator (a project without indicators: one line with
// `indicator: null`), keys in a fixed order. The writer builds each project's part once; this checks
// it against the plain definition on tables with and without indicators, notes and odd text.
import { describe, expect, it } from "vitest";
import { ndjsonLines } from "../../src/convert/index.js";
import { parseTable } from "../../src/table/parse.js";
import { MONEY_KEYS, type TableDocument } from "../../src/types.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

function reference(doc: TableDocument): string[] {
  const lines: string[] = [];
  for (const unit of doc.units) {
    for (const project of unit.projects) {
      const indicators = project.indicators.length === 0 ? [null] : project.indicators;
      for (const indicator of indicators) {
        const unreadable = MONEY_KEYS.some((k) => project.amounts[k] === null && project.amountsRaw[k] !== null);
        const amountsRaw = unreadable ? { amountsRaw: project.amountsRaw } : {};
        lines.push(JSON.stringify({ department: doc.department, moneyUnit: doc.moneyUnit, unit: unit.name, project: project.name, projectLine: project.line, amounts: project.amounts, ...amountsRaw, goal: project.goal, indicator }) + "\n");
      }
    }
  }
  return lines;
}

// Every 绩效指标 cell emptied (the last cell of each project row).
const NO_INDICATORS = SEED.replace(/\t1、[^\n]*/g, "\t");
// Full-width digits and a badly grouped amount: no number, the published text kept in amountsRaw.
const BAD_AMOUNTS = editSeed("金融工作业务经费\t58.50\t58.50", "金融工作业务经费\t５８.５０\t5,8.50", editSeed("金融交流专项经费\t70.00", "金融交流专项经费\t七十"));
const ODD = editSeed("广州开发区金融工作局（部门）", '部门"引号"\\反斜杠\u2028行');

describe("ndjsonLines", () => {
  it.each([
    ["the seed", SEED],
    ["projects without indicators", NO_INDICATORS],
    ["quotes, backslashes and U+2028 in names", ODD],
    ["amounts that are not numbers", BAD_AMOUNTS],
  ])("writes the plain definition's lines for %s", (_name, text) => {
    const docs = parseTable(text).value;
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const lines = [...ndjsonLines(doc)];
      expect(lines).toEqual(reference(doc));
      expect(lines.length).toBeGreaterThan(0);
    }
  });

  it("has lines for projects without indicators", () => {
    const lines = parseTable(NO_INDICATORS).value.flatMap((doc) => [...ndjsonLines(doc)]);
    expect(lines.some((l) => l.endsWith('"indicator":null}\n'))).toBe(true);
  });

  it("keeps the published text of an amount that is not a number (amountsRaw), so it does not read as no money", () => {
    const lines = [...ndjsonLines(parseTable(BAD_AMOUNTS).value[0]!)].map((l) => JSON.parse(l));
    const line = lines.find((l) => l.project === "金融工作业务经费");
    expect(line.amounts).toEqual({ total: null, appropriation: null, specialAccount: null, other: null });
    expect(line.amountsRaw).toEqual({ total: "５８.５０", appropriation: "5,8.50", specialAccount: null, other: null });
    expect(lines.find((l) => l.project === "金融发展专项资金")).not.toHaveProperty("amountsRaw");
  });
});
