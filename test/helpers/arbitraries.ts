// fast-check arbitraries for the hardening tests and `npm run fuzz`: seed mutations (byte flips, cuts,
// duplicated/shuffled lines, swapped cells), arbitrary bytes and Unicode, hostile names, generated valid tables.
// Self-contained (no runtime import from src/) so scripts/fuzz.mjs can load it next to the built library.
import fc from "fast-check";

// ---------------------------------------------------------------------------------------------
// Hostile text

/**
 * Names that have broken other tools: object keys of the prototype, markup, SQL, spreadsheet
 * formulas, terminal escape sequences (BEL, clear screen, OSC 8 hyperlink), C1 controls, bidi
 * overrides, invisible characters, lone surrogates and workflow-command look-alikes.
 */
export const HOSTILE_NAMES: readonly string[] = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "prototype",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"; DROP TABLE t; --',
  "' OR '1'='1",
  "=HYPERLINK(\"http://x\",\"y\")",
  "=cmd|' /C calc'!A0",
  "+1+2",
  "-2+3",
  "@SUM(A1:A2)",
  "项目\u0007响铃",
  "\u001b[2J\u001b[H清屏",
  "\u001b]8;;http://x\u0007链接\u001b]8;;\u0007",
  "\u001b[31m红色\u001b[0m",
  "\u009b31m单字节CSI",
  "\u0085下一行",
  "\u202e反转文字",
  "\u2066隔离\u2069",
  "零宽\u200b空格",
  "\ufeff字节序",
  "行\u2028分隔",
  "孤\ud800代理",
  "\udc00尾",
  "%0A::error::注入",
  "换行\n::error file=x,line=1::注入",
  "回车\r::warning::注入",
  "a,b:c::d",
  "&amp;&lt;&#0;",
  "]]><!--",
  "`rm -rf /`",
  "${process.exit(1)}",
  "{name}{0}",
  "\\u001b",
];

/** One hostile name, or a few hostile pieces glued together. */
export function hostileName(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_NAMES),
    fc.array(fc.constantFrom(...HOSTILE_NAMES), { minLength: 2, maxLength: 4 }).map((parts) => parts.join("")),
  );
}

// ---------------------------------------------------------------------------------------------
// Arbitrary Unicode and bytes

/** Pieces of real tables: separators of cells and indicators, labels, amounts, header words. */
export const TABLE_TOKENS: readonly string[] = [
  "\t", "\n", "\r\n", "\r", "；", ";", "。", "、", "1、", "2、", ":", "：", "-", "—", "1-产出指标", "11-数量指标",
  "2-效益指标", "3-满意度指标", "实施周期指标值", "年度指标值", "≥", "≤", "95%", "无", "提高", "3万人", "1,234.56",
  "15,812.52", "0.00", "-1.00", "1e5", "合计", "项目名称", "总计", "财政拨款", "绩效目标", "绩效指标", "部门名称：",
  "单位：万元", "　", " ", "\u00a0", "𠮷", "\ufeff",
];

/** One code point of the whole range, a lone surrogate, or a table token. */
export function unicodeChar(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
    { weight: 3, arbitrary: fc.constantFrom(...TABLE_TOKENS) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  );
}

/** Arbitrary Unicode text (lone surrogates included), biased towards table syntax. */
export function unicodeText(maxLength = 200): fc.Arbitrary<string> {
  return fc.string({ unit: unicodeChar(), maxLength });
}

const PREFIXES: readonly (readonly number[])[] = [
  [0xef, 0xbb, 0xbf], // UTF-8 BOM
  [0xff, 0xfe], // UTF-16LE BOM
  [0xfe, 0xff], // UTF-16BE BOM
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE (.xls)
  [0x50, 0x4b, 0x03, 0x04], // ZIP (.xlsx)
  [0x25, 0x50, 0x44, 0x46], // PDF
];

/** Arbitrary bytes, sometimes after a byte-order mark or a binary format's magic number. */
export function arbitraryBytes(maxLength = 512): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength }),
    fc.tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength })).map(([p, b]) => concatBytes([Uint8Array.from(p), b])),
  );
}

/** Text shaped like a table (preamble, header, rows of cells) whose cells are anything. */
export function tableLikeText(): fc.Arbitrary<string> {
  const cell = fc.oneof(
    fc.constantFrom(...TABLE_TOKENS),
    fc.constantFrom("项目名称（资金使用单位）", "合计", "13,000.00", "1.60", "", "1、1-产出指标；11-数量指标；数量；实施周期指标值:≥1个；年度指标值:≥1个"),
    unicodeText(20),
    hostileName(),
  );
  const row = fc.array(cell, { maxLength: 9 }).map((cells) => cells.join("\t"));
  const header = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";
  return fc
    .tuple(fc.boolean(), fc.array(row, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"))
    .map(([withHeader, rows, eol]) => [...(withHeader ? ["项目支出绩效目标表", "部门名称：测试", "单位：万元", header] : []), ...rows].join(eol));
}

// ---------------------------------------------------------------------------------------------
// Mutations of a table's bytes (tabs and line feeds never occur inside a multi-byte UTF-8 or
// GB18030 character, so lines and cells are cut on bytes, and byte flips stay possible).

/** One edit of a table's bytes; indices are taken modulo the current sizes. */
export type Mutation =
  | { kind: "flip"; at: number; xor: number }
  | { kind: "cut"; at: number }
  | { kind: "drop"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicateLine"; from: number; to: number }
  | { kind: "shuffleLines"; keys: number[] }
  | { kind: "swapCells"; line: number; a: number; b: number }
  | { kind: "swapAcross"; lineA: number; lineB: number; cell: number }
  | { kind: "replaceCell"; line: number; cell: number; text: string };

/** One mutation. */
export function mutation(): fc.Arbitrary<Mutation> {
  const text = fc.oneof(unicodeText(30), hostileName(), fc.constantFrom(...TABLE_TOKENS));
  return fc.oneof(
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("drop" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text }),
    fc.record({ kind: fc.constant("duplicateLine" as const), from: fc.nat(), to: fc.nat() }),
    fc.record({ kind: fc.constant("shuffleLines" as const), keys: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 40 }) }),
    fc.record({ kind: fc.constant("swapCells" as const), line: fc.nat(), a: fc.nat(), b: fc.nat() }),
    fc.record({ kind: fc.constant("swapAcross" as const), lineA: fc.nat(), lineB: fc.nat(), cell: fc.nat() }),
    fc.record({ kind: fc.constant("replaceCell" as const), line: fc.nat(), cell: fc.nat(), text }),
  );
}

/** One to `max` mutations, applied in order by applyMutations. */
export function mutations(max = 4): fc.Arbitrary<Mutation[]> {
  return fc.array(mutation(), { minLength: 1, maxLength: max });
}

const encoder = new TextEncoder();

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function splitBytes(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === separator) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

function joinBytes(parts: readonly Uint8Array[], separator: number): Uint8Array {
  const sep = Uint8Array.of(separator);
  return concatBytes(parts.flatMap((p, i) => (i === 0 ? [p] : [sep, p])));
}

/** Apply a change to the cells of one line. */
function editLine(bytes: Uint8Array, line: number, edit: (cells: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const lines = splitBytes(bytes, 0x0a);
  const i = line % lines.length;
  lines[i] = joinBytes(edit(splitBytes(lines[i]!, 0x09)), 0x09);
  return joinBytes(lines, 0x0a);
}

/** The bytes after one mutation. */
export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  switch (m.kind) {
    case "flip": {
      if (n === 0) return bytes;
      const out = Uint8Array.from(bytes);
      out[m.at % n] = out[m.at % n]! ^ m.xor;
      return out;
    }
    case "cut":
      return bytes.slice(0, m.at % (n + 1));
    case "drop": {
      const at = m.at % (n + 1);
      return concatBytes([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.length))]);
    }
    case "insert": {
      const at = m.at % (n + 1);
      return concatBytes([bytes.subarray(0, at), encoder.encode(m.text), bytes.subarray(at)]);
    }
    case "duplicateLine": {
      const lines = splitBytes(bytes, 0x0a);
      const copy = lines[m.from % lines.length]!;
      lines.splice(m.to % (lines.length + 1), 0, copy);
      return joinBytes(lines, 0x0a);
    }
    case "shuffleLines": {
      const lines = splitBytes(bytes, 0x0a);
      const keyed = lines.map((line, i) => ({ line, key: m.keys[i % m.keys.length]! ^ (i * 7919) }));
      keyed.sort((a, b) => a.key - b.key);
      return joinBytes(keyed.map((k) => k.line), 0x0a);
    }
    case "swapCells":
      return editLine(bytes, m.line, (cells) => {
        const a = m.a % cells.length;
        const b = m.b % cells.length;
        [cells[a], cells[b]] = [cells[b]!, cells[a]!];
        return cells;
      });
    case "swapAcross": {
      const lines = splitBytes(bytes, 0x0a);
      const a = m.lineA % lines.length;
      const b = m.lineB % lines.length;
      const cellsA = splitBytes(lines[a]!, 0x09);
      const cellsB = a === b ? cellsA : splitBytes(lines[b]!, 0x09);
      const ca = m.cell % cellsA.length;
      const cb = m.cell % cellsB.length;
      const tmp = cellsA[ca]!;
      cellsA[ca] = cellsB[cb]!;
      cellsB[cb] = tmp;
      lines[a] = joinBytes(cellsA, 0x09);
      lines[b] = joinBytes(cellsB, 0x09);
      return joinBytes(lines, 0x0a);
    }
    case "replaceCell":
      return editLine(bytes, m.line, (cells) => {
        cells[m.cell % cells.length] = encoder.encode(m.text);
        return cells;
      });
  }
}

/** The bytes after every mutation in order. */
export function applyMutations(bytes: Uint8Array, list: readonly Mutation[]): Uint8Array {
  return list.reduce(applyMutation, bytes);
}

// ---------------------------------------------------------------------------------------------
// Generated valid tables: exact roll-ups, indicators in every level-1 category, unique names

export type MoneyColumn = "total" | "appropriation" | "specialAccount" | "other";
export const MONEY_COLUMNS: readonly MoneyColumn[] = ["total", "appropriation", "specialAccount", "other"];

/** One indicator as its parts (rendered `seq、l1；l2；name；实施周期指标值:period；年度指标值:annual`). */
export interface GenIndicator {
  level1: string;
  level2: string;
  name: string;
  period: string;
  annual: string;
}

/** A money row: amounts in cents (null: empty cell). */
export interface GenRow {
  kind: "total" | "unit" | "project";
  name: string;
  cents: Record<MoneyColumn, number | null>;
  goal: string;
  indicators: GenIndicator[];
  /** A blank line follows the row (a page break of the original). */
  blankAfter: boolean;
}

export interface GenTable {
  department: string;
  moneyUnit: "万元" | "元";
  rows: GenRow[];
}

/** Indicators that trigger no warning or error: [level-1, level-2, name, target]. */
const INDICATOR_VOCABULARY: readonly (readonly [string, string, string, string])[] = [
  ["1-产出指标", "11-数量指标", "扶持项目数量", "≥495家次"],
  ["1-产出指标", "11-数量指标", "举办活动场次", "≥4场"],
  ["1-产出指标", "11-数量指标", "培训人数", "≥300人"],
  ["1-产出指标", "12-质量指标", "资金拨付合规率", "100%"],
  ["1-产出指标", "12-质量指标", "验收合格率", "≥95%"],
  ["1-产出指标", "13-时效指标", "按时完成率", "100%"],
  ["1-产出指标", "14-成本指标", "单个项目补助上限", "≤50万元"],
  ["2-效益指标", "21-经济效益", "带动社会投资", "≥10亿元"],
  ["2-效益指标", "22-社会效益", "服务企业数量", "≥150家"],
  ["2-效益指标", "23-生态效益", "节约用电量", "≥3万千瓦时"],
  ["2-效益指标", "24-可持续影响", "政策持续实施年限", "≥3年"],
  ["3-满意度指标", "31-服务对象满意度", "服务对象满意度", "≥90%"],
  ["3-满意度指标", "31-服务对象满意度", "参训人员满意度", "≥85%"],
];
const LEVEL1_CODES = ["1", "2", "3"] as const;

const PROJECT_WORDS = ["金融发展专项资金", "科技企业研发补助", "政策宣传培训经费", "数据平台运维服务", "综合工作经费", "产业招商活动经费"];
const UNIT_WORDS = ["示例区科技创新局", "示例区金融工作服务中心", "示例区数据管理局", "示例区招商服务中心"];

function vocabularyOf(level1: string): (readonly [string, string, string, string])[] {
  return INDICATOR_VOCABULARY.filter((v) => v[0].startsWith(`${level1}-`));
}

const genIndicators: fc.Arbitrary<GenIndicator[]> = fc
  .tuple(
    fc.tuple(...LEVEL1_CODES.map((code) => fc.constantFrom(...vocabularyOf(code)))),
    fc.array(fc.constantFrom(...INDICATOR_VOCABULARY), { maxLength: 3 }),
  )
  .map(([required, more]) => {
    const seen = new Set<string>();
    const out: GenIndicator[] = [];
    for (const [level1, level2, name, target] of [...required, ...more]) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ level1, level2, name, period: target, annual: target });
    }
    return out;
  });

const genCents = fc.integer({ min: 1, max: 5_000_000_00 });
const genProjectCents = fc
  .tuple(genCents, fc.option(genCents, { freq: 3 }), fc.option(genCents, { freq: 3 }))
  .map(([appropriation, specialAccount, other]) => ({
    total: appropriation + (specialAccount ?? 0) + (other ?? 0),
    appropriation,
    specialAccount,
    other,
  }));

/** Per column: the sum of the rows, or null when every row leaves that column empty. */
function sumCents(rows: readonly GenRow[]): Record<MoneyColumn, number | null> {
  const out = { total: null, appropriation: null, specialAccount: null, other: null } as Record<MoneyColumn, number | null>;
  for (const r of rows) for (const c of MONEY_COLUMNS) if (r.cents[c] !== null) out[c] = (out[c] ?? 0) + r.cents[c]!;
  return out;
}

/**
 * A valid performance table: 合计 = Σ units = Σ projects, 总计 = the sum of the sources on every
 * row, every project with a goal and indicators of all three level-1 categories, unique names.
 * With 0 units the projects stand directly under 合计. It triggers no error and no warning.
 */
export function validTable(): fc.Arbitrary<GenTable> {
  const project = fc.record({ cents: genProjectCents, indicators: genIndicators, blankAfter: fc.boolean(), word: fc.constantFrom(...PROJECT_WORDS) });
  return fc
    .record({
      units: fc.integer({ min: 0, max: 3 }).chain((n) => fc.array(fc.array(project, { minLength: 1, maxLength: 4 }), { minLength: Math.max(n, 1), maxLength: Math.max(n, 1) }).map((groups) => ({ n, groups }))),
      moneyUnit: fc.constantFrom("万元" as const, "元" as const),
      department: fc.constantFrom("示例区科技创新局（部门）", "广州开发区金融工作局（部门）"),
    })
    .map(({ units, moneyUnit, department }) => {
      let count = 0;
      const groups = units.groups.map((group) =>
        group.map((p): GenRow => ({
          kind: "project",
          name: `${p.word}${++count}`,
          cents: p.cents,
          goal: `通过实施${p.word}，提升服务能力。`,
          indicators: p.indicators,
          blankAfter: p.blankAfter,
        })),
      );
      const rows: GenRow[] = [];
      const unitRows: GenRow[] = [];
      groups.forEach((projects, k) => {
        if (units.n > 0) {
          const unit: GenRow = { kind: "unit", name: `${UNIT_WORDS[k % UNIT_WORDS.length]}${k + 1}`, cents: sumCents(projects), goal: "", indicators: [], blankAfter: false };
          unitRows.push(unit);
          rows.push(unit);
        }
        rows.push(...projects);
      });
      const total: GenRow = { kind: "total", name: "合计", cents: sumCents(units.n > 0 ? unitRows : rows), goal: "", indicators: [], blankAfter: false };
      return { department, moneyUnit, rows: [total, ...rows] };
    });
}

/** `1234567` cents → `12,345.67`. */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const int = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${int}.${String(abs % 100).padStart(2, "0")}`;
}

/** The text of one indicator (without its terminating `。`). */
export function renderIndicator(i: GenIndicator, seq: number): string {
  return `${seq}、${i.level1}；${i.level2}；${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}`;
}

/** The rendered table and the 1-based line of each of its rows. */
export interface RenderedTable {
  text: string;
  lineOf: number[];
}

/** The header's cells (0-based cell index of each column follows from it). */
export const HEADER_CELLS = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"] as const;
/** 0-based cell index of each money column in a rendered row. */
export const MONEY_CELL: Record<MoneyColumn, number> = { total: 1, appropriation: 2, specialAccount: 3, other: 4 };

/** Render a generated table as the tab-separated text of a published table. */
export function renderTable(t: GenTable, indicatorCells?: ReadonlyMap<number, string>): RenderedTable {
  const lines = ["", "项目支出绩效目标表（含转移支付项目）", "", `部门名称：${t.department}`, `单位：${t.moneyUnit}`, "", HEADER_CELLS.join("\t")];
  const lineOf: number[] = [];
  t.rows.forEach((r, i) => {
    const money = MONEY_COLUMNS.map((c) => (r.cents[c] === null ? "" : formatCents(r.cents[c]!)));
    const indicators = indicatorCells?.get(i) ?? (r.indicators.length === 0 ? "" : r.indicators.map((x, k) => renderIndicator(x, k + 1)).join("。") + "。");
    lineOf.push(lines.length + 1);
    lines.push([r.name, ...money, r.goal, indicators].join("\t"));
    if (r.blankAfter) lines.push("");
  });
  return { text: lines.join("\n") + "\n", lineOf };
}

// ---------------------------------------------------------------------------------------------
// Invariants shared by the tests and the fuzz script

/** A span as diagnostics carry it (1-based line, 1-based column in code points, end exclusive). */
export interface SpanLike {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId?: string;
}

/**
 * What is wrong with the positions of `spans` in `source` (empty when nothing is): the start must lie
 * in the text (a line that exists, a column up to one past the line's last code point) and the end
 * at or after it and inside the text too — except a one-column marker just past a line's end (an
 * empty cell at the end of a line, an empty file), whose end is one column further.
 */
export function positionProblems(source: string, spans: readonly SpanLike[]): string[] {
  const lines = source.split("\n");
  const lengths = new Map<number, number>();
  const lengthOf = (line: number): number => {
    let n = lengths.get(line);
    if (n === undefined) lengths.set(line, (n = Array.from(lines[line - 1] ?? "").length));
    return n;
  };
  const problems: string[] = [];
  for (const s of spans) {
    const where = `${s.ruleId ?? "span"} ${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
    const whole = [s.line, s.column, s.endLine, s.endColumn].every(Number.isInteger);
    if (!whole) problems.push(`${where}: not whole numbers`);
    else if (s.line < 1 || s.line > lines.length) problems.push(`${where}: line outside 1..${lines.length}`);
    else if (s.column < 1 || s.column > lengthOf(s.line) + 1) problems.push(`${where}: column outside 1..${lengthOf(s.line) + 1}`);
    else if (s.endLine < s.line || (s.endLine === s.line && s.endColumn < s.column)) problems.push(`${where}: end before start`);
    else if (s.endLine > lines.length) problems.push(`${where}: end line outside 1..${lines.length}`);
    else if (s.endColumn < 1 || s.endColumn > lengthOf(s.endLine) + 1) {
      const marker = s.endLine === s.line && s.column === lengthOf(s.line) + 1 && s.endColumn === s.column + 1;
      if (!marker) problems.push(`${where}: end column outside 1..${lengthOf(s.endLine) + 1}`);
    }
  }
  return problems;
}

/** Code points that must never reach a terminal raw: C0 (but tab and line feed), DEL, C1, bidi controls, lone surrogates. */
export const UNSAFE_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text printed to a terminal with chalk's colours (SGR sequences `ESC [ … m`) removed. */
export function stripSgr(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** A stack trace line (`    at fn (file:1:2)`) in program output. */
export const STACK_TRACE = /\n\s+at /;
