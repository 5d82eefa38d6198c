// indicator/category: level-1 and level-2 codes and names are in the category catalogue and the
// level-2 category belongs to its level-1 (the catalogue itself lives in src/targets/).
import { CATEGORY_MESSAGES, classifyCategories } from "../../targets/index.js";
import type { Indicator, Span } from "../../types.js";
import { defineRule } from "../types.js";
import { indicatorLabel, indicatorSpan, rawPosition } from "./util.js";

function isSeparator(ch: string): boolean {
  return ch === "；" || ch === ";";
}

/** The span of `1-产出指标；11-数量指标` inside the indicator (after `N、`, before the name). */
function categoriesSpan(i: Indicator): Span {
  const raw = i.raw;
  const start = raw.indexOf("、");
  if (start < 0 || i.line !== i.endLine) return indicatorSpan(i);
  let seps = 0;
  let end = -1;
  for (let k = start + 1; k < raw.length; k++) {
    if (isSeparator(raw[k]!) && ++seps === 2) {
      end = k;
      break;
    }
  }
  if (end < 0) return indicatorSpan(i);
  // Through the indicator's positions: a doubled quote in the file is two columns.
  const from = rawPosition(i, start + 1);
  const to = rawPosition(i, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

export default defineRule({
  meta: {
    id: "indicator/category",
    defaultSeverity: "error",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "一级、二级指标的编码和名称在指标体系中，且二级指标属于其一级指标",
        en: "level-1 and level-2 categories are in the catalogue and the level-2 belongs to its level-1",
      },
      why: {
        zh: "指标分类决定了产出、效益、满意度的统计口径；编码错误或错配会让汇总和“缺少某类指标”的检查失真。",
        en: "Categories decide how indicators count as output, effect or satisfaction; a wrong code or pairing distorts totals and the missing-category checks.",
      },
      bad: "1、1-产出指标；22-社会效益；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次",
      good: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次",
    },
    messages: { ...CATEGORY_MESSAGES },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        const { problem } = classifyCategories(i.level1, i.level2);
        if (problem === null) return;
        ctx.report({
          messageId: problem.messageId,
          data: problem.data,
          span: categoriesSpan(i),
          project: p.name,
          indicator: indicatorLabel(i),
        });
      },
    };
  },
});
