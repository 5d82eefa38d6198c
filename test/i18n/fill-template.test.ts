// Message templates are cut into pieces once and filled by concatenation: the same text as the
// plain regular-expression fill, for any template and data.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillTemplate } from "../../src/i18n/format.js";

function reference(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole));
}

describe("fillTemplate", () => {
  it("fills like the regular expression, whatever the template and data", () => {
    const piece = fc.oneof(fc.constantFrom("{name}", "{value}", "{n}", "{unknown}", "{", "}", "{}", "{a b}", "$&", "$1", "“", "：", " "), fc.string({ maxLength: 4 }));
    const data = fc.record({ name: fc.string(), value: fc.oneof(fc.string(), fc.integer()), n: fc.constantFrom("$&", "{value}", "x") }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), data, (pieces, d) => {
        const template = pieces.join("");
        expect(fillTemplate(template, d)).toBe(reference(template, d));
        expect(fillTemplate(template, d)).toBe(reference(template, d)); // from the compiled template
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves unknown placeholders and inherited keys alone", () => {
    expect(fillTemplate("“{name}” {missing} {toString}", { name: "服务质量" })).toBe("“服务质量” {missing} {toString}");
  });
});
