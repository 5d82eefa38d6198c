// The indicator parser: one Chevrotain EmbeddedActionsParser (no CST) whose rules follow the written
// grammar; its embedded actions record the tokens of each part and how far parsing got (for errors).
import { EmbeddedActionsParser } from "chevrotain";
import type { IRecognitionException, IToken } from "chevrotain";
import { allTokens, Colon, Label, Semicolon, Seq, Text, Word } from "./tokens.js";

/**
 * Parsing stages: the part expected next. An error's stage says what was missing: the
 * sequence number, a category, a `；`, the name, a target label, its colon, or the end.
 */
export const Stage = {
  seq: 0,
  level1: 1,
  semicolon1: 2,
  level2: 3,
  semicolon2: 4,
  name: 5,
  semicolon3: 6,
  label1: 7,
  colon1: 8,
  value1: 9,
  label2: 10,
  colon2: 11,
  value2: 12,
  end: 13,
} as const;

/** The tokens of one indicator's parts, as far as they were read. */
export interface IndicatorParts {
  stage: number;
  seq: IToken | null;
  level1: IToken | null;
  level2: IToken | null;
  nameFirst: IToken | null;
  nameLast: IToken | null;
  label1: IToken | null;
  colon1: IToken | null;
  value1First: IToken | null;
  value1Last: IToken | null;
  label2: IToken | null;
  colon2: IToken | null;
  value2First: IToken | null;
  value2Last: IToken | null;
}

function createParts(): IndicatorParts {
  return {
    stage: Stage.seq,
    seq: null,
    level1: null,
    level2: null,
    nameFirst: null,
    nameLast: null,
    label1: null,
    colon1: null,
    value1First: null,
    value1Last: null,
    label2: null,
    colon2: null,
    value2First: null,
    value2Last: null,
  };
}

/**
 * indicator = seq "、" category "；" category "；" name "；" target "；" target ;
 * (`N、` is one Seq token; categories are split into code and name by the caller.)
 */
export class IndicatorParser extends EmbeddedActionsParser {
  /** Parts of the indicator being parsed; reset by `parseParts`. */
  private parts: IndicatorParts = createParts();

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  public indicator = this.RULE("indicator", () => {
    const p = this.parts;
    p.seq = this.CONSUME(Seq);
    p.stage = Stage.level1;
    p.level1 = this.SUBRULE(this.category);
    p.stage = Stage.semicolon1;
    this.CONSUME(Semicolon);
    p.stage = Stage.level2;
    p.level2 = this.SUBRULE2(this.category);
    p.stage = Stage.semicolon2;
    this.CONSUME2(Semicolon);
    p.stage = Stage.name;
    this.SUBRULE(this.name);
    p.stage = Stage.semicolon3;
    this.CONSUME3(Semicolon);
    p.stage = Stage.label1;
    this.SUBRULE(this.target, { ARGS: [1] });
    this.CONSUME4(Semicolon);
    p.stage = Stage.label2;
    this.SUBRULE2(this.target, { ARGS: [2] });
    p.stage = Stage.end;
  });

  /** category = code "-" categoryName — one Text run, split by the caller. */
  private category = this.RULE("category", () => this.CONSUME(Text));

  /** name = Word { Word } — text runs and colons up to the next `；`. */
  private name = this.RULE("name", () => {
    const p = this.parts;
    this.AT_LEAST_ONE(() => {
      const t = this.CONSUME(Word);
      if (p.nameFirst === null) p.nameFirst = t;
      p.nameLast = t;
    });
  });

  /** target = label ( ":" | "：" ) value ; value = { Word } (may be empty). `which`: 1 or 2. */
  private target = this.RULE("target", (which: number) => {
    const p = this.parts;
    const first = which === 1;
    const label = this.CONSUME(Label);
    if (first) p.label1 = label;
    else p.label2 = label;
    p.stage = first ? Stage.colon1 : Stage.colon2;
    const colon = this.CONSUME(Colon);
    if (first) p.colon1 = colon;
    else p.colon2 = colon;
    p.stage = first ? Stage.value1 : Stage.value2;
    let valueFirst: IToken | null = null;
    let valueLast: IToken | null = null;
    this.MANY(() => {
      const t = this.CONSUME(Word);
      valueFirst ??= t;
      valueLast = t;
    });
    if (first) {
      p.value1First = valueFirst;
      p.value1Last = valueLast;
    } else {
      p.value2First = valueFirst;
      p.value2Last = valueLast;
    }
  });

  /**
   * Parse the tokens of one indicator (without its terminating `。`). Returns its parts and the
   * first syntax error, if any (then `parts.stage` says what was expected).
   */
  public parseParts(tokens: IToken[]): { parts: IndicatorParts; error: IRecognitionException | null } {
    const parts = createParts();
    this.parts = parts;
    this.input = tokens;
    this.indicator();
    const errors = this.errors;
    return { parts, error: errors.length === 0 ? null : errors[0]! };
  }
}

let parser: IndicatorParser | undefined;

/** The indicator parser, built on first use and then shared (one per process). */
export function getParser(): IndicatorParser {
  parser ??= new IndicatorParser();
  return parser;
}
