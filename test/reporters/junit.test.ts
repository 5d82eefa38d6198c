// Tests of the junit reporter: well-formed XML (checked with a tiny tokenizer written here), one
// suite per file, one case per rule, failures for errors only, hostile text escaped.
import { describe, expect, it } from "vitest";
import { formatJunit } from "../../src/reporters/junit.js";
import { sanitizeText } from "../../src/reporters/sanitize.js";
import { EN, HOSTILE, SEED_PATH, ZH, cleanReport, diag, fileReport, hostileReport, seedReport, unreadableReport } from "./fixtures.js";

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ILLEGAL_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** Text or an attribute value with its references resolved; throws on a bare `&` or `<`. */
function decode(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; ) {
    const ch = raw[i]!;
    if (ch === "<") throw new Error(`raw < in text at ${i}`);
    if (ch !== "&") {
      out += ch;
      i++;
      continue;
    }
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(raw);
    if (m === null) throw new Error(`bad entity at ${i}: ${raw.slice(i, i + 10)}`);
    const ref = m[1]!;
    out += ref.startsWith("#x")
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith("#")
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : NAMED[ref];
    i += m[0].length;
  }
  return out;
}

/** Parse the subset of XML the reporter writes; throws when it is not well-formed. */
function parseXml(xml: string): XmlNode {
  if (ILLEGAL_XML.test(xml)) throw new Error("character not allowed in XML 1.0");
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, "");
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  while (rest.length > 0) {
    const lt = rest.indexOf("<");
    const text = lt === -1 ? rest : rest.slice(0, lt);
    const top = stack.at(-1)!;
    top.text += decode(text);
    if (lt === -1) break;
    rest = rest.slice(lt);
    const close = /^<\/([A-Za-z][\w.-]*)>/.exec(rest);
    if (close) {
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      rest = rest.slice(close[0].length);
      continue;
    }
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/.exec(rest);
    if (!open) throw new Error(`bad tag: ${rest.slice(0, 40)}`);
    const node: XmlNode = { name: open[1]!, attrs: {}, children: [], text: "" };
    for (const a of open[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]}`);
      node.attrs[a[1]!] = decode(a[2]!);
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error("more than one root element");
    top.children.push(node);
    if (open[3] !== "/") stack.push(node);
    rest = rest.slice(open[0].length);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  if (root.text.trim() !== "") throw new Error("text outside the root element");
  const only = root.children[0];
  if (only === undefined || root.children.length !== 1) throw new Error("no single root element");
  return only;
}

function child(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

describe("the XML checker of this test", () => {
  it("rejects what is not well-formed", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
    expect(() => parseXml("<a>\u001b</a>")).toThrow();
    expect(() => parseXml("<a></a><b/>")).toThrow();
    expect(() => parseXml("<a>")).toThrow();
    expect(parseXml('<a x="&lt;&#10;">t&amp;</a>')).toEqual({ name: "a", attrs: { x: "<\n" }, children: [], text: "t&" });
  });
});

describe("formatJunit", () => {
  it("writes one suite per file and one case per rule with findings", () => {
    const xml = formatJunit([seedReport(), unreadableReport(), cleanReport()], EN);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    expect(root.attrs).toMatchObject({ tests: "6", failures: "0", errors: "1" });
    const suites = child(root, "testsuite");
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors])).toEqual([
      [SEED_PATH, "4", "0", "0"],
      ["missing.txt", "1", "0", "1"],
      ["clean.txt", "1", "0", "0"],
    ]);
    const seedCases = child(suites[0]!, "testcase");
    expect(seedCases.map((c) => c.attrs.name)).toEqual([
      "project/missing-satisfaction",
      "indicator/missing-value",
      "indicator/vacuous-target",
      "indicator/no-unit",
    ]);
    for (const c of seedCases) expect(c.attrs.classname).toBe(SEED_PATH);
  });

  it("passes warnings and infos, listing them in system-out", () => {
    const root = parseXml(formatJunit([seedReport()], EN));
    const cases = child(child(root, "testsuite")[0]!, "testcase");
    expect(cases.every((c) => child(c, "failure").length === 0)).toBe(true);
    const out = child(cases[0]!, "system-out")[0]!.text.split("\n");
    expect(out).toHaveLength(6);
    expect(out[0]).toBe("14:1 warning: project “金融项目评审专项经费” has no satisfaction indicator (满意度指标)");
    expect(child(cases[3]!, "system-out")[0]!.text).toMatch(/^24:412 info: /);
  });

  it("gives a file that could not be checked an <error> (JUnit: the test could not run), listing line:col message", () => {
    const root = parseXml(formatJunit([unreadableReport()], ZH));
    const testcase = child(child(root, "testsuite")[0]!, "testcase")[0]!;
    expect(testcase.attrs).toEqual({ name: "input/unreadable", classname: "missing.txt" });
    expect(child(testcase, "failure")).toEqual([]);
    const error = child(testcase, "error")[0]!;
    expect(error.attrs).toEqual({ message: "文件不存在：missing.txt", type: "input/unreadable" });
    expect(error.text).toBe("1:1 文件不存在：missing.txt");
  });

  it("fails a case on error-level findings of a rule, listing line:col message", () => {
    const report = fileReport("sums.txt", [diag({ ruleId: "amount/row-sum", severity: "error", messageId: "mismatch", line: 12, column: 3 })]);
    const suite = child(parseXml(formatJunit([report], EN)), "testsuite")[0]!;
    expect([suite.attrs.failures, suite.attrs.errors]).toEqual(["1", "0"]);
    const failure = child(child(suite, "testcase")[0]!, "failure")[0]!;
    expect(failure.attrs.type).toBe("error");
    expect(failure.text).toMatch(/^12:3 /);
  });

  it("splits one rule's errors (failure) from its warnings (system-out)", () => {
    const report = fileReport("mixed.txt", [
      diag({ ruleId: "input/unreadable", severity: "error", messageId: "empty", line: 1, column: 1 }),
      diag({ ruleId: "input/unreadable", severity: "error", messageId: "binary", data: { kind: "PDF" }, line: 2, column: 1 }),
      diag({ ruleId: "input/unreadable", severity: "warning", messageId: "xls", line: 3, column: 1 }),
    ]);
    const testcase = child(child(parseXml(formatJunit([report], EN)), "testsuite")[0]!, "testcase")[0]!;
    const failure = child(testcase, "error")[0]!;
    expect(failure.attrs.message).toBe("the file is empty (+1)");
    expect(failure.text).toBe("1:1 the file is empty\n2:1 the file is binary data (PDF), not a text table");
    expect(child(testcase, "system-out")[0]!.text).toMatch(/^3:1 warning: old binary \.xls files/);
  });

  it("names the cell of a finding in a .xlsx or .csv, as pretty does", () => {
    const report = fileReport("t.xlsx", [
      diag({ ruleId: "table/preamble", messageId: "missingTitle", line: 1, column: 1, ref: "绩效目标表!A1" }),
      diag({ ruleId: "amount/format", severity: "error", messageId: "notNumber", line: 21, column: 2, data: { name: "项目甲", column: "total", columnZh: "总计", columnEn: "total", text: "七十" }, ref: "绩效目标表!B21" }),
    ]);
    const cases = child(child(parseXml(formatJunit([report], EN)), "testsuite")[0]!, "testcase");
    expect(child(cases[0]!, "system-out")[0]!.text).toMatch(/^1:1 \(绩效目标表!A1\) warning: /);
    const failure = child(cases[1]!, "failure")[0]!;
    expect(failure.text).toMatch(/^21:2 \(绩效目标表!B21\) /);
    expect(failure.attrs.message).toMatch(/^绩效目标表!B21: /);
  });

  it("writes a passing case named perftable for a clean file", () => {
    const suite = child(parseXml(formatJunit([cleanReport()], EN)), "testsuite")[0]!;
    expect(suite.children).toEqual([{ name: "testcase", attrs: { name: "perftable", classname: "clean.txt" }, children: [], text: "" }]);
    expect(parseXml(formatJunit([], EN)).attrs).toMatchObject({ tests: "0", failures: "0" });
  });

  it("stays well-formed with hostile paths and messages, showing them escaped", () => {
    const report = hostileReport();
    const xml = formatJunit([report], EN);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u200f]/);
    const suite = child(parseXml(xml), "testsuite")[0]!;
    expect(suite.attrs.name).toBe(sanitizeText(report.path));
    const failure = child(child(suite, "testcase")[0]!, "error")[0]!;
    expect(failure.attrs.message).toBe(`cannot read the file: ${sanitizeText(HOSTILE)}`);
    expect(failure.text).toContain('<script>alert(1)</script>"; DROP TABLE t;--\\u200fevil');
  });

  it("shows U+FFFE and U+FFFF (not allowed in XML) as \\ufffe rather than dropping them from a name", () => {
    // A project name from a workbook cell; XML 1.0 has no way to write these two code points.
    const name = "金融项目\ufffe评审专项经费\uffff";
    const report = fileReport(SEED_PATH, [
      diag({ ruleId: "project/missing-satisfaction", messageId: "missing", data: { name }, line: 14, column: 1, endColumn: 13, project: name }),
    ]);
    const testcase = child(child(parseXml(formatJunit([report], EN)), "testsuite")[0]!, "testcase")[0]!;
    expect(child(testcase, "system-out")[0]!.text).toBe(
      "14:1 warning: project “金融项目\\ufffe评审专项经费\\uffff” has no satisfaction indicator (满意度指标)",
    );
  });
});
