// parseIndicators: one 绩效指标 cell → typed Indicators with file positions, plus `indicator/syntax`
// diagnostics. Splits the cell at `。N、`, lexes and parses each indicator, and recovers at the next.
import { EOF, tokenMatcher } from "chevrotain";
import type { IRecognitionException, IToken } from "chevrotain";
import { detach } from "../src/table/split.js";
import { parseTarget } from "../src/targets/parse-target.js";
import { RAW_POSITIONS, type RawPositions, TEXT_FACTS, type Category, type Diagnostic, type Indicator, type Position, type Result, type Target, type TextFacts } from "../src/types.js";
import { describeSyntaxError, SYNTAX_RULE_ID } from "./messages.js";
import type { SyntaxMessageId } from "./messages.js";
import { getParser, Stage } from "./parser.js";
import type { IndicatorParts } from "./parser.js";
import { createPositionMapper } from "./positions.js";
import { ANNUAL_LABEL, Colon, getLexer, isDigit, isSpace, Text } from "./tokens.js";

export { SYNTAX_MESSAGES, SYNTAX_MESSAGE_IDS, SYNTAX_RULE_ID, describeSyntaxError } from "./messages.js";
export type { SyntaxMessageId } from "./messages.js";

const FILE_START: Position = { line: 1, column: 1 };

/** A syntax error of one indicator: message, data and the offsets of the broken spot. */
interface SyntaxProblem {
  messageId: SyntaxMessageId;
  data: Record<string, string | number>;
  start: number;
  /** -1: the indicator ended where something was expected (the span is then one character). */
  end: number;
}

/**
 * One indicator parsed on its own. Offsets are relative to the start of its body (the text after
 * `N、`), so a result can be reused for the same body at another place or with another number.
 */
interface ParsedBody {
  /** Offset just after its last token. */
  end: number;
  level1: Category | null;
  level2: Category | null;
  name: string | null;
  period: Target | null;
  annual: Target | null;
  /** Offsets of the period / annual value text (-1 when broken). */
  periodAt: number;
  annualAt: number;
  problem: SyntaxProblem | null;
}

/**
 * A memo of bounded size with two generations: when the young map is full it becomes the old one
 * (the previous old one is dropped), and entries found in the old map move back to the young one.
 * Frequent entries survive; memory stays below two generations.
 */
class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly generationSize: number) {}
  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }
  set(key: string, value: V): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    // A copy of the key: a substring would keep the whole text it was cut from alive.
    this.young.set(detach(key), value);
  }
}

/** Bodies longer than this are parsed every time (they are rare and would hold memory). */
const MAX_CACHED_BODY = 1000;
/** Parsed bodies by text: tables repeat indicators a lot, across projects and departments. */
const bodyCache = new GenerationalCache<ParsedBody>(15000);
/** Typed targets by text (a miss of bodyCache usually still has common targets: `100%`, `≥95%`). */
const targetCache = new GenerationalCache<Target>(10000);

function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** Typed target, shared between indicators with the same value text (targets are never mutated). */
function typeTarget(raw: string): Target {
  let t = targetCache.get(raw);
  if (t === undefined) {
    if (raw.length > MAX_CACHED_BODY) return parseTarget(raw);
    // The cached Target keeps its text: parse a copy, not a substring of the whole table.
    t = parseTarget(detach(raw));
    targetCache.set(raw, t);
  }
  return t;
}

/** The number of a `N、` at [start, end) (full-width digits too); null when too long to be exact. */
function readSeq(text: string, start: number): number | null {
  let n = 0;
  let i = start;
  for (; isDigit(text.charCodeAt(i)); i++) {
    const c = text.charCodeAt(i);
    n = n * 10 + (c <= 0x39 ? c - 0x30 : c - 0xff10);
  }
  return i - start > 15 ? null : n;
}

/** `1-产出指标` → code and name; a bare name has code null; null when the name is empty (`1-`). */
function splitCategory(image: string): Category | null {
  let i = 0;
  while (i < image.length && isDigit(image.charCodeAt(i))) i++;
  let j = i;
  while (j < image.length && isSpace(image.charCodeAt(j))) j++;
  const dash = image.charCodeAt(j);
  const isDash = dash === 0x2d || dash === 0xff0d || dash === 0x2014 || dash === 0x2013 || dash === 0x2212;
  if (i === 0 || !isDash) return { code: null, name: image };
  j++;
  while (j < image.length && isSpace(image.charCodeAt(j))) j++;
  if (j === image.length) return null;
  let code = image.slice(0, i);
  if (/[\uff10-\uff19]/.test(code)) {
    code = code.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  }
  return { code, name: image.slice(j) };
}

/** The problem of a failed parse, from the stage it reached and the token it stopped at. */
function describeFailure(parts: IndicatorParts, error: IRecognitionException, tokens: IToken[], fallback: number): SyntaxProblem {
  const token = error.token;
  const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const start = atEnd ? fallback : token.startOffset;
  const end = atEnd ? -1 : endOf(token);
  const fail = (messageId: SyntaxMessageId, data: Record<string, string | number> = {}): SyntaxProblem => ({ messageId, data, start, end });
  switch (parts.stage) {
    case Stage.seq:
      return fail("missingSeq");
    case Stage.level1:
      return fail("missingCategory", { level: 1 });
    case Stage.level2:
      return fail("missingCategory", { level: 2 });
    case Stage.name:
      return fail("missingName");
    case Stage.label1:
    case Stage.label2: {
      const next = atEnd ? undefined : tokens[tokens.indexOf(token) + 1];
      if (!atEnd && token.tokenType === Text && next !== undefined && tokenMatcher(next, Colon)) {
        return fail("unknownLabel", { label: token.image });
      }
      return fail("missingTarget");
    }
    case Stage.colon1:
    case Stage.colon2: {
      const label = (parts.stage === Stage.colon1 ? parts.label1 : parts.label2)!;
      return { messageId: "missingColon", data: { label: label.image }, start: label.startOffset, end: endOf(label) };
    }
    case Stage.end:
      return fail("unexpectedText");
    default:
      // A `；` was expected. When the indicator simply ends there, say which part is missing.
      if (!atEnd) return fail("missingSemicolon");
      if (parts.stage === Stage.semicolon1) return fail("missingCategory", { level: 2 });
      if (parts.stage === Stage.semicolon2) return fail("missingName");
      return fail("missingTarget");
  }
}

/** The text of a target's value (between its first and last token; "" when empty). */
function valueText(text: string, first: IToken | null, last: IToken | null): string {
  return first === null || last === null ? "" : text.slice(first.startOffset, endOf(last));
}

function brokenBody(end: number, problem: SyntaxProblem): ParsedBody {
  return { end, level1: null, level2: null, name: null, period: null, annual: null, periodAt: -1, annualAt: -1, problem };
}

/**
 * Lex and parse one indicator given alone (`segment`, without its terminating `。`). Offsets in the
 * result are relative to `base` (where its body starts in `segment`).
 */
function parseSegment(segment: string, base: number): ParsedBody {
  const tokens = getLexer().tokenize(segment).tokens;
  const last = tokens.length > 0 ? endOf(tokens[tokens.length - 1]!) : 0;
  const { parts, error } = getParser().parseParts(tokens);
  if (error !== null) {
    const p = describeFailure(parts, error, tokens, last);
    return brokenBody(last - base, { ...p, start: p.start - base, end: p.end < 0 ? -1 : p.end - base });
  }
  const level1 = splitCategory(parts.level1!.image);
  const level2 = splitCategory(parts.level2!.image);
  // The facts slot of this text (see TextFacts): on its level-1 Category, one per distinct text.
  if (level1 !== null) Object.defineProperty(level1, TEXT_FACTS, { value: { token: null, mask: 0, categories: null } satisfies TextFacts, enumerable: false });
  if (level1 === null || level2 === null) {
    const bad = level1 === null ? parts.level1! : parts.level2!;
    const data = { level: level1 === null ? 1 : 2, text: bad.image };
    return brokenBody(last - base, { messageId: "badCategory", data, start: bad.startOffset - base, end: endOf(bad) - base });
  }
  if (parts.label1!.image === parts.label2!.image) {
    const label = parts.label2!;
    const data = { label: label.image };
    return brokenBody(last - base, { messageId: "duplicateLabel", data, start: label.startOffset - base, end: endOf(label) - base });
  }
  const target1 = typeTarget(valueText(segment, parts.value1First, parts.value1Last));
  const target2 = typeTarget(valueText(segment, parts.value2First, parts.value2Last));
  const at1 = (parts.value1First === null ? endOf(parts.colon1!) : parts.value1First.startOffset) - base;
  const at2 = (parts.value2First === null ? endOf(parts.colon2!) : parts.value2First.startOffset) - base;
  const annualFirst = parts.label1!.image === ANNUAL_LABEL;
  return {
    end: last - base,
    level1,
    level2,
    name: segment.slice(parts.nameFirst!.startOffset, endOf(parts.nameLast!)),
    period: annualFirst ? target2 : target1,
    annual: annualFirst ? target1 : target2,
    periodAt: annualFirst ? at2 : at1,
    annualAt: annualFirst ? at1 : at2,
    problem: null,
  };
}

/** The end of a `N、` starting at `i` (digits, spaces, `、`), or -1 when there is none. */
function matchSeqAt(text: string, i: number): number {
  const from = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === from) return -1;
  while (isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3001 /* 、 */ ? i + 1 : -1;
}

/** Index of the first non-space character at or after `i` (at most `end`). */
function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether the text has anything but spaces. */
function isBlank(text: string): boolean {
  return skipSpaces(text, 0, text.length) === text.length;
}

/**
 * Parse one 绩效指标 cell (trimmed) into indicators. `start` is the file position of the cell's
 * first character (default 1:1); all positions returned are file positions (1-based line, 1-based
 * column in code points; a line break inside the cell starts a new line at column 1, unless `oneLine`:
 * a spreadsheet cell, whose positions stay on its row and count its line breaks as characters).
 * `doubled`: sorted offsets of quotes the file wrote doubled (`""` in a quoted cell of a text table or
 * a .csv), each two columns wide in the file.
 *
 * Each indicator's `raw` is its exact text without the terminating `。`, so joining the raws with
 * `。` (plus a final `。` when the cell has one) gives the cell back — except where a broken
 * indicator was cut at a `；N、` (below): that `；` is in no raw, and the table reader keeps the
 * cell in `indicatorsRaw`. A malformed indicator is returned with `error` and null fields, and
 * reported as an `indicator/syntax` diagnostic at the broken spot; parsing goes on at the next `N、`
 * after a `。`, or after a `；` found past the broken spot (a `；` typed for the `。`). Never throws.
 *
 * Indicators parsed from the same text share their (immutable) Category and Target objects.
 */
export function parseIndicators(text: string, start: Position = FILE_START, oneLine = false, doubled?: readonly number[]): Result<Indicator[]> {
  const indicators: Indicator[] = [];
  const diagnostics: Diagnostic[] = [];
  if (isBlank(text)) return { value: indicators, diagnostics };
  const at = createPositionMapper(text, start, oneLine, doubled);
  // Doubled quotes (rare): the rules' spans inside an indicator cannot be counted from lengths.
  const exact = doubled !== undefined && doubled.length > 0;
  let segStart = 0;
  while (segStart <= text.length) {
    // An indicator ends at the first `。` followed by `N、` (the lexer's Seq), or at the end; a
    // final `。` belongs to no indicator.
    let segEnd = text.indexOf("。", segStart);
    let next = -1;
    while (segEnd >= 0) {
      const after = skipSpaces(text, segEnd + 1, text.length);
      if (after === text.length) break;
      if (matchSeqAt(text, after) >= 0) {
        next = segEnd + 1;
        break;
      }
      segEnd = text.indexOf("。", segEnd + 1);
    }
    if (segEnd < 0) segEnd = text.length;

    const first = skipSpaces(text, segStart, segEnd);
    const bodyStart = matchSeqAt(text, first);
    const seq = bodyStart < 0 ? null : readSeq(text, first);
    const base = bodyStart < 0 ? first : bodyStart;
    let body: ParsedBody | undefined;
    if (bodyStart >= 0 && segEnd - bodyStart <= MAX_CACHED_BODY) {
      const key = text.slice(bodyStart, segEnd);
      body = bodyCache.get(key);
      if (body === undefined) {
        const segment = detach(text.slice(first, segEnd));
        body = parseSegment(segment, bodyStart - first);
        bodyCache.set(segment.slice(bodyStart - first), body);
      }
    } else {
      body = parseSegment(text.slice(first, segEnd), base - first);
    }
    // A broken indicator that holds `；N、` (a ； typed for the 。 that ends it, or text after its
    // targets) ends there, and the next indicator is read from that `N、`. The `；` may be the one
    // right before the broken spot: an indicator short of its second target (`…:≥100人次；2、…`)
    // breaks at the `N、`; it is then parsed again up to the `；`, to say what it lacks.
    const broken = body.problem === null ? -1 : base + body.problem.start;
    const cut = broken < 0 ? -1 : findSemicolonSeq(text, Math.max(first, skipSpacesBack(text, first, broken) - 1), segEnd);
    if (cut >= 0) {
      if (broken > cut) body = parseSegment(text.slice(first, cut), base - first);
      const end = skipSpacesBack(text, first, cut) - base;
      indicators.push(materialize(text, at, { ...body, end }, seq, first, base, segStart, cut, diagnostics));
      if (exact) keepPositions(indicators.at(-1)!, at, segStart, base, body);
      segStart = cut + 1;
      continue;
    }
    indicators.push(materialize(text, at, body, seq, first, base, segStart, segEnd, diagnostics));
    if (exact) keepPositions(indicators.at(-1)!, at, segStart, base, body);
    if (next < 0) break;
    segStart = next;
  }
  return { value: indicators, diagnostics };
}

/** Give an indicator of a cell with doubled quotes its exact positions (see RawPositions). */
function keepPositions(indicator: Indicator, at: (offset: number) => Position, rawStart: number, base: number, body: ParsedBody): void {
  const positions: RawPositions = {
    at: (offset) => at(rawStart + offset),
    period: body.problem === null ? base + body.periodAt - rawStart : null,
    annual: body.problem === null ? base + body.annualAt - rawStart : null,
  };
  Object.defineProperty(indicator, RAW_POSITIONS, { value: positions, enumerable: false });
}

/** Index of the first `；` or `;` in [from, end) followed by `N、` (spaces allowed between), or -1. */
function findSemicolonSeq(text: string, from: number, end: number): number {
  for (let k = from; k < end; k++) {
    const c = text.charCodeAt(k);
    if ((c === 0xff1b || c === 0x3b) && matchSeqAt(text, skipSpaces(text, k + 1, end)) >= 0) return k;
  }
  return -1;
}

/** The index after the last non-space character of [from, end). */
function skipSpacesBack(text: string, from: number, end: number): number {
  while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** An Indicator at its place in the file from a parsed body (and its diagnostic, if broken). */
function materialize(
  text: string,
  at: (offset: number) => Position,
  body: ParsedBody,
  seq: number | null,
  first: number,
  base: number,
  rawStart: number,
  rawEnd: number,
  diagnostics: Diagnostic[],
): Indicator {
  const begin = at(first);
  const finish = at(Math.max(first, base + body.end));
  const problem = body.problem;
  if (problem === null) {
    return {
      seq,
      line: begin.line,
      column: begin.column,
      endLine: finish.line,
      endColumn: finish.column,
      level1: body.level1,
      level2: body.level2,
      name: body.name,
      period: body.period,
      annual: body.annual,
      periodAt: at(base + body.periodAt),
      annualAt: at(base + body.annualAt),
      raw: text.slice(rawStart, rawEnd),
    };
  }
  const spotStart = base + problem.start;
  const spotEnd = problem.end < 0 ? Math.min(spotStart + 1, text.length) : base + problem.end;
  const from = at(spotStart);
  const to = at(spotEnd);
  diagnostics.push({
    ruleId: SYNTAX_RULE_ID,
    severity: "error",
    messageId: problem.messageId,
    data: { ...problem.data },
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    project: null,
    indicator: null,
  });
  return {
    seq,
    line: begin.line,
    column: begin.column,
    endLine: finish.line,
    endColumn: finish.column,
    level1: null,
    level2: null,
    name: null,
    period: null,
    annual: null,
    periodAt: null,
    annualAt: null,
    raw: text.slice(rawStart, rawEnd),
    error: describeSyntaxError(problem.messageId, problem.data),
  };
}
