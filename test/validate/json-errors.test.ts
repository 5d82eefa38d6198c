// A configuration or baseline file that is not valid JSON gets the same one-line message on every
// Node.js the package supports, naming file, line and column, with its reason in the run's language:
// V8's own messages differ between versions (some name no place on Node 20) and are English only.
// (jsonc-parser finds the error; src/io/json-errors.ts says it.)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseline, loadConfigFile } from "../../src/index.js";
import type { ConfigError } from "../../src/validate/config.js";
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
  it("name the file, line and column (in code points) on every Node.js, and the reason", () => {
    const config = temp("perftable.config.json", '{\n  "lang": "𠀀文", x\n}\n');
    expect(messageOf(() => loadConfigFile(config))).toBe(`${config}:2:17: the configuration is not valid JSON: expected a property name in double quotes, found x (write "x")`);
    const baseline = temp("perftable.baseline.json", "{\n  x");
    expect(messageOf(() => loadBaseline(baseline))).toBe(`${baseline}:2:3: the baseline is not valid JSON: expected a property name in double quotes, found x (write "x")`);
  });

  // Node 20's V8 names no place for an unexpected token, and said all of these in English only.
  it.each([
    ['{\n  "rules": {\n    "indicator/qualitative": "off",\n  }\n}\n', "4:3", 'a comma before "}" (JSON allows none after the last entry)', "“}”前多了逗号（JSON 的最后一项后面不能有逗号）"],
    ['{"rules": }\n', "1:11", 'expected a value, found "}"', "此处应为一个值，而不是“}”"],
    ['{"rules": {"indicator/qualitative": off}}', "1:37", 'expected a value, found off (text is written in double quotes: "off")', '此处应为一个值，而不是 off（文字要加双引号："off"）'],
    ['{"lang": "zh"\n  "maxWarnings": 3}', "2:3", 'expected "," or "}", found """ (a comma missing before it?)', "此处应为“,”或“}”，而不是“\"”（前面缺少逗号？）"],
    ['{"lang" "zh"}', "1:9", 'expected ":" after the property name, found """', "属性名后应为“:”，而不是“\"”"],
    ['{"lang": "zh\n"}', "1:13", "a line break or control character inside a string (write a line break as \\n)", "字符串中有换行或控制字符（换行应写作 \\n）"],
    ['{"lang": "\\x"}', "1:11", 'an invalid escape "\\x" in a string', "字符串中的转义“\\x”无效"],
    ['{"maxWarnings": 1.}', "1:18", 'expected "," or "}", found "."', "此处应为“,”或“}”，而不是“.”"],
    ['{"lang": "zh}', "1:10", "a string that is never closed (no closing double quote)", "字符串没有结束的双引号"],
    ['{"lang": "zh"}\n}', "2:1", "more text after the end of the JSON value", "JSON 值结束后还有多余的内容"],
    ['{\n  "lang": "zh"\n\n', "2:15", "the file ends before the JSON is complete", "JSON 不完整：文件提前结束"],
    [" \n", "1:1", "the file is empty", "文件为空"],
    ['{"lang": "zh", maxWarnings: 3}', "1:16", 'expected a property name in double quotes, found maxWarnings (write "maxWarnings")', '此处应为带双引号的属性名，而不是 maxWarnings（应写作 "maxWarnings"）'],
    ['{"entries": [{"rule": "a"} {"rule": "b"}]}', "1:28", 'expected "," or "]", found "{" (a comma missing before it?)', "此处应为“,”或“]”，而不是“{”（前面缺少逗号？）"],
    ['{\n  // comments are not JSON\n  "lang": "zh"\n}', "2:3", "a comment (JSON has none)", "注释（JSON 不允许注释）"],
    ['{"lang": "z\th"}', "1:12", "a line break or control character inside a string (write a line break as \\n)", "字符串中有换行或控制字符（换行应写作 \\n）"],
    ['{"lang": "\\u12"}', "1:11", 'an invalid escape "\\u12" in a string', "字符串中的转义“\\u12”无效"],
    ['{lang: "zh"}', "1:2", 'expected a property name in double quotes, found lang (write "lang")', '此处应为带双引号的属性名，而不是 lang（应写作 "lang"）'],
    ["zh", "1:1", 'expected a value, found zh (text is written in double quotes: "zh")', '此处应为一个值，而不是 zh（文字要加双引号："zh"）'],
    ['{"maxWarnings": [1, 2', "1:22", "the file ends before the JSON is complete", "JSON 不完整：文件提前结束"],
  ])("%j: at %s, in English and Chinese", (text, place, en, zh) => {
    const config = temp("perftable.config.json", text);
    let error: ConfigError | undefined;
    try {
      loadConfigFile(config);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.in("en")).toBe(`${config}:${place}: the configuration is not valid JSON: ${en}`);
    expect(error?.in("zh")).toBe(`${config}:${place}：配置文件不是有效的 JSON：${zh}`);
  });

  it("accept a BOM at the start, as an editor on Windows writes it (the baseline was refused)", () => {
    const baseline = temp("perftable.baseline.json", '\uFEFF{"version": 1, "entries": []}\n');
    expect(loadBaseline(baseline).entries).toEqual([]);
    const config = temp("perftable.config.json", '\uFEFF{"lang": "zh"}\n');
    expect(loadConfigFile(config).lang).toBe("zh");
  });
});
