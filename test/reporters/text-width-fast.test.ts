// The fast path of displayWidth agrees with string-width on every code point.
import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/reporters/text-width.js";

describe("displayWidth fast path", () => {
  it.each(["abc", "金融项目评审专项经费", "≥95%", "１２３", "𠀋好", "ｱ", "가나다", "…—·№①→", "├─┤╵ℹ✖✔⚠", "表\u200b格", "é", "e\u0301", "👍", "\u001b[31mx\u001b[0m", "（）：；，。、", "Ω‰℃±×"])(
    "%j",
    (s) => expect(displayWidth(s)).toBe(stringWidth(s)),
  );

  it("agrees with string-width on any single code point and on mixed text", () => {
    for (let cp = 0; cp < 0x30000; cp += cp < 0x3000 ? 1 : 7) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      if (displayWidth(s) !== stringWidth(s)) throw new Error(`U+${cp.toString(16)}: ${displayWidth(s)} ≠ ${stringWidth(s)}`);
    }
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (s) => displayWidth(s) === stringWidth(s)), { numRuns: 20000, seed: 20261128 });
  });
});
