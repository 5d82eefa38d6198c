// indicator/percent-range: a percentage target lies in 0–100 %. Growth rates (增长率, 增幅, 提升率,
// 增速) may exceed 100 % and are reported only below -100 %.
import { isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { compareDecimalTo, defineTargetMessages, isGrowthName, isQuantity, reportTargets } from "./util.js";

function isOut(v: string, growth: boolean): boolean {
  return growth ? compareDecimalTo(v, -100) < 0 : compareDecimalTo(v, 0) < 0 || compareDecimalTo(v, 100) > 0;
}

function outOfRange(t: Target | null, growth: boolean): boolean {
  if (!isQuantity(t) || !isPercentUnit(t.unit)) return false;
  return isOut(t.value, growth) || (t.upper != null && isOut(t.upper, growth));
}

export default defineRule({
  meta: {
    id: "indicator/percent-range",
    defaultSeverity: "error",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "百分比指标值应在 0–100% 之间（增长率类指标可超过 100%）",
        en: "a percentage lies in 0–100 % (growth rates may exceed 100 %)",
      },
      why: {
        zh: "覆盖率、完成率等比例不可能超过 100% 或为负，超出范围通常是录入错误（如 950% 应为 95%）。增长率、增幅、提升率、增速可以超过 100%，只有低于 -100% 时才报告。",
        en: "A share such as a coverage or completion rate cannot exceed 100 % or be negative; a value outside the range is usually a typo (950 % for 95 %). Growth rates (增长率, 增幅, 提升率, 增速) may exceed 100 % and are reported only below -100 %.",
      },
      bad: "1、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥950%；年度指标值:≥950%",
      good: "1、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
    },
    messages: {
      ...defineTargetMessages("outOfRange", {
        zh: "{target}“{value}”超出 0–100% 的范围",
        en: "the {target} “{value}” {is} outside 0–100 %",
      }),
      ...defineTargetMessages("growthBelowMinus100", {
        zh: "增长类指标的{target}“{value}”低于 -100%",
        en: "the {target} “{value}” of a growth rate {is} below -100 %",
      }),
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        const growth = i.name !== null && isGrowthName(i.name);
        const base = growth ? "growthBelowMinus100" : "outOfRange";
        reportTargets(ctx, i, p.name, base, outOfRange(i.period, growth), outOfRange(i.annual, growth));
      },
    };
  },
});
