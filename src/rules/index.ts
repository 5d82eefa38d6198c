// The rule registry: every rule perftable knows, in catalogue order. A meta-test keeps this list,
// the files under src/rules/, their tests and the README's rule table in step.
import type { Rule } from "./types.js";
import unreadable from "./input/unreadable.js";
import replacedBytes from "./input/replaced-bytes.js";
import { tableRules } from "./table/index.js";
import { amountRules } from "./amount/index.js";
import { indicatorRules } from "./indicator/index.js";
import { projectRules } from "./project/index.js";

export const rules: readonly Rule[] = [unreadable, replacedBytes, ...tableRules, ...amountRules, ...indicatorRules, ...projectRules];

const byId = new Map<string, Rule>(rules.map((r) => [r.meta.id, r]));

/** The rule with this id, or undefined. */
export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export type { Rule, RuleMeta, RuleContext, RuleListeners, ReportDescriptor } from "./types.js";
