// Tests of the display-width helpers: Chinese takes two columns, ANSI colour codes none.
import { describe, expect, it } from "vitest";
import { displayWidth, padEndDisplay, padStartDisplay } from "../../src/reporters/text-width.js";

describe("displayWidth", () => {
  it("counts Chinese and full-width characters as two columns", () => {
    expect(displayWidth("保险赔付率")).toBe(10);
    expect(displayWidth("；")).toBe(2);
    expect(displayWidth("（部门）")).toBe(8);
  });

  it("counts ASCII, ≥ and … as one column", () => {
    expect(displayWidth("≥0%")).toBe(3);
    expect(displayWidth("…a.txt")).toBe(6);
  });

  it("ignores ANSI colour codes", () => {
    expect(displayWidth("\u001b[31m错误\u001b[39m")).toBe(4);
  });
});

describe("padding by display width", () => {
  it("pads Chinese text to the same visual width as ASCII text", () => {
    expect(padEndDisplay("警告", 7)).toBe("警告   ");
    expect(padEndDisplay("warning", 7)).toBe("warning");
    expect(padStartDisplay("提示", 6)).toBe("  提示");
  });

  it("never truncates", () => {
    expect(padEndDisplay("保险赔付率", 4)).toBe("保险赔付率");
  });
});
