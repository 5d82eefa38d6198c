// indicator/percent-range: a percentage target lies in 0–100 %. Growth rates (增长率, 增幅, 提升率,
// 增速) may lie outside it (more than doubling, a planned fall): SPEC §5 makes theirs a warning.
import { isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { compareDecimalTo, defineTargetMessages, isChangeTarget, isGrowthName, isQuantity, reportTargets } from "./util.js";

function isOut(v: string): boolean {
  return compareDecimalTo(v, 0) < 0 || compareDecimalTo(v, 100) > 0;
}

function outOfRange(t: Target | null): boolean {
  if (!isQuantity(t) || !isPercentUnit(t.unit)) return false;
  return isOut(t.value) || (t.upper != null && isOut(t.upper));
}

function isChange(t: Target | null): boolean {
  return isQuantity(t) && isChangeTarget(t);
}

export default defineRule({
  meta: {
    id: "indicator/percent-range",
    defaultSeverity: "error",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "百分比指标值应在 0–100% 之间（增长率类指标超出时为警告）",
        en: "a percentage lies in 0–100 % (a warning instead for growth rates)",
      },
      why: {
        zh: "覆盖率、完成率等比例不可能超过 100% 或为负，超出范围通常是录入错误（如 950% 应为 95%）。增长率、增幅、提升率、增速（或指标值本身写明“增长”“提高”“下降”等变化，如“比上年增长150%”）可能超过 100% 或为负，超出时降低一级报告（规则级别为 error 时报 warning，为 warning 时报 info）：值得核对，但不算不通过。",
        en: "A share such as a coverage or completion rate cannot exceed 100 % or be negative; a value outside the range is usually a typo (950 % for 95 %). Growth rates (增长率, 增幅, 提升率, 增速, or a target that states a change itself: 比上年增长150%, 下降5%) may exceed 100 % or be negative, so theirs are reported one step milder (a warning when the rule is an error, an info when it is a warning): worth a look, not a failure.",
      },
      bad: "1、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥950%；年度指标值:≥950%",
      good: "1、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
    },
    messages: {
      ...defineTargetMessages("outOfRange", {
        zh: "{target}“{value}”超出 0–100% 的范围",
        en: "the {target} “{value}” {is} outside 0–100 %",
      }),
      ...defineTargetMessages("growthOutOfRange", {
        zh: "增长类指标的{target}“{value}”超出 0–100% 的范围，请核对",
        en: "the {target} “{value}” of a growth rate {is} outside 0–100 %: worth checking",
      }),
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        const period = outOfRange(i.period);
        const annual = outOfRange(i.annual);
        if (!period && !annual) return;
        // A change written in the target (`比上年增长150%`, `下降5%`) is a growth rate too.
        const growth = (i.name !== null && isGrowthName(i.name)) || isChange(i.period) || isChange(i.annual);
        reportTargets(ctx, i, p.name, growth ? "growthOutOfRange" : "outOfRange", period, annual, undefined, growth);
      },
    };
  },
});
