// indicatorOnly rules are called again for an indicator text only when they reported for it the
// first time. That must never change a finding: the same findings as with every rule called for
// every indicator, over realistic tables (the benchmark's generator) and every fixture, and with a
// configuration that changes between runs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/rules/index.js";
import type { Rule } from "../../src/rules/types.js";
import { checkInput, defaultConfig, type ResolvedConfig } from "../../src/validate/run.js";
import { TableReader } from "../../src/table/reader.js";
import { splitRows } from "../../src/table/split.js";
import { RuleRunner } from "../../src/validate/run.js";
import { ROOT, SEED } from "../helpers/fixtures.js";

interface GeneratorModule {
  buildDepartmentTable(index: number, options?: { fileBytes?: number; seed?: number }): string;
}
const generator = (await import(new URL("../../bench/generate.mjs", import.meta.url).href)) as GeneratorModule;

/** The same rules with the memo switched off. */
const unmemoised: Rule[] = rules.map((r) => ({ ...r, meta: { ...r.meta, indicatorOnly: false } }));

function check(text: string, config: ResolvedConfig, list: readonly Rule[]) {
  const runner = new RuleRunner("t.txt", config, list);
  const reader = new TableReader(runner, { encoding: "utf-8", retain: false });
  for (const row of splitRows(text)) reader.push(row);
  reader.end();
  return runner.toReport("t.txt", "utf-8").diagnostics;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? textFiles(path) : name.endsWith(".txt") ? [path] : [];
  });
}

describe("the indicatorOnly memo", () => {
  it("is used: indicators with the same text share their rule memo", () => {
    expect(rules.filter((r) => r.meta.indicatorOnly).length).toBeGreaterThan(5);
  });

  it("changes no finding on realistic tables, checked one after another", () => {
    const config = defaultConfig();
    const tables = Array.from({ length: 12 }, (_, k) => generator.buildDepartmentTable(k + 1, { fileBytes: 60e3, seed: 7 }));
    let findings = 0;
    for (const text of tables) {
      const expected = check(text, config, unmemoised);
      expect(check(text, config, rules)).toEqual(expected);
      findings += expected.length;
    }
    expect(findings).toBeGreaterThan(500);
  });

  it("changes no finding on any fixture, nor when the configuration changes between runs", () => {
    const quiet: ResolvedConfig = { ...defaultConfig(), severities: new Map([...defaultConfig().severities].map(([id, s]) => [id, id === "indicator/qualitative" ? "off" : s])) };
    const strict: ResolvedConfig = { ...defaultConfig(), options: new Map([...defaultConfig().options, ["indicator/satisfaction-threshold", { floor: 99 }]]) };
    for (const file of [...textFiles(join(ROOT, "fixtures")), "seed"]) {
      const text = file === "seed" ? SEED : readFileSync(file, "utf8");
      for (const config of [defaultConfig(), quiet, strict, quiet]) {
        expect(check(text, config, rules), file).toEqual(check(text, config, unmemoised));
      }
    }
    // and through the public entry point
    expect(checkInput(SEED, { path: "a.txt" }).diagnostics).toEqual(check(SEED, defaultConfig(), unmemoised).map((d) => ({ ...d })));
  });
});
