// Test helpers: check a text and pick out one rule's findings; parse a text of one table.
import { expect } from "vitest";
import { parseTable } from "../../src/table/parse.js";
import { checkInput } from "../../src/validate/run.js";
import type { Diagnostic, TableDocument } from "../../src/types.js";
import { formatMessage } from "../../src/i18n/format.js";

/** The findings of one rule when checking `text`. */
export function findings(text: string, ruleId: string): Diagnostic[] {
  return checkInput(text, { path: "t.txt" }).diagnostics.filter((d) => d.ruleId === ruleId);
}

/** The messages of one rule's findings in a language. */
export function messages(text: string, ruleId: string, lang: "zh" | "en"): string[] {
  return findings(text, ruleId).map((d) => formatMessage(d, lang));
}

/** The document of a text that must hold exactly one table. */
export function onlyTable(text: string): TableDocument {
  const result = parseTable(text);
  expect(result.value).toHaveLength(1);
  return result.value[0]!;
}
