// The lexer tries at each character only the patterns whose start-character hints include it. A
// hint that missed a character would change the tokens: they must be those of a lexer that tries
// every pattern everywhere (safe mode), on any text.
import fc from "fast-check";
import { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { allTokens, getLexer } from "../../grammar/tokens.js";

const everywhere = new Lexer(allTokens, { positionTracking: "onlyOffset", safeMode: true, skipValidations: true });
const simplify = (text: string, lexer: Lexer) => {
  const r = lexer.tokenize(text);
  return { tokens: r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]), errors: r.errors.map((e) => [e.offset, e.length]) };
};

describe("the indicator lexer's start-character hints", () => {
  it("give the tokens of trying every pattern everywhere", () => {
    const piece = fc.oneof(
      fc.constantFrom("1、", "12 、", "１２、", "。", "；", ";", ":", "：", "实施周期指标值", "年度指标值", "实施", "年", "产出指标", "≥90%", " ", "\t", "\n", "\u3000", "\u00a0", "\ufeff", "\u000b", "-", "😀", "\ud800"),
      fc.string({ maxLength: 3 }),
      fc.string({ unit: "binary", maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(simplify(text, getLexer())).toEqual(simplify(text, everywhere));
      }),
      { numRuns: 3000 },
    );
  });
});
