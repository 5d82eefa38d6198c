// Property tests of parseIndicators: it never throws and reports only positions inside its input
// whatever the text; raws give the cell back; a rendered list of valid indicators parses unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIndicators } from "../../grammar/index.js";
import type { Position, Span } from "../../src/types.js";

/** Pieces that make texts close to real cells (separators, labels, numbers, line breaks, astral). */
const PIECES = [
  "1、", "12、", "、", "；", ";", "。", ":", "：", "实施周期指标值", "年度指标值", "1-产出指标", "11-数量指标",
  "-", " ", "\u3000", "\n", "\r\n", "𠮷", "名称", "≥95%", "无", "3万人", "0", "９", "目标值", "\ud800",
];

const cellText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join("")),
);

const startPosition = fc.record({ line: fc.integer({ min: 1, max: 1000 }), column: fc.integer({ min: 1, max: 1000 }) });

/** Whether a position lies in `text` placed at `start` (end of a line and end of text included). */
function isInside(text: string, start: Position, p: Position): boolean {
  const lines = text.split("\n");
  const k = p.line - start.line;
  if (k < 0 || k >= lines.length) return false;
  const first = k === 0 ? start.column : 1;
  return p.column >= first && p.column <= first + [...lines[k]!].length;
}

function isOrdered(s: Span): boolean {
  return s.endLine > s.line || (s.endLine === s.line && s.endColumn >= s.column);
}

describe("parseIndicators properties", () => {
  it("never throws and reports positions inside the input only", () => {
    fc.assert(
      fc.property(cellText, startPosition, (text, start) => {
        const { value, diagnostics } = parseIndicators(text, start);
        for (const d of diagnostics) {
          expect(d.ruleId).toBe("indicator/syntax");
          expect(isInside(text, start, d)).toBe(true);
          expect(isInside(text, start, { line: d.endLine, column: d.endColumn })).toBe(true);
          expect(isOrdered(d)).toBe(true);
        }
        for (const i of value) {
          expect(isInside(text, start, i)).toBe(true);
          expect(isInside(text, start, { line: i.endLine, column: i.endColumn })).toBe(true);
          expect(isOrdered(i)).toBe(true);
          if (i.periodAt) expect(isInside(text, start, i.periodAt)).toBe(true);
          if (i.annualAt) expect(isInside(text, start, i.annualAt)).toBe(true);
          // Broken indicators carry an error and null fields; good ones carry every field.
          if (i.error === undefined) expect([i.level1, i.level2, i.name, i.period, i.annual].includes(null)).toBe(false);
          else expect([i.level1, i.level2, i.name, i.period, i.annual]).toEqual([null, null, null, null, null]);
        }
        expect(diagnostics.length).toBe(value.filter((i) => i.error !== undefined).length);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back any trimmed cell by joining the raws with 。 (unless a broken indicator was cut at a ；N、)", () => {
    fc.assert(
      fc.property(cellText, (raw) => {
        const text = raw.trim();
        fc.pre(text !== "" && !/[；;]\s*[0-9０-９]+\s*、/.test(text));
        const { value } = parseIndicators(text);
        const rebuilt = value.map((i) => i.raw).join("。") + (text.endsWith("。") ? "。" : "");
        expect(rebuilt).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  /** Text of a name or value: no separators or labels, no spaces at either end. */
  const word = (minLength: number) =>
    fc
      .string({ unit: fc.constantFrom(..."产出数量服务对象满意企业、，-()%≥≤<>=0123456789abc 𠮷/·万亿年月"), minLength, maxLength: 12 })
      .filter((s) => s.trim() === s);

  const indicator = fc.record({
    code1: fc.constantFrom("1", "2", "3", "4"),
    level1: word(1),
    code2: fc.constantFrom("11", "12", "21", "31", "41"),
    level2: word(1),
    name: word(1),
    period: word(0),
    annual: word(0),
    annualFirst: fc.boolean(),
    semicolon: fc.constantFrom("；", ";"),
    colon: fc.constantFrom(":", "："),
  });

  it("parses a rendered list of valid indicators back unchanged", () => {
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 6 }), fc.boolean(), (list, finalStop) => {
        const rendered = list.map((x, k) => {
          const s = x.semicolon;
          const targets = [`实施周期指标值${x.colon}${x.period}`, `年度指标值${x.colon}${x.annual}`];
          if (x.annualFirst) targets.reverse();
          return `${k + 1}、${x.code1}-${x.level1}${s}${x.code2}-${x.level2}${s}${x.name}${s}${targets[0]}${s}${targets[1]}`;
        });
        const text = rendered.join("。") + (finalStop ? "。" : "");
        const { value, diagnostics } = parseIndicators(text);
        expect(diagnostics).toEqual([]);
        expect(value.map((i) => i.raw)).toEqual(rendered);
        expect(
          value.map((i) => [i.seq, i.level1, i.level2, i.name, i.period?.raw, i.annual?.raw]),
        ).toEqual(
          list.map((x, k) => [
            k + 1,
            { code: x.code1, name: x.level1 },
            { code: x.code2, name: x.level2 },
            x.name,
            x.period,
            x.annual,
          ]),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
