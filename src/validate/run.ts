// Runs the rules: a table sink that calls every enabled rule's listeners once per node as the
// reader produces them, applies the configured severities, and collects sorted diagnostics.
import { decodeInput, type EncodingOption } from "../io/decode.js";
import type { Replaced } from "../io/replaced.js";
import { rules as allRules } from "../rules/index.js";
import type { Rule, RuleListeners } from "../rules/types.js";
import { noTable, noTableBefore, replacedBytes, unreadable, whyNoTable } from "../table/parse.js";
import { TableReader, type TableSink } from "../table/reader.js";
import type { RawRow } from "../table/rows.js";
import { detach, splitRows } from "../table/split.js";
import { textFacts, type AmountRow, type Amounts, type Diagnostic, type FileReport, type Indicator, type Project, type Severity, type TableDocument, type TableSummary, type Unit } from "../types.js";
import { COMPACT_THRESHOLD, type CompactData, CompactDiagnostics } from "./compact.js";

/** Severities and options per rule id, after defaults, config file and `--rule` flags. */
export interface ResolvedConfig {
  severities: ReadonlyMap<string, Severity>;
  options: ReadonlyMap<string, Record<string, number | string | boolean>>;
}

/** One step milder (a rule's lesser case, `ReportDescriptor.milder`). */
const MILDER: Record<Exclude<Severity, "off">, Exclude<Severity, "off">> = { error: "warning", warning: "info", info: "info" };

/** The default configuration: every rule at its default severity and options. */
export function defaultConfig(): ResolvedConfig {
  return {
    severities: new Map(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity])),
    options: new Map(allRules.map((r) => [r.meta.id, { ...(r.meta.defaultOptions ?? {}) }])),
  };
}

/**
 * One copy of each string a file's findings hold (names and values repeat across thousands of
 * findings), detached from the chunk it was cut from.
 */
class StringPool {
  private readonly pool = new Map<string, string>();
  intern<T extends string | null>(s: T): T {
    if (s === null || s.length > 256) return s;
    let v = this.pool.get(s);
    if (v === undefined) {
      v = detach(s);
      this.pool.set(v, v);
    }
    return v as T;
  }
  /**
   * The data of a finding with its strings pooled, and one shared object for all findings with the
   * same data (the reporters render each distinct data, and its message, once). Found through a
   * trie of key → value maps: the pooled strings' hashes are cached, so no key string is built.
   */
  internData(data: Record<string, string | number>): Record<string, string | number> {
    let node = this.dataRoot;
    for (const k in data) {
      let v = data[k]!;
      if (typeof v === "string") {
        if (v.length > 256) return data;
        data[k] = v = this.intern(v);
      }
      let byValue = node.next.get(k);
      if (byValue === undefined) node.next.set(k, (byValue = new Map()));
      let child = byValue.get(v);
      if (child === undefined) {
        if (++this.dataNodes > 500_000) {
          // Bound the memory: start again (findings then share less, and stay correct).
          this.dataNodes = 0;
          this.dataRoot = { shared: null, next: new Map() };
          return data;
        }
        byValue.set(v, (child = { shared: null, next: new Map() }));
      }
      node = child;
    }
    if (node.shared !== null) return node.shared;
    node.shared = data;
    return data;
  }
  private dataRoot: DataNode = { shared: null, next: new Map() };
  private dataNodes = 0;
}

/** A node of the data trie: the shared data object ending here, and the next key → value → node. */
interface DataNode {
  shared: Record<string, string | number> | null;
  next: Map<string, Map<string | number, DataNode>>;
}

type Listeners = { [K in keyof RuleListeners]-?: NonNullable<RuleListeners[K]>[] };
type IndicatorListener = NonNullable<RuleListeners["indicator"]>;

/** What a runner found in a part of a table: its units (without projects), counts and findings. */
export interface PartFindings {
  units: Unit[];
  counts: { units: number; projects: number; indicators: number };
  categories: [string, [string, number][]][];
  findings: CompactData;
}

/** One token per configuration and rule list: memos made under another are not used. */
const memoTokens = new WeakMap<ResolvedConfig, WeakMap<readonly Rule[], object>>();
function memoToken(config: ResolvedConfig, rules: readonly Rule[]): object {
  let byRules = memoTokens.get(config);
  if (byRules === undefined) memoTokens.set(config, (byRules = new WeakMap()));
  let token = byRules.get(rules);
  if (token === undefined) byRules.set(rules, (token = {}));
  return token;
}

/** At most this many indicatorOnly rules share a memo (bits of a small integer); the rest always run. */
const MAX_MEMO_RULES = 30;

/** Sorts by line, column, then rule id (a stable order for every output). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** A table sink that runs rules. One per file. */
export class RuleRunner implements TableSink {
  readonly diagnostics: Diagnostic[] = [];
  readonly summaries: TableSummary[] = [];
  private readonly strings = new StringPool();
  /** Where findings go once a file has very many (see compact.ts). */
  private compact: CompactDiagnostics | null = null;

  private keep(d: Diagnostic): void {
    this.nameCell?.(d);
    if (this.compact !== null) {
      this.compact.push(d);
      return;
    }
    this.diagnostics.push(d);
    if (this.diagnostics.length >= this.compactAfter) {
      this.compact = new CompactDiagnostics();
      for (const x of this.diagnostics) this.compact.push(x);
      this.diagnostics.length = 0;
    }
  }

  /** The FileReport of everything this runner found. */
  toReport(path: string, encoding: string | null): FileReport {
    if (this.compact === null) return makeReport(path, encoding, this.diagnostics, this.summaries);
    return makeCompactReport(path, encoding, this.compact, this.summaries);
  }
  private listeners: Listeners | null = null;
  private summary: TableSummary | null = null;
  /** Indicators per level-1 name, then per level-2 name (turned into `summary.categories` at the end). */
  private categoryCounts = new Map<string, Map<string, number>>();
  private readonly enabled: { rule: Rule; severity: Exclude<Severity, "off"> }[];
  /** indicator listeners of indicatorOnly rules (memoised per indicator text), and the others. */
  private memoised: IndicatorListener[] = [];
  private always: IndicatorListener[] = [];
  private readonly token: object;
  /** Set when a rule reports: tells which memoised listeners reported for an indicator. */
  private reported = false;

  constructor(
    private readonly file: string,
    private readonly config: ResolvedConfig = defaultConfig(),
    rules: readonly Rule[] = allRules,
    /** Findings kept as objects before the rest go to compact storage. */
    private readonly compactAfter: number = COMPACT_THRESHOLD,
    /** Names the spreadsheet cell of a finding (`ref`) before it is kept (.csv and .xlsx input). */
    private readonly nameCell?: (d: Diagnostic) => void,
  ) {
    this.token = memoToken(config, rules);
    this.enabled = [];
    for (const rule of rules) {
      const severity = config.severities.get(rule.meta.id) ?? rule.meta.defaultSeverity;
      if (severity !== "off") this.enabled.push({ rule, severity });
    }
  }

  startTable(doc: TableDocument): void {
    const l: Listeners = { table: [], total: [], project: [], indicator: [], unit: [], tableEnd: [], unitElsewhere: [] };
    this.memoised = [];
    this.always = [];
    this.splittable = true;
    for (const { rule, severity } of this.enabled) {
      const options = { ...(rule.meta.defaultOptions ?? {}), ...(this.config.options.get(rule.meta.id) ?? {}) };
      const created = rule.create({
        file: this.file,
        options,
        report: (r) => {
          if (this.muted) return;
          this.reported = true;
          this.keep({
            ruleId: rule.meta.id,
            severity: r.milder === true ? MILDER[severity] : severity,
            messageId: r.messageId,
            data: r.data ? this.strings.internData(r.data) : {},
            line: r.span.line,
            column: r.span.column,
            endLine: r.span.endLine,
            endColumn: r.span.endColumn,
            project: this.strings.intern(r.project ?? null),
            indicator: this.strings.intern(r.indicator ?? null),
          });
        },
      });
      for (const key of Object.keys(l) as (keyof Listeners)[]) {
        const fn = created[key];
        if (fn) (l[key] as unknown[]).push(fn.bind(created));
      }
      if (created.tableEnd && !created.unitElsewhere) this.splittable = false;
      if (created.indicator) {
        const list = rule.meta.indicatorOnly === true && this.memoised.length < MAX_MEMO_RULES ? this.memoised : this.always;
        list.push(l.indicator[l.indicator.length - 1]!);
      }
    }
    this.listeners = l;
    // (Pooled copies: the table's text is cut from the whole file, which a kept substring would pin.)
    const strings = this.strings;
    this.summary = { department: strings.intern(doc.department), moneyUnit: strings.intern(doc.moneyUnit), units: 0, projects: 0, indicators: 0, moneyTotal: null, categories: {}, line: doc.line };
    this.summaries.push(this.summary);
    // A table resumed in the middle (a part on another thread): its `table` findings are the head's.
    this.muted = this.resuming;
    if (this.resuming) this.partUnits = [];
    for (const fn of l.table) fn(doc);
    this.muted = false;
  }

  /** Whether every rule of the current table can have it checked in parts (see `unitElsewhere`). */
  splittable = true;
  /** Set while a part's table is resumed: the rules' findings in `table` are dropped. */
  resuming = false;
  /** The units of a part, kept for `takePart`. */
  private partUnits: Unit[] | null = null;
  private muted = false;

  /** What this runner found in a part of a table (a worker's answer; see validate/parts.ts). */
  takePart(): PartFindings {
    const s = this.summary!;
    let compact = this.compact;
    if (compact === null) {
      compact = new CompactDiagnostics();
      for (const d of this.diagnostics) compact.push(d);
    }
    return {
      units: this.partUnits ?? [],
      counts: { units: s.units, projects: s.projects, indicators: s.indicators },
      categories: [...this.categoryCounts].map(([level1, level2s]) => [level1, [...level2s]]),
      findings: compact.toData(),
    };
  }

  /** Add a part of the current table that another runner checked, after what this one has seen. */
  absorbPart(part: PartFindings, doc: TableDocument): void {
    const s = this.summary!;
    s.units += part.counts.units;
    s.projects += part.counts.projects;
    s.indicators += part.counts.indicators;
    const cats = this.categoryCounts;
    for (const [level1, level2s] of part.categories) {
      let mine = cats.get(level1);
      if (mine === undefined) cats.set(level1, (mine = new Map()));
      for (const [level2, n] of level2s) mine.set(level2, (mine.get(level2) ?? 0) + n);
    }
    const elsewhere = this.listeners!.unitElsewhere;
    for (const u of part.units) for (const fn of elsewhere) fn(u, doc);
    if (part.findings.n === 0) return;
    if (this.compact === null) {
      this.compact = new CompactDiagnostics();
      for (const x of this.diagnostics) this.compact.push(x);
      this.diagnostics.length = 0;
    }
    this.compact.append(part.findings);
  }

  total(row: AmountRow, doc: TableDocument): void {
    this.summary!.moneyTotal = this.strings.intern(row.amounts.total);
    for (const fn of this.listeners!.total) fn(row, doc);
  }

  project(project: Project, unit: Unit, doc: TableDocument): void {
    const l = this.listeners!;
    const s = this.summary!;
    s.projects++;
    s.indicators += project.indicators.length;
    const cats = this.categoryCounts;
    for (const i of project.indicators) {
      const key = i.level1 ? i.level1.name : "?";
      let level2 = cats.get(key);
      if (level2 === undefined) cats.set(key, (level2 = new Map()));
      const key2 = i.level2 ? i.level2.name : "";
      level2.set(key2, (level2.get(key2) ?? 0) + 1);
    }
    for (const fn of l.project) fn(project, unit, doc);
    if (l.indicator.length > 0) for (const i of project.indicators) this.indicator(i, project, unit, doc);
  }

  /**
   * Every rule's listener for one indicator. indicatorOnly rules decide from the indicator's text
   * alone, so for text seen before only those that reported then are called again (the others
   * would find nothing again); the first time, each is watched for whether it reports.
   */
  private indicator(i: Indicator, project: Project, unit: Unit, doc: TableDocument): void {
    const memoised = this.memoised;
    if (memoised.length > 0) {
      // Which indicatorOnly rules reported for this text, for this configuration and rule list
      // (on the parser's facts slot of the text; indicators made another way have none).
      const facts = textFacts(i.level1);
      if (facts !== undefined && facts.token === this.token) {
        for (let mask = facts.mask, k = 0; mask !== 0; mask >>>= 1, k++) if ((mask & 1) !== 0) memoised[k]!(i, project, unit, doc);
      } else {
        let mask = 0;
        for (let k = 0; k < memoised.length; k++) {
          this.reported = false;
          memoised[k]!(i, project, unit, doc);
          if (this.reported) mask |= 1 << k;
        }
        if (facts !== undefined) {
          facts.token = this.token;
          facts.mask = mask;
        }
      }
    }
    for (const fn of this.always) fn(i, project, unit, doc);
  }

  endUnit(unit: Unit, doc: TableDocument): void {
    if (unit.line !== null) this.summary!.units++;
    for (const fn of this.listeners!.unit) fn(unit, doc);
    // A part's units go to the runner of the whole table (their strings copied: see StringPool).
    if (this.partUnits !== null) {
      const pool = this.strings;
      const copy = (a: Amounts): Amounts => ({ total: pool.intern(a.total), appropriation: pool.intern(a.appropriation), specialAccount: pool.intern(a.specialAccount), other: pool.intern(a.other) });
      const skeleton: Unit = { name: pool.intern(unit.name), line: unit.line, nameColumn: unit.nameColumn, amounts: copy(unit.amounts), amountColumns: unit.amountColumns, projects: [] };
      if (unit.amountLines !== undefined) skeleton.amountLines = unit.amountLines;
      if (unit.amountsRaw !== undefined) skeleton.amountsRaw = copy(unit.amountsRaw);
      this.partUnits.push(skeleton);
    }
  }

  endTable(doc: TableDocument): void {
    // Category names are table text: a null-prototype record keeps `__proto__` as a key like any other.
    const categories: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [level1, level2s] of this.categoryCounts) {
      let n = 0;
      for (const [level2, count] of level2s) {
        n += count;
        if (level2 !== "") categories[`${level1}/${level2}`] = count;
      }
      categories[level1] = n;
    }
    this.summary!.categories = categories;
    this.categoryCounts = new Map();
    for (const fn of this.listeners!.tableEnd) fn(doc);
    this.listeners = null;
  }

  diagnostic(d: Diagnostic): void {
    const severity = this.config.severities.get(d.ruleId) ?? "error";
    if (severity === "off") return;
    d.severity = severity;
    // Pooled like the rules' findings: their text must not pin the file it was cut from.
    d.data = this.strings.internData(d.data);
    d.project = this.strings.intern(d.project);
    d.indicator = this.strings.intern(d.indicator);
    this.keep(d);
  }
}

export interface CheckOptions {
  /** The name used in messages and reports. */
  path: string;
  encoding?: EncodingOption;
  config?: ResolvedConfig;
  /** Keep the decoded text in the report (for code frames). */
  keepSource?: boolean;
  /** Findings kept as objects before the rest go to compact storage (tests lower it). */
  compactAfter?: number;
  /** Names the spreadsheet cell of each finding (`ref`), as it is made: see cellRefs in api.ts. */
  nameCell?: (d: Diagnostic) => void;
}

/** Give `to` the text of `from` (`source`, or the `lines` of a file too big to keep): for reports made from others. */
export function carryText(from: FileReport, to: FileReport): FileReport {
  if (from.source !== undefined) to.source = from.source;
  if (from.lines !== undefined) Object.defineProperty(to, "lines", { value: from.lines, enumerable: false });
  return to;
}

/**
 * The sheet a finding's cell is on (`'2024 调整'!A12` → `2024 调整`), or null for a cell of a .csv
 * (`G12`) or no cell.
 */
export function sheetOfRef(ref: string | undefined): string | null {
  if (ref === undefined) return null;
  const bang = ref.lastIndexOf("!");
  if (bang < 0) return null;
  return ref.startsWith("'") ? ref.slice(1, bang - 1).replace(/''/g, "'") : ref.slice(0, bang);
}

/**
 * Sort findings for a report: by line, column and rule id (compareDiagnostics); the findings of a
 * workbook's sheets (each with its own rows from 1) stay grouped by sheet, the sheets in the order
 * their first finding comes in (the sheet order, as checkBytes joins them), findings on no sheet first.
 */
export function sortDiagnostics(diagnostics: Diagnostic[]): void {
  let sheets: Map<string, number> | null = null;
  for (const d of diagnostics) {
    // A .csv's refs have no `!`, a text table's findings no ref: one group, no work per finding.
    if (d.ref === undefined || d.ref.indexOf("!") < 0) continue;
    const sheet = sheetOfRef(d.ref)!;
    if (!(sheets ??= new Map()).has(sheet)) sheets.set(sheet, sheets.size + 1);
  }
  if (sheets === null || sheets.size < 2) {
    diagnostics.sort(compareDiagnostics);
    return;
  }
  const group = (d: Diagnostic) => (d.ref === undefined ? 0 : (sheets.get(sheetOfRef(d.ref) ?? "") ?? 0));
  diagnostics.sort((a, b) => group(a) - group(b) || compareDiagnostics(a, b));
}

/** Build a FileReport from diagnostics: sort (sortDiagnostics) and count. */
export function makeReport(path: string, encoding: string | null, diagnostics: Diagnostic[], tables?: TableSummary[]): FileReport {
  sortDiagnostics(diagnostics);
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errorCount++;
    else if (d.severity === "warning") warningCount++;
    else infoCount++;
  }
  const report: FileReport = { path, encoding, errorCount, warningCount, infoCount, diagnostics };
  if (tables !== undefined) report.tables = tables;
  return report;
}

/**
 * A FileReport over compactly kept findings: counts at once, `eachDiagnostic` to iterate them in
 * order, and `diagnostics` made (and kept) on first use.
 */
function makeCompactReport(path: string, encoding: string | null, compact: CompactDiagnostics, tables: TableSummary[]): FileReport {
  compact.seal();
  const order = compact.sortedOrder();
  const report = { path, encoding, ...compact.counts(), tables } as FileReport;
  Object.defineProperty(report, "diagnostics", {
    enumerable: true,
    configurable: true,
    get(this: FileReport) {
      const all = Array.from(order, (i) => compact.get(i));
      Object.defineProperty(this, "diagnostics", { value: all, enumerable: true, writable: true, configurable: true });
      return all;
    },
    set(this: FileReport, value: Diagnostic[]) {
      Object.defineProperty(this, "diagnostics", { value, enumerable: true, writable: true, configurable: true });
    },
  });
  Object.defineProperty(report, "eachDiagnostic", {
    enumerable: false,
    value: function* () {
      for (const i of order) yield compact.get(i);
    },
  });
  return report;
}

/** Check rows that are already split (any input format). */
export function checkRows(rows: Iterable<RawRow>, encoding: string, options: CheckOptions, notUtf8?: Record<string, string>, replaced?: Replaced): FileReport {
  const runner = new RuleRunner(options.path, options.config, undefined, options.compactAfter, options.nameCell);
  const reader = new TableReader(runner, { encoding, retain: false });
  for (const row of rows) {
    reader.push(row);
    if (reader.stopped !== null) break;
  }
  // (A file with no table gets its input/unreadable finding alone: that is the story to tell.)
  if (reader.end() === 0) runner.diagnostic(noTable(reader, notUtf8));
  else if (replaced !== undefined) runner.diagnostic(replacedBytes(encoding, replaced));
  return runner.toReport(options.path, encoding);
}

/**
 * For a big standard input (spoolStdin): its first 4 MiB (to their last line break) when they
 * already show it holds no table, else null. 4 MiB is past the reader's header search bound (1 MiB
 * of text; a header row is short), so no table in it means none in the input: no header within the
 * bound, no line break at all, text that is no table in UTF-8 or GB18030, or only blank lines.
 */
export function noTableIn(bytes: Uint8Array, encoding: EncodingOption = "auto"): Uint8Array | null {
  const cut = bytes.subarray(0, NO_TABLE_HEAD);
  // (A memory limit set below 4 MiB leaves less to judge by: then only the reader's own bound.)
  const whole = cut.length === NO_TABLE_HEAD;
  const lastBreak = cut.lastIndexOf(0x0a);
  if (lastBreak === -1 && !whole) return null;
  const head = lastBreak === -1 ? cut : cut.subarray(0, lastBreak + 1);
  const why = whyNoTable(head, encoding);
  return why !== null && (whole ? NO_TABLE.has(why.messageId) : why.messageId === "noTableWithin") ? head : null;
}
const NO_TABLE_HEAD = 4 * 1024 * 1024;
const NO_TABLE = new Set(["noTableWithin", "noTableNotUtf8", "noTable", "empty", "undecodableAt"]);

/** Check a decoded text or the bytes of a file. Never throws. */
export function checkInput(input: string | Uint8Array, options: CheckOptions): FileReport {
  const decoded = decodeInput(input, options.encoding ?? "auto", noTableBefore);
  // (No table before a NUL character or a byte that is not UTF-8: the report names the encoding, as
  // a streamed read's does.)
  if (!decoded.ok) return makeReport(options.path, decoded.encoding ?? null, [unreadable(decoded.messageId, decoded.data)]);
  const text = decoded.text;
  const report = checkRows(splitRows(text), decoded.encoding, options, decoded.notUtf8, decoded.replaced);
  if (options.keepSource) report.source = text;
  return report;
}
