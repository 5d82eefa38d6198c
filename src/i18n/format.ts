// Turns diagnostics (message id + data) into text in Chinese or English, and picks the language.
import { getRule } from "../rules/index.js";
import type { Diagnostic, Lang } from "../types.js";

/**
 * A template cut into its text and placeholders once: the pieces alternate text, placeholder name,
 * text, … (always an odd number, text first and last).
 */
const compiled = new Map<string, string[]>();
function compile(template: string): string[] {
  let pieces = compiled.get(template);
  if (pieces === undefined) {
    pieces = template.split(/\{(\w+)\}/);
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(template, pieces);
  }
  return pieces;
}

/** Fill `{name}` placeholders from data; unknown placeholders stay as they are. */
export function fillTemplate(template: string, data: Record<string, string | number>): string {
  const pieces = compile(template);
  let out = pieces[0]!;
  for (let k = 1; k < pieces.length; k += 2) {
    const key = pieces[k]!;
    // `fooZh` is the Chinese wording of `foo`: where a finding has only `foo`, that is shown.
    const source = Object.prototype.hasOwnProperty.call(data, key) ? key : key.endsWith("Zh") && Object.prototype.hasOwnProperty.call(data, key.slice(0, -2)) ? key.slice(0, -2) : null;
    out += (source === null ? `{${key}}` : String(data[source])) + pieces[k + 1]!;
  }
  return out;
}

/** The template of a diagnostic's message in the given language (undefined for an unknown id). */
export function messageTemplate(d: Pick<Diagnostic, "ruleId" | "messageId">, lang: Lang): string | undefined {
  return getRule(d.ruleId)?.meta.messages[d.messageId]?.[lang];
}

/** The message of a diagnostic in the given language. */
export function formatMessage(d: Pick<Diagnostic, "ruleId" | "messageId" | "data">, lang: Lang): string {
  const template = messageTemplate(d, lang);
  if (template === undefined) return `${d.ruleId}: ${d.messageId} ${JSON.stringify(d.data)}`;
  return fillTemplate(template, d.data);
}

export { resolveLang } from "./lang.js";
