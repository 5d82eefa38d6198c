// indicator/sequence: the indicators of a project are numbered 1, 2, 3 … without gaps or repeats.
import type { Indicator, Project, Span } from "../../types.js";
import { defineRule } from "../types.js";
import { isDigit, isSpace } from "../../../grammar/tokens.js";
import { indicatorLabel, rawPosition } from "./util.js";

/**
 * The span of the indicator's sequence number (its leading digits, ASCII or full-width). The raw
 * text may start with the spaces after the 。 before it; the indicator's column is past them.
 */
function seqSpan(i: Indicator): Span {
  const raw = i.raw;
  let start = 0;
  while (start < raw.length && isSpace(raw.charCodeAt(start))) start++;
  let end = start;
  while (end < raw.length) {
    const c = raw.charCodeAt(end);
    if (!isDigit(c)) break;
    end++;
  }
  const digits = end - start;
  if (digits === 0) return { line: i.line, column: i.column, endLine: i.endLine, endColumn: i.endColumn };
  const to = rawPosition(i, end);
  return { line: i.line, column: i.column, endLine: to.line, endColumn: to.column };
}

export default defineRule({
  meta: {
    id: "indicator/sequence",
    defaultSeverity: "warning",
    docs: {
      summary: {
        zh: "指标序号应为 1、2、3……，不跳号、不重号",
        en: "indicators are numbered 1, 2, 3 … without gaps or repeats",
      },
      why: {
        zh: "跳号或重号通常说明指标被误删、误复制或两张表拼接出错，审核时难以引用具体指标。",
        en: "A gap or a repeat usually means an indicator was deleted or copied by mistake, and reviewers cannot cite indicators by number.",
      },
      bad: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。3、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
      good: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。2、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
    },
    messages: {
      unexpected: { zh: "指标序号为 {seq}，应为 {expected}", en: "indicator number {seq}, expected {expected}" },
      repeated: { zh: "指标序号 {seq} 重复", en: "indicator number {seq} is repeated" },
    },
  },
  create(ctx) {
    let current: Project | null = null;
    let expected = 1;
    let seen = new Set<number>();
    return {
      indicator(i, p) {
        if (p !== current) {
          current = p;
          expected = 1;
          seen = new Set();
        }
        const seq = i.seq;
        if (seq === null) {
          // Unreadable number (reported by indicator/syntax): assume it took its place.
          expected++;
          return;
        }
        if (seq !== expected) {
          const repeated = seen.has(seq);
          ctx.report({
            messageId: repeated ? "repeated" : "unexpected",
            data: repeated ? { seq } : { seq, expected },
            span: seqSpan(i),
            project: p.name,
            indicator: indicatorLabel(i),
          });
        }
        seen.add(seq);
        expected = seq + 1;
      },
    };
  },
});
