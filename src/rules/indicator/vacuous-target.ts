// indicator/vacuous-target: a target that any result meets: ≥0 (any unit), >0 on a rate, ≤100 % or
// a range 0–100 % on a percentage. Growth rates are exempt from ≥0 / >0 (they can be negative).
import { isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { compareDecimalTo, defineTargetMessages, isGrowthName, isQuantity, isRateName, reportTargets } from "./util.js";

function isVacuous(t: Target | null, rateName: boolean, growth: boolean): boolean {
  if (!isQuantity(t) || t.modifier === "±") return false;
  const percent = isPercentUnit(t.unit);
  if (t.modifier === "range") {
    return percent && compareDecimalTo(t.value, 0) <= 0 && t.upper != null && compareDecimalTo(t.upper, 100) >= 0;
  }
  switch (t.comparator) {
    case ">=":
      return !growth && compareDecimalTo(t.value, 0) === 0;
    case ">":
      return !growth && (rateName || percent) && compareDecimalTo(t.value, 0) === 0;
    case "<=":
      return percent && compareDecimalTo(t.value, 100) >= 0;
    default:
      return false;
  }
}

export default defineRule({
  meta: {
    id: "indicator/vacuous-target",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "任何结果都能达到的指标值（≥0%、≥0、比率 >0、≤100%）",
        en: "a target that any result meets (≥0 %, ≥0, >0 on a rate, ≤100 %)",
      },
      why: {
        zh: "“≥0%”之类的指标值无论实际结果如何都算完成，起不到约束和考核作用。增长率、增幅等可为负的指标，“≥0%”表示不下降，不在此列。",
        en: "A target such as ≥0 % counts as met whatever happens, so it neither guides nor measures anything. Growth rates (增长率, 增幅 …) can be negative, so ≥0 % on them means “no decline” and is not reported.",
      },
      bad: "3、2-效益指标；21-经济效益；保险赔付率；实施周期指标值:≥0%；年度指标值:≥0%",
      good: "3、2-效益指标；21-经济效益；保险赔付率；实施周期指标值:≥60%；年度指标值:≥60%",
    },
    messages: defineTargetMessages("vacuous", {
      zh: "{target}“{value}”是任何结果都能达到的目标",
      en: "the {target} “{value}” {is} met by any result",
    }),
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        const rate = i.name !== null && isRateName(i.name);
        const growth = i.name !== null && isGrowthName(i.name);
        reportTargets(ctx, i, p.name, "vacuous", isVacuous(i.period, rate, growth), isVacuous(i.annual, rate, growth));
      },
    };
  },
});
