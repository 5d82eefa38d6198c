// Pieces of the audit reporters: CSV cells (quoting, formula guard), JSON inside <script>, SVG
// charts with escaped labels, and the boxed table aligned by display width.
import { describe, expect, it } from "vitest";
import { csvText } from "../../src/reporters/audit/csv.js";
import { renderBarChart, renderStackedBar, truncateDisplay } from "../../src/reporters/audit/html-charts.js";
import { escapeHtml, scriptJson } from "../../src/reporters/audit/html.js";

describe("csvText", () => {
  it.each([
    ["广州开发区金融工作局", "广州开发区金融工作局"],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ['a "b", c', '"a ""b"", c"'],
    ["=1,2", `"'=1,2"`],
    ["line\nbreak", '"line\nbreak"'],
  ])("%j → %j", (input, output) => expect(csvText(input)).toBe(output));
});

describe("scriptJson", () => {
  it("cannot close the script element, and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script>", amp: "a & b", sep: "\u2028" };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("escapeHtml", () => {
  it("escapes markup and shows control and bidi characters", () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">`)).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(escapeHtml("a\u202eb\u001b[2J")).toBe("a\\u202eb\\u001b[2J");
  });
});

describe("renderBarChart", () => {
  it("draws one bar per item, the longest for the largest value, labels escaped", () => {
    const svg = renderBarChart(
      [
        { label: "<b>甲</b>", value: 10, text: "10", color: "#123456" },
        { label: "乙", value: 5, text: "5", color: "#123456" },
      ],
      { name: "chart", empty: "none", width: 500, labelWidth: 100 },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([304, 152]); // 500 - 100 - 96 for the largest, half of it for the other
    expect(svg).toContain("&lt;b&gt;甲&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
  });

  it("says so when there is nothing to draw", () => {
    expect(renderBarChart([], { name: "c", empty: "没有数据" })).toBe('<p class="chart-empty">没有数据</p>');
    expect(renderStackedBar([{ label: "a", value: 0, color: "#000" }], { name: "c", empty: "none" })).toBe('<p class="chart-empty">none</p>');
  });

  it("splits a 100 % bar by shares", () => {
    const svg = renderStackedBar(
      [
        { label: "产出指标", value: 3, color: "#111111" },
        { label: "效益指标", value: 1, color: "#222222" },
      ],
      { name: "c", empty: "", width: 400 },
    );
    expect(svg).toContain('<rect x="0.0" y="4" width="299.0"');
    expect(svg).toContain('<rect x="300.0" y="4" width="99.0"');
    expect(svg).toContain("产出指标<tspan class=\"value\"> 3 · 75.0%</tspan>");
  });
});

describe("truncateDisplay", () => {
  it("cuts by display columns (Chinese counts two)", () => {
    expect(truncateDisplay("广州开发区金融工作局", 9)).toBe("广州开发…");
    expect(truncateDisplay("short", 9)).toBe("short");
  });
});



