// indicator/target-mismatch: the period and annual targets of one indicator disagree in unit (after
// scaling 万, 亿) or in direction (≥/> against ≤/<). Only two quantities are compared.
import { isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { indicatorLabel, isCeiling, isFloor, isQuantity, scaledOf, targetSpan } from "./util.js";

function sameUnit(a: Target, b: Target): boolean {
  if (isPercentUnit(a.unit) && isPercentUnit(b.unit)) return true;
  return scaledOf(a).unit === scaledOf(b).unit;
}

function opposite(a: Target, b: Target): boolean {
  return (isFloor(a.comparator) && isCeiling(b.comparator)) || (isCeiling(a.comparator) && isFloor(b.comparator));
}

export default defineRule({
  meta: {
    id: "indicator/target-mismatch",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "实施周期指标值与年度指标值的计量单位或方向（≥ 与 ≤）不一致",
        en: "the period and annual targets disagree in unit or direction (≥ vs ≤)",
      },
      why: {
        zh: "同一指标的两个指标值应可比较：计量单位不同（“万人”与“人”换算后相同的不算）或一个是下限一个是上限，通常是录入错误。任一指标值缺失或为文字时不检查。",
        en: "The two targets of one indicator must be comparable: a different unit (万人 and 人 count as the same after scaling) or a floor against a ceiling is usually a typing mistake. Skipped when either target is missing or text.",
      },
      bad: "4、3-满意度指标；31-服务对象满意度；活动投诉数量；实施周期指标值:≤2次；年度指标值:≥2次",
      good: "4、3-满意度指标；31-服务对象满意度；活动投诉数量；实施周期指标值:≤2次；年度指标值:≤2次",
    },
    messages: {
      unit: {
        zh: "实施周期指标值“{period}”与年度指标值“{annual}”的计量单位不一致",
        en: "the period target “{period}” and the annual target “{annual}” have different units",
      },
      direction: {
        zh: "实施周期指标值“{period}”与年度指标值“{annual}”的方向相反（≥ 与 ≤）",
        en: "the period target “{period}” and the annual target “{annual}” point in opposite directions (≥ vs ≤)",
      },
      unitAndDirection: {
        zh: "实施周期指标值“{period}”与年度指标值“{annual}”的计量单位和方向都不一致",
        en: "the period target “{period}” and the annual target “{annual}” differ in unit and direction",
      },
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        const period = i.period;
        const annual = i.annual;
        if (i.error !== undefined || !isQuantity(period) || !isQuantity(annual)) return;
        const unit = !sameUnit(period, annual);
        const direction = opposite(period, annual);
        if (!unit && !direction) return;
        ctx.report({
          messageId: unit && direction ? "unitAndDirection" : unit ? "unit" : "direction",
          data: { period: period.raw, annual: annual.raw },
          span: targetSpan(i, "both"),
          project: p.name,
          indicator: indicatorLabel(i),
        });
      },
    };
  },
});
