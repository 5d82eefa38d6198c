// indicator/syntax: the 绩效指标 string parses (grammar/README.md). Reported by the parser itself
// (grammar/index.ts) with the exact position of the broken spot; this file holds the rule's metadata.
import { SYNTAX_MESSAGES, SYNTAX_RULE_ID } from "../../../grammar/messages.js";
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: SYNTAX_RULE_ID,
    defaultSeverity: "error",
    docs: {
      summary: {
        zh: "绩效指标字符串符合“序号、一级指标；二级指标；指标名称；实施周期指标值:…；年度指标值:…。”的格式",
        en: "the indicator string follows “N、level-1；level-2；name；实施周期指标值:…；年度指标值:…。”",
      },
      why: {
        zh: "无法解析的指标读不出类别和指标值，其余检查都会漏掉它；解析会在下一个“N、”处恢复，其他指标照常检查。",
        en: "An indicator that does not parse has no categories or targets, so every other check misses it; parsing recovers at the next “N、” so the other indicators are still checked.",
      },
      bad: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值≥495家次；年度指标值:≥495家次。",
      good: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。",
    },
    messages: SYNTAX_MESSAGES,
  },
  create: () => ({}),
});
