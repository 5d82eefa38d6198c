// The shared data types of perftable: positions, the document model (the JSON contract of
// `perftable convert`), typed targets, indicators and diagnostics. Every stage depends on these.
import type { CategoryClassification } from "./targets/categories.js";
import type { LineSource } from "./io/lines.js";

/**
 * A position in the decoded input. `line` is 1-based; `column` is 1-based and counts Unicode
 * code points of the decoded line (not UTF-16 units, not bytes).
 */
export interface Position {
  line: number;
  column: number;
}

/** A range in the decoded input: start inclusive, end exclusive (both 1-based, code points). */
export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

/** The four money columns of a performance table, by canonical key. */
export type MoneyKey = "total" | "appropriation" | "specialAccount" | "other";
export const MONEY_KEYS: readonly MoneyKey[] = ["total", "appropriation", "specialAccount", "other"];

/**
 * Amounts of one row as canonical decimal strings in the table's money unit (thousands separators
 * removed, decimals kept as published: `"15812.52"`); `null` where the cell is empty or not a number.
 */
export type Amounts = Record<MoneyKey, string | null>;

/** Comparators of a quantity target; no comparator in the text means `=`. */
export type Comparator = ">=" | "<=" | ">" | "<" | "=";

/**
 * A typed 实施周期指标值 / 年度指标值. `raw` is the value exactly as published (after the label's
 * colon). `value` is a decimal string, never a float.
 */
export interface Target {
  raw: string;
  /** quantity: a number (with comparator and unit); text: qualitative; date: a date or period; none: empty or 无. */
  kind: "quantity" | "text" | "date" | "none";
  comparator: Comparator | null;
  value: string | null;
  unit: string | null;
  /**
   * Words of a quantity: its leading text (`系统吞吐量每秒处理`), or the words after a percent sign
   * (`100%完成` → `完成`), or its whole text when it has both; the whole text of a qualitative/date target.
   */
  text: string | null;
  /** The value and unit after applying a scale prefix (`3万人` → `30000` `人`); null when no scale applies. */
  scaled?: { value: string; unit: string | null } | null;
  /** `±` tolerance, or `range` for `a-b` / `a～b` quantities (then `upper` holds the upper bound). */
  modifier?: "±" | "range" | null;
  upper?: string | null;
}

/** A level-1 or level-2 category of an indicator: `1-产出指标` → `{ code: "1", name: "产出指标" }`. */
export interface Category {
  code: string | null;
  name: string;
}

/**
 * Facts about one indicator text that later stages work out once and keep: the classification of
 * its categories, and which rules reported for it (the rule runner; `token` names the configuration
 * the `mask` was made under). The parser puts one slot on the level-1 Category it makes for each
 * distinct text, under a symbol key (not enumerable: out of JSON and of comparisons), so every
 * indicator with that text shares it; Categories made any other way have none.
 */
export const TEXT_FACTS = Symbol("perftable.textFacts");
export interface TextFacts {
  token: object | null;
  mask: number;
  categories: { level2: Category | null; result: CategoryClassification } | null;
}

/**
 * The exact file positions of an indicator whose cell has quotes the file wrote doubled (`""`, two
 * columns each): there, a column cannot be worked out from a length. The parser puts it on such an
 * indicator only, under a symbol key (not enumerable: out of JSON and of comparisons). `at` maps a
 * UTF-16 offset into `raw` to its file position; `period` / `annual` are the offsets in `raw` of
 * the target values (`periodAt` / `annualAt`), null when unparsed.
 */
export const RAW_POSITIONS = Symbol("perftable.rawPositions");
/**
 * How many quotes a project's or unit's name cell wrote doubled (`""`, two columns each, read as one
 * `"`: see RawCell.doubled), so that a span of the name ends where it does in the file. Put by the
 * reader on such a project or unit only, under a symbol key (not enumerable: out of JSON and of
 * comparisons).
 */
export const NAME_DOUBLED = Symbol("perftable.nameDoubled");
export interface RawPositions {
  at(offset: number): Position;
  period: number | null;
  annual: number | null;
}

/** The facts slot of an indicator's text, when the parser made it. */
export function textFacts(level1: Category | null): TextFacts | undefined {
  return level1 === null ? undefined : (level1 as Category & { [TEXT_FACTS]?: TextFacts })[TEXT_FACTS];
}

/**
 * One indicator of a 绩效指标 cell. `line`/`column` locate its first character (the sequence
 * number) in the original file; `endLine`/`endColumn` the position just after its last character.
 * `raw` is its exact text without the terminating `。`. An indicator that does not parse keeps
 * `seq` (where readable), its position and `raw`, sets `error`, and has null fields.
 */
export interface Indicator {
  seq: number | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level1: Category | null;
  level2: Category | null;
  name: string | null;
  period: Target | null;
  annual: Target | null;
  /** Position of the period / annual value text in the file (for underlining), when parsed. */
  periodAt?: Position | null;
  annualAt?: Position | null;
  raw: string;
  error?: string;
}

/** A row with money: the 合计 row, a unit (资金使用单位) or a project. */
export interface AmountRow {
  /** 1-based line of the row in the decoded file (or sheet row for spreadsheets). */
  line: number;
  amounts: Amounts;
  /** The money cells exactly as published (`"15,812.52"`), null where empty. */
  amountsRaw: Amounts;
  /** 1-based column (code points) of each money cell, for positions of amount findings. */
  amountColumns?: Partial<Record<MoneyKey, number>>;
  /**
   * 1-based line of each money cell that is not on the row's first line (a cell before it in the row,
   * such as a name typed over two lines in a spreadsheet, spans lines); absent when all are.
   */
  amountLines?: Partial<Record<MoneyKey, number>>;
  /** Cells of columns the header did not recognise, by header name (lossless). */
  extra?: Record<string, string>;
  /** Spreadsheet cell reference of the row's name cell (`Sheet1!A12`), for .csv/.xlsx input. */
  ref?: string;
}

/**
 * The 合计 row. `name`: its name cell as published, present only when it is not `合计` (`合\u3000计`,
 * `总计`; empty when 合计 is in the 序号 column, kept in `extra`).
 */
export interface TotalRow extends AmountRow {
  name?: string;
}

export interface Project extends AmountRow {
  name: string;
  nameColumn: number;
  goal: string | null;
  goalColumn?: number;
  /**
   * 1-based line (sheet row) of the 绩效目标 cell, only when it is not the project's: an .xlsx cell
   * merged down over several projects, its text written in its first row.
   */
  goalLine?: number;
  indicators: Indicator[];
  /** 1-based column of the 绩效指标 cell. */
  indicatorsColumn?: number;
  /** 1-based line of the 绩效指标 cell, only when it is not the project's (merged down, as `goalLine`). */
  indicatorsLine?: number;
  /**
   * The 绩效指标 cell verbatim, present only when it cannot be rebuilt by joining the indicators'
   * `raw` with `。` (see `renderIndicatorsCell`). null: the cell was empty.
   */
  indicatorsRaw?: string | null;
  /** Whether the cell ended with `。` (needed to rebuild it). */
  indicatorsFinalStop?: boolean;
}

export interface Unit extends Partial<Omit<AmountRow, "line">> {
  /** null for the implicit unit of a table without unit rows. */
  name: string | null;
  line: number | null;
  nameColumn?: number;
  amounts: Amounts;
  amountsRaw?: Amounts;
  projects: Project[];
  /** Set when the row could not be told apart from a project (reported as table/ambiguous-row). */
  ambiguous?: boolean;
}

/** A header column as found in the file. */
export interface HeaderColumn {
  /** The column's key: canonical, optional (`seq`, `remarks`), or null for an unknown column. */
  key: ColumnKey | OptionalColumnKey | null;
  /** The header text as published. */
  name: string;
  /** 1-based column (code points) where the header cell starts. */
  column: number;
  /** 0-based index of the cell in the row. */
  index: number;
  /**
   * 1-based line of the header cell when it is on the second row of a two-row header (absent: the
   * cell is on the header's first row, `header.line`).
   */
  line?: number;
  /**
   * Two-row header: the first row's text above this column, replaced by the second row's more
   * specific name (a merged group cell such as 资金来源 has its text in its first column only).
   */
  group?: string;
}

/**
 * A note in a table's rows (`注：…`, `说明：…`, `备注：…`, `注1：…`, `填表说明：…`), after its last
 * project or between rows (a page's foot), kept verbatim: never read as a unit or a project.
 */
export interface Footnote {
  /** The note as published; the lines that continue it are joined with `\n`. */
  text: string;
  /** 1-based line of its first character (the sheet row for .xlsx). */
  line: number;
  /** 1-based column (code points) of its first character. */
  column: number;
  /** Line of its last continuation line, when it has any. */
  endLine?: number;
  /** Spreadsheet cell of the note (`Sheet1!A30`) for .xlsx/.csv input. */
  ref?: string;
}

export type ColumnKey = "name" | MoneyKey | "goal" | "indicators";
/**
 * Columns known besides the canonical ones (SPEC §2): `seq` (序号, a row number) and `remarks` (备注).
 * Their cells are kept in each row's `extra` under the header's name, as an unknown column's are.
 */
export type OptionalColumnKey = "seq" | "remarks";

/** One performance table: the JSON document of `perftable convert` (SPEC §4). */
export interface TableDocument {
  title: string | null;
  department: string | null;
  moneyUnit: string | null;
  /** Encoding the input was decoded with: `utf-8`, `gb18030`, `utf-16le`, `utf-16be`. */
  encoding: string;
  /** 1-based line where the table starts (its title, or first preamble/header line). */
  line: number;
  header: { line: number; columns: HeaderColumn[] } | null;
  total: TotalRow | null;
  units: Unit[];
  /** Preamble lines not understood as title / 部门名称 / 单位, kept verbatim (lossless). */
  notes?: { line: number; text: string }[];
  /** Notes in the table's rows, in order (see `Footnote`); absent when there are none. */
  footnotes?: Footnote[];
  /** For .xlsx input: the sheet the table is on (`line`s are that sheet's rows). */
  sheet?: string;
}

export type Severity = "off" | "info" | "warning" | "error";
export type Lang = "zh" | "en";

/**
 * A finding: data only. Wording, language and colour come from the reporters, which look up
 * `messageId` in the rule's message catalogue and fill in `data`.
 */
export interface Diagnostic extends Span {
  ruleId: string;
  severity: Exclude<Severity, "off">;
  messageId: string;
  data: Record<string, string | number>;
  /** Project the finding concerns (name), if any. */
  project: string | null;
  /** Indicator the finding concerns (its name, or `#seq` when unnamed), if any. */
  indicator: string | null;
  /** For .xlsx / .csv input: the spreadsheet cell the finding is in (`Sheet1!G12`, `G12`). */
  ref?: string;
}

/** A stage's result: its value and what it found on the way. Stages never throw on bad input. */
export interface Result<T> {
  value: T;
  diagnostics: Diagnostic[];
}

/** A short description of one table, for summaries (audit, `check -f summary`). */
export interface TableSummary {
  department: string | null;
  moneyUnit: string | null;
  units: number;
  projects: number;
  indicators: number;
  /** The 合计 row's 总计 as a canonical decimal string, or null. */
  moneyTotal: string | null;
  /** Indicators by level-1 and level-2 category name (for charts). */
  categories?: Record<string, number>;
  /** 1-based line where the table starts (TableDocument's `line`); in a workbook, on its `sheet`. */
  line?: number;
  /** For .xlsx input: the sheet the table is on. */
  sheet?: string;
  /**
   * `audit`: the findings in this table (each finding counted in the table its line falls in; those
   * before a file's first table, in its first). Set when the file holds several tables.
   */
  errorCount?: number;
  warningCount?: number;
  infoCount?: number;
}

/**
 * The result of checking one file. `diagnostics` are sorted by line, column, rule id.
 * `source` (the decoded text) is kept only where a reporter needs code frames.
 */
export interface FileReport {
  /** The path as the user gave it (or the --stdin-filename, or `<stdin>`). */
  path: string;
  encoding: string | null;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  diagnostics: Diagnostic[];
  tables?: TableSummary[];
  source?: string;
  /**
   * For a text file too big to keep as `source` (checked with `keepSource`): its lines read again
   * from disk as a report asks for them (code frames). Not enumerable; `close()` it when done.
   */
  lines?: LineSource;
  /**
   * Set for files with very many findings, which are kept compactly: iterates the findings in order
   * without making them all at once (`diagnostics` then makes the whole array on first use).
   */
  eachDiagnostic?: () => Iterable<Diagnostic>;
}

/** Options every reporter receives. */
export interface ReportOptions {
  lang: Lang;
  /** Colour on (pretty only). */
  color: boolean;
  /** Working directory: relative input paths are relative to it. */
  cwd: string;
  /**
   * The folder that `github` annotation paths and `sarif` artifact URIs (and fingerprints) are
   * relative to: the repository root, which GitHub resolves them against — GitHub Actions'
   * `GITHUB_WORKSPACE` when set (the CLI passes it), else `cwd`.
   */
  root?: string;
  /** The findings were cut to errors (`check --quiet`): a clean closing line says so. */
  quiet?: boolean;
}
