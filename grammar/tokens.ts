// Tokens of the indicator language (grammar/README.md) and the one lexer built from them. Few tokens
// per indicator: a whole name or value is one Text run; `N、` is a Seq only where an indicator starts.
import { createToken, Lexer } from "chevrotain";
import type { CustomPatternMatcherReturn, IToken, TokenType } from "chevrotain";

/** The two target labels, 实施周期指标值 (period) and 年度指标值 (annual). */
export const PERIOD_LABEL = "实施周期指标值";
export const ANNUAL_LABEL = "年度指标值";

const CH_PERIOD = PERIOD_LABEL.charCodeAt(0); // 实
const CH_ANNUAL = ANNUAL_LABEL.charCodeAt(0); // 年

/** `；` `;` `。` `:` `：` — the characters that end a Text run. */
function isSeparator(c: number): boolean {
  return c === 0xff1b || c === 0x3b || c === 0x3002 || c === 0x3a || c === 0xff1a;
}

/** Spaces tolerated around separators (also inside CSV cells: line breaks). */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0x0b || c === 0x0c || c === 0xfeff;
}

/** ASCII or full-width digits (the digits of `N、` and of category codes). */
export function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/**
 * `N、` (digits, optional spaces, `、`), but only where an indicator starts: at the beginning of
 * the cell or right after `。`. Elsewhere (`召开政策宣讲、座谈会`, `完成2、3号楼`) it is text.
 */
function matchSeq(text: string, offset: number, tokens: IToken[]): CustomPatternMatcherReturn | null {
  const previous = tokens.length === 0 ? undefined : tokens[tokens.length - 1];
  if (previous !== undefined && previous.tokenType !== Stop) return null;
  let i = offset;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === offset) return null;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x3001 /* 、 */) return null;
  return [text.substring(offset, i + 1)];
}

/**
 * A run of text up to the next separator or label, without trailing spaces: a category, a name,
 * a value, an unknown label. One token however long (a linear scan, no regex).
 */
function matchText(text: string, offset: number): CustomPatternMatcherReturn | null {
  let i = offset;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) break;
    if (c === CH_PERIOD && i > offset && text.startsWith(PERIOD_LABEL, i)) break;
    if (c === CH_ANNUAL && i > offset && text.startsWith(ANNUAL_LABEL, i)) break;
  }
  while (i > offset && isSpace(text.charCodeAt(i - 1))) i--;
  if (i === offset) return null;
  return [text.substring(offset, i)];
}

/** Text runs and colons: what a name or a value is made of (a token category, never lexed itself). */
export const Word = createToken({ name: "Word", pattern: Lexer.NA });

/** A run of spaces (see isSpace). */
function matchSpace(text: string, offset: number): CustomPatternMatcherReturn | null {
  let i = offset;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i === offset ? null : [text.substring(offset, i)];
}

/**
 * 实施周期指标值 or 年度指标值. (Matched by hand, like the other patterns: the lexer tries them in
 * turn at every token, and a character test is far cheaper than running a regular expression.)
 */
function matchLabel(text: string, offset: number): CustomPatternMatcherReturn | null {
  const c = text.charCodeAt(offset);
  if (c === CH_PERIOD && text.startsWith(PERIOD_LABEL, offset)) return [PERIOD_LABEL];
  if (c === CH_ANNUAL && text.startsWith(ANNUAL_LABEL, offset)) return [ANNUAL_LABEL];
  return null;
}

/** Spaces between tokens: skipped. */
export const Space = createToken({
  name: "Space",
  pattern: { exec: matchSpace },
  start_chars_hint: [" ", "\t", "\n", "\r", "\u3000", "\u00a0", "\u000b", "\u000c", "\ufeff"],
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** `。` ends an indicator. */
export const Stop = createToken({ name: "Stop", pattern: "。", label: "。" });

/** `；` or `;` separates the parts of an indicator (a category of two one-character tokens: the lexer's fast path). */
export const Semicolon = createToken({ name: "Semicolon", pattern: Lexer.NA, label: "；" });
const SemicolonWide = createToken({ name: "SemicolonWide", pattern: "；", categories: [Semicolon] });
const SemicolonAscii = createToken({ name: "SemicolonAscii", pattern: ";", categories: [Semicolon] });

/** `:` or `：` after a target label (and anywhere inside names and values). */
export const Colon = createToken({ name: "Colon", pattern: Lexer.NA, categories: [Word], label: ":" });
const ColonWide = createToken({ name: "ColonWide", pattern: "：", categories: [Colon, Word] });
const ColonAscii = createToken({ name: "ColonAscii", pattern: ":", categories: [Colon, Word] });

/** 实施周期指标值 or 年度指标值. */
export const Label = createToken({
  name: "Label",
  pattern: { exec: matchLabel },
  start_chars_hint: [PERIOD_LABEL[0]!, ANNUAL_LABEL[0]!],
  label: "实施周期指标值/年度指标值",
});

/** `N、` at the start of an indicator. */
export const Seq = createToken({
  name: "Seq",
  pattern: { exec: matchSeq },
  start_chars_hint: [..."0123456789０１２３４５６７８９"],
  line_breaks: true,
  label: "N、",
});

/**
 * The characters a Text run can start with — any but a separator — as Chevrotain's lexer sees
 * them: it files a character above 255 under `255 + floor(code / 255)`, so one character of each
 * such group stands for the whole group (513 entries instead of 65,000 that would cost ~12 ms of
 * tables at every start-up).
 */
function textStartHint(): number[] {
  const hint: number[] = [];
  for (let c = 0; c < 256; c++) if (!isSeparator(c)) hint.push(c);
  for (let group = 1; group <= 257; group++) hint.push(Math.min(0xffff, Math.max(256, group * 255)));
  return hint;
}

/** A run of text (see matchText). */
export const Text = createToken({
  name: "Text",
  pattern: { exec: matchText },
  start_chars_hint: textStartHint(),
  line_breaks: true,
  categories: [Word],
  label: "text",
});

/** In matching order: Seq before Text (both start with digits), Label before Text. */
export const allTokens: TokenType[] = [Space, Seq, Stop, SemicolonWide, SemicolonAscii, ColonWide, ColonAscii, Label, Text, Semicolon, Colon, Word];

let lexer: Lexer | undefined;

/** The indicator lexer, built on first use and then shared (one per process). */
export function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: "onlyOffset",
    // Every pattern says which characters it can start with (no regular expressions to analyse):
    // the lexer tries at each character only the patterns that can match there.
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexer;
}
