// resolveConfig as the library exports it: a configuration object that did not come through
// loadConfigFile (JSON.parse of the user's own file, say) is checked like one that did.
import { describe, expect, it } from "vitest";
import { checkInput, ConfigError, resolveConfig, type ConfigFile } from "../../src/index.js";
import { SEED } from "../helpers/fixtures.js";

describe("resolveConfig", () => {
  it("merges a valid file and --rule flags over the defaults", () => {
    const config = resolveConfig({ rules: { "project/missing-satisfaction": "error", "project/few-indicators": ["warning", { min: 5 }] } }, ["indicator/qualitative=off"]);
    expect(config.severities.get("project/missing-satisfaction")).toBe("error");
    expect(config.severities.get("project/few-indicators")).toBe("warning");
    expect(config.options.get("project/few-indicators")).toEqual({ min: 5 });
    expect(config.severities.get("indicator/qualitative")).toBe("off");
    expect(resolveConfig(null).severities.get("indicator/qualitative")).toBe("info");
  });

  it.each([
    ["an unknown severity (ESLint's “warn”)", { rules: { "project/missing-satisfaction": "warn" } }, /severity must be one of/],
    ["a severity that is no string", { rules: { "project/missing-satisfaction": 1 } }, /severity must be one of/],
    ["an unknown rule id", { rules: { "project/nope": "error" } }, /unknown rule id/],
    ["an option of the wrong type", { rules: { "project/few-indicators": ["info", { min: "5" }] } }, /must be a number/],
    ["an unknown key", { rule: {} }, /unknown key "rule"/],
    ["no object", "rules", /must be a JSON object/],
  ])("throws a ConfigError for %s instead of counting findings under no severity", (_what, value, message) => {
    const call = () => resolveConfig(value as unknown as ConfigFile);
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(message);
  });

  it("gives counts that add up to the findings", () => {
    const report = checkInput(SEED, { path: "seed.txt", config: resolveConfig({ rules: { "project/missing-satisfaction": "error" } }) });
    expect(report.errorCount + report.warningCount + report.infoCount).toBe(report.diagnostics.length);
    expect(report.errorCount).toBe(6);
  });
});
