// The rule API: a rule is a plain object with metadata (id, severity, docs, zh/en messages) and a
// create() that returns listeners for the nodes of a table, called once each in document order.
import type { AmountRow, Diagnostic, Indicator, Lang, Project, Severity, Span, TableDocument, Unit } from "../types.js";

/** A text in both languages. */
export type Bilingual = Record<Lang, string>;

export interface RuleDocs {
  /** One line: what the rule checks. */
  summary: Bilingual;
  /** Why it matters. */
  why: Bilingual;
  /** A failing example (a cell, a row or an indicator as published). */
  bad: string;
  /** A passing example. */
  good: string;
}

export interface RuleMeta {
  /** `area/name`, equal to the rule's file path under src/rules/. Never changes meaning. */
  id: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /**
   * Message templates by message id. Placeholders are `{name}`, filled from the diagnostic's
   * `data` by the reporters.
   */
  messages: Record<string, Bilingual>;
  /** Default options, when the rule takes any (e.g. `{ floor: 80 }`). */
  defaultOptions?: Record<string, number | string | boolean>;
  /**
   * The rule's `indicator` listener decides whether to report from the indicator's own text alone
   * (its categories, name and targets) and the rule's options — never from its project, unit,
   * table, sequence number or other indicators. The runner then calls it again for an indicator
   * with the same text only when it reported the first time (tables repeat indicators a lot).
   */
  indicatorOnly?: boolean;
}

/** What a rule hands to `report`. Severity is filled in by the validator from the config. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  project?: string | null;
  indicator?: string | null;
  /**
   * A lesser case of the rule: reported one step milder than the rule's configured severity (error →
   * warning, warning → info; info stays info). SPEC §5 asks it of growth rates in
   * indicator/percent-range.
   */
  milder?: boolean;
}

export interface RuleContext {
  /** The file name as the user gave it (for messages only). */
  readonly file: string;
  /** Options merged over `meta.defaultOptions`. */
  readonly options: Readonly<Record<string, number | string | boolean>>;
  report(descriptor: ReportDescriptor): void;
}

/**
 * Listeners, each optional. Order of calls for one table: `table` (preamble and header known),
 * `total`, then for each unit: `project` and `indicator` for each of its projects, then `unit`
 * (with all its projects), and finally `tableEnd`. In streaming mode a unit leaves the document once
 * its `unit` listeners have run (`tableEnd` finds `units` empty): accumulate in `unit` what you need
 * at the end.
 */
export interface RuleListeners {
  table?(doc: TableDocument): void;
  total?(row: AmountRow, doc: TableDocument): void;
  project?(project: Project, unit: Unit, doc: TableDocument): void;
  indicator?(indicator: Indicator, project: Project, unit: Unit, doc: TableDocument): void;
  unit?(unit: Unit, doc: TableDocument): void;
  tableEnd?(doc: TableDocument): void;
  /**
   * A unit of this table that another thread checked (a big table is checked in parts, cut before
   * unit rows): add it to what `tableEnd` needs, and report nothing. Its `projects` are empty. A rule
   * with `tableEnd` and without this listener keeps the whole table on one thread. What a rule keeps
   * from one unit for the next must be reported at `tableEnd` only (the units of a part do not see
   * the units before it).
   */
  unitElsewhere?(unit: Unit, doc: TableDocument): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleListeners;
}

/** Helper for rule files: keeps the object literal typed. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Diagnostic };
