// indicator/annual-exceeds-period: for an additive quantity (a count or an amount) the annual floor
// cannot be higher than the floor for the whole implementation period, which contains the year.
import { isPercentUnit } from "../../targets/index.js";
import type { Comparator, Target } from "../../types.js";
import { defineRule } from "../types.js";
import { compareDecimals, indicatorLabel, isQuantity, isRateName, scaledOf, targetSpan } from "./util.js";

/** Units that do not add up over the years: durations, scores, grades, ratios. */
const NON_ADDITIVE_UNITS = new Set([
  "‰", "分", "级", "星", "倍", "天", "日", "小时", "分钟", "秒", "年", "月", "个月", "周", "工作日", "个工作日", "度", "℃", "岁",
]);

function isAdditive(t: Target, unit: string | null): boolean {
  if (unit === null || isPercentUnit(t.unit) || NON_ADDITIVE_UNITS.has(unit)) return false;
  if (unit.includes("/") || unit.includes("每") || unit.includes("百分") || unit.includes("率")) return false;
  return t.text === null || !t.text.includes("每");
}

function isFloorOrEqual(c: Comparator | null): boolean {
  return c === ">=" || c === ">" || c === "=";
}

export default defineRule({
  meta: {
    id: "indicator/annual-exceeds-period",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "可累加的数量指标，年度指标值高于实施周期指标值",
        en: "for an additive quantity, the annual target is higher than the whole-period target",
      },
      why: {
        zh: "实施周期包含本年度，数量、金额等可累加的指标，全周期目标不应低于年度目标；否则通常是两个值填反或计量单位错误。只比较计量单位相同（按万、亿换算后）的下限或等值目标；百分比、比率、时长、人均等不可累加的值不检查。",
        en: "The implementation period contains the year, so for counts and amounts the whole-period target cannot be below the annual one; otherwise the values are usually swapped or in the wrong unit. Only floors and equalities in the same unit (after scaling 万, 亿) are compared; percentages, rates, durations and per-unit values are skipped.",
      },
      bad: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥100家次；年度指标值:≥495家次",
      good: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次",
    },
    messages: {
      exceeds: {
        zh: "年度指标值“{annual}”高于实施周期指标值“{period}”",
        en: "the annual target “{annual}” is higher than the period target “{period}”",
      },
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        const period = i.period;
        const annual = i.annual;
        if (i.error !== undefined || period === annual || !isQuantity(period) || !isQuantity(annual)) return;
        if (period.raw === annual.raw) return;
        if (!isFloorOrEqual(period.comparator) || !isFloorOrEqual(annual.comparator)) return;
        if (i.name !== null && isRateName(i.name)) return;
        const ps = scaledOf(period);
        const as = scaledOf(annual);
        if (ps.unit !== as.unit || ps.value === null || as.value === null) return;
        if (!isAdditive(period, ps.unit) || !isAdditive(annual, as.unit)) return;
        if (!(compareDecimals(as.value, ps.value) > 0)) return;
        ctx.report({
          messageId: "exceeds",
          data: { period: period.raw, annual: annual.raw },
          span: targetSpan(i, "both"),
          project: p.name,
          indicator: indicatorLabel(i),
        });
      },
    };
  },
});
