// Keeps the registry, the rule files, their tests, their docs and fixtures, the README and the
// config schema in step. A rule that lacks any of them fails here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/rules/index.js";
import { renderConfigSchema, updateReadme } from "../../src/rules/docs.js";
import { checkInput } from "../../src/validate/run.js";
import { ROOT } from "../helpers/fixtures.js";

const SPEC_DEFAULTS: Record<string, string> = {
  "table/header": "error", "table/preamble": "warning", "table/ambiguous-row": "warning",
  "amount/format": "error", "amount/negative": "error", "amount/row-sum": "error", "amount/unit-rollup": "error",
  "amount/total-rollup": "error", "amount/rounding": "warning", "amount/zero-project": "info",
  "indicator/syntax": "error", "indicator/sequence": "warning", "indicator/category": "error",
  "indicator/missing-value": "warning", "indicator/percent-range": "error", "indicator/vacuous-target": "warning",
  "indicator/annual-exceeds-period": "warning", "indicator/target-mismatch": "warning", "indicator/direction": "warning",
  "indicator/qualitative": "info", "indicator/no-unit": "info", "indicator/rate-unit": "info",
  "indicator/duplicate": "warning", "indicator/satisfaction-placement": "warning", "indicator/satisfaction-threshold": "info",
  "project/missing-goal": "error", "project/missing-indicators": "error", "project/missing-output": "warning",
  "project/missing-effect": "warning", "project/missing-satisfaction": "warning", "project/missing-cost": "off",
  "project/few-indicators": "info", "project/duplicate-name": "warning",
};
/** Rules perftable adds to SPEC §5's catalogue (each listed in CHANGELOG.md). */
const ADDED: Record<string, string> = {
  "table/empty": "error", "table/missing-total": "warning", "project/missing-name": "error", "input/replaced-bytes": "warning",
};

/** Placeholders of a template; `fooZh` / `fooEn` count as `foo` (a Chinese / English wording of the same datum). */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/(Zh|En)$/, "")))].sort();
}

describe("the rule catalogue", () => {
  it("has every rule of SPEC §5 with its default severity, plus input/unreadable and the rules it adds", () => {
    const actual = Object.fromEntries(rules.filter((r) => r.meta.id !== "input/unreadable").map((r) => [r.meta.id, r.meta.defaultSeverity]));
    expect(actual).toEqual({ ...SPEC_DEFAULTS, ...ADDED });
    expect(rules.map((r) => r.meta.id)).toContain("input/unreadable");
  });

  it("registers exactly the rule files under src/rules/<area>/", () => {
    const files: string[] = [];
    for (const area of readdirSync(join(ROOT, "src/rules"), { withFileTypes: true })) {
      if (!area.isDirectory()) continue;
      for (const f of readdirSync(join(ROOT, "src/rules", area.name))) {
        if (f.endsWith(".ts") && !["index.ts", "util.ts", "sums.ts"].includes(f)) files.push(`${area.name}/${f.replace(/\.ts$/, "")}`);
      }
    }
    expect(files.sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });

  describe.each(rules.map((r) => [r.meta.id, r] as const))("%s", (id, rule) => {
    it("has a test file of the same name", () => {
      expect(existsSync(join(ROOT, "test/rules", `${id}.test.ts`))).toBe(true);
    });

    it("has docs in both languages and examples", () => {
      const d = rule.meta.docs;
      for (const text of [d.summary.zh, d.summary.en, d.why.zh, d.why.en, d.bad, d.good]) expect(text.trim().length).toBeGreaterThan(0);
      expect(d.summary.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.bad).not.toBe(d.good);
      // The examples are shown as they are in both languages (rules <id>, SARIF help): table text, no prose.
      for (const text of [d.bad, d.good]) expect(text).not.toMatch(/[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/);
    });

    it("has every message in zh and en with the same placeholders", () => {
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      for (const [messageId, m] of Object.entries(rule.meta.messages)) {
        expect(m.zh.trim(), `${messageId} zh`).not.toBe("");
        expect(m.en.trim(), `${messageId} en`).not.toBe("");
        expect(placeholders(m.zh), messageId).toEqual(placeholders(m.en));
      }
    });

    it("quotes names and values in its messages and docs with “…”, as every rule does (no \" or 「」)", () => {
      const d = rule.meta.docs;
      const texts: [string, string][] = [["summary zh", d.summary.zh], ["summary en", d.summary.en], ["why zh", d.why.zh], ["why en", d.why.en]];
      for (const [messageId, m] of Object.entries(rule.meta.messages)) texts.push([`${messageId} zh`, m.zh], [`${messageId} en`, m.en]);
      for (const [where, text] of texts) expect(text, where).not.toMatch(/["「」『』]/);
    });

    /** The Chinese of the rule: its summary, why and every message. */
    const chinese = (): [string, string][] => [
      ["summary zh", rule.meta.docs.summary.zh],
      ["why zh", rule.meta.docs.why.zh],
      ...Object.entries(rule.meta.messages).map(([messageId, m]): [string, string] => [`${messageId} zh`, m.zh]),
    ];

    it("writes its Chinese with full-width punctuation: no ASCII , : ; ( ) between two Chinese characters", () => {
      for (const [where, text] of chinese()) {
        expect(text, where).not.toMatch(/\p{Script=Han}\s*[,:;()]\s*\p{Script=Han}/u);
        // An ASCII bracket around Chinese text: （…） is written in Chinese, (…) only around code.
        expect(text, where).not.toMatch(/\(\p{Script=Han}|\p{Script=Han}\)/u);
      }
    });

    it("names a target's unit 计量单位 in Chinese (a bare 单位 is the 资金使用单位 or the table's money unit)", () => {
      if (!id.startsWith("indicator/")) return;
      for (const [where, text] of chinese()) expect(text.replaceAll("计量单位", ""), where).not.toContain("单位");
    });

    it("calls a target 指标值 in Chinese, the table's word, never 目标值", () => {
      for (const [where, text] of chinese()) expect(text, where).not.toContain("目标值");
    });

    // Fixtures: a table that triggers the rule and one that does not, next to the expected ids.
    const bad = join(ROOT, "fixtures/rules", `${id}.bad.txt`);
    const good = join(ROOT, "fixtures/rules", `${id}.good.txt`);
    it("has a fixture that triggers it and one that does not", () => {
      expect(existsSync(bad), bad).toBe(true);
      expect(existsSync(good), good).toBe(true);
      const severities = new Map([[id, "warning" as const]]);
      const config = { severities, options: new Map() };
      const check = (path: string) =>
        checkInput(readFileSync(path), { path, config: { ...config, severities: new Map([...severities]) } }).diagnostics.filter((d) => d.ruleId === id);
      expect(check(bad).length, `${id}.bad.txt triggers it`).toBeGreaterThan(0);
      expect(check(good), `${id}.good.txt does not`).toEqual([]);
    });
  });
});

describe("generated docs", () => {
  it("README's rule table is current (npm run docs)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(updateReadme(readme)).toBe(readme);
  });

  it("the config schema is current (npm run docs)", () => {
    const committed = JSON.parse(readFileSync(join(ROOT, "schema/perftable.config.schema.json"), "utf8"));
    expect(committed).toEqual(renderConfigSchema());
  });
});
