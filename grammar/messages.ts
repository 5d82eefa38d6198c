// Message ids (with zh/en templates) of the syntax errors the indicator parser reports. The rule
// `indicator/syntax` publishes these; the parser uses the English text as an indicator's `error`.

/** Rule id of every diagnostic of the indicator grammar. */
export const SYNTAX_RULE_ID = "indicator/syntax";

/** Templates by message id; `{name}` placeholders are filled from the diagnostic's data. */
export const SYNTAX_MESSAGES = {
  missingSeq: {
    zh: "指标应以序号“N、”开头（如“1、”）",
    en: "an indicator must start with a sequence number such as “1、”",
  },
  missingCategory: {
    zh: "此处应为{level}级指标类别（如“1-产出指标”“11-数量指标”）",
    en: "a level-{level} category (such as “1-产出指标” or “11-数量指标”) is expected here",
  },
  badCategory: {
    zh: "{level}级指标类别“{text}”应为“编码-名称”形式（如“1-产出指标”）",
    en: "the level-{level} category “{text}” is not in the form “code-name” (such as “1-产出指标”)",
  },
  missingName: {
    zh: "此处应为指标名称",
    en: "the indicator name is expected here",
  },
  missingSemicolon: {
    zh: "此处缺少分隔符“；”",
    en: "a “；” separator is missing here",
  },
  missingTarget: {
    zh: "此处应为“实施周期指标值:…”或“年度指标值:…”",
    en: "a target “实施周期指标值:…” (period) or “年度指标值:…” (annual) is expected here",
  },
  unknownLabel: {
    zh: "未知的指标值标签“{label}”，应为“实施周期指标值”或“年度指标值”",
    en: "unknown target label “{label}”: expected 实施周期指标值 (period) or 年度指标值 (annual)",
  },
  missingColon: {
    zh: "“{label}”后缺少冒号“:”",
    en: "a colon “:” is missing after “{label}”",
  },
  duplicateLabel: {
    zh: "“{label}”出现了两次，缺少另一个指标值",
    en: "“{label}” appears twice; the other target is missing",
  },
  unexpectedText: {
    zh: "两个指标值之后多出了内容：本条指标应在此处以“。”结束",
    en: "unexpected text after the two targets: the indicator should end with “。” here",
  },
} as const;

export type SyntaxMessageId = keyof typeof SYNTAX_MESSAGES;

/** Every message id the parser can report. */
export const SYNTAX_MESSAGE_IDS = Object.keys(SYNTAX_MESSAGES) as SyntaxMessageId[];

/** The English text of a syntax message (an indicator's `error`). */
export function describeSyntaxError(messageId: SyntaxMessageId, data: Record<string, string | number>): string {
  return SYNTAX_MESSAGES[messageId].en.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
