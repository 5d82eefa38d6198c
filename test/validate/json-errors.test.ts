// A configuration or baseline file that is not valid JSON gets the same one-line message on every
// Node.js the package supports: V8 from Node 22 on appends "(line L column C)" to JSON.parse's
// "at position N" and Node 20 does not, so the message named the place only on some versions.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseline, loadConfigFile } from "../../src/index.js";
import { tempDir } from "../helpers/temp.js";

function temp(name: string, text: string): string {
  const path = join(tempDir("perftable-json-"), name);
  writeFileSync(path, text);
  return path;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("did not throw");
}

describe("JSON syntax errors in configuration and baseline files", () => {
  it("name the line and column (in code points) on every Node.js, never V8's position", () => {
    const config = temp("perftable.config.json", '{\n  "lang": "𠀀文", x\n}\n');
    const message = messageOf(() => loadConfigFile(config));
    expect(message).toBe(`${config}: not valid JSON (Expected double-quoted property name in JSON at line 2, column 17)`);
    const baseline = temp("perftable.baseline.json", "{\n  x");
    expect(messageOf(() => loadBaseline(baseline))).toBe(`${baseline}: cannot read the baseline: Expected property name or '}' in JSON at line 2, column 3`);
  });

  it("keep the message on one line when V8 quotes the text", () => {
    const config = temp("perftable.config.json", '{"rules": }\n');
    const message = messageOf(() => loadConfigFile(config));
    expect(message).not.toContain("\n");
    expect(message).toBe(`${config}: not valid JSON (Unexpected token '}', "{"rules": }\\n" is not valid JSON)`);
  });

  it("accept a BOM at the start, as an editor on Windows writes it (the baseline was refused)", () => {
    const baseline = temp("perftable.baseline.json", '\uFEFF{"version": 1, "entries": []}\n');
    expect(loadBaseline(baseline).entries).toEqual([]);
    const config = temp("perftable.config.json", '\uFEFF{"lang": "zh"}\n');
    expect(loadConfigFile(config).lang).toBe("zh");
  });
});
