// indicator/rate-unit: a rate (name ending in 率) whose value is not a percentage, or a count (name
// ending in 数量, 人数, 次数 …) given in %.
import { isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { defineTargetMessages, isCountName, isQuantity, isRateName, reportTargets } from "./util.js";

/** Units a rate may legitimately take besides %: per mille and percentage points. */
const RATE_UNITS = new Set(["‰", "百分点", "个百分点"]);

function isRateUnit(unit: string | null): boolean {
  return isPercentUnit(unit) || (unit !== null && RATE_UNITS.has(unit));
}

function rateNotPercent(t: Target | null): boolean {
  return isQuantity(t) && !isRateUnit(t.unit);
}

function countInPercent(t: Target | null): boolean {
  return isQuantity(t) && isPercentUnit(t.unit);
}

export default defineRule({
  meta: {
    id: "indicator/rate-unit",
    defaultSeverity: "info",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "名称以“率”结尾的指标，指标值不是百分比；或数量类指标（数量、人数、次数）用了 %",
        en: "a name ending in 率 whose value is not a percentage, or a count name (数量, 人数, 次数) given in %",
      },
      why: {
        zh: "指标名称与计量单位矛盾时，读者不知道目标究竟是比例还是个数。以“率”结尾的指标可用 %、‰、百分点；以数量、人数、次数、个数、家数、场次、户数、件数结尾的指标不应使用 %。",
        en: "When name and unit disagree, readers cannot tell whether the target is a share or a count. A name ending in 率 takes %, ‰ or 百分点; a name ending in 数量, 人数, 次数, 个数, 家数, 场次, 户数 or 件数 should not be in %.",
      },
      bad: "3、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95家；年度指标值:≥95家",
      good: "3、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
    },
    messages: {
      ...defineTargetMessages("rateNotPercent", {
        zh: "“{name}”是比率，{target}“{value}”却不是百分比",
        en: "“{name}” is a rate but the {target} “{value}” {is} not a percentage",
      }),
      ...defineTargetMessages("countInPercent", {
        zh: "“{name}”是数量，{target}“{value}”却是百分比",
        en: "“{name}” is a count but the {target} “{value}” {is} a percentage",
      }),
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        const name = i.name;
        if (i.error !== undefined || name === null) return;
        if (isRateName(name)) {
          reportTargets(ctx, i, p.name, "rateNotPercent", rateNotPercent(i.period), rateNotPercent(i.annual), { name });
        } else if (isCountName(name)) {
          reportTargets(ctx, i, p.name, "countInPercent", countInPercent(i.period), countInPercent(i.annual), { name });
        }
      },
    };
  },
});
