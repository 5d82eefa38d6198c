// indicator/satisfaction-threshold: a numeric satisfaction target (a floor or an exact value in %)
// below a floor, 80 % by default (option `floor`).
import { classifyCategories, isPercentUnit } from "../../targets/index.js";
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { classifyDirection, compareDecimalTo, defineTargetMessages, isCeiling, isChangeTarget, isQuantity, isSatisfactionName, reportTargets } from "./util.js";

const DEFAULT_FLOOR = 80;

/** Complaints and dissatisfaction under 满意度指标 are less-is-better: no floor applies. */
function isComplaint(name: string): boolean {
  return name.includes("投诉") || name.includes("不满意") || classifyDirection(name) === "reverse";
}

function isLow(t: Target | null, floor: number): boolean {
  // A change (`比上年提高5%`, `±5%`) is not a level of satisfaction.
  return isQuantity(t) && isPercentUnit(t.unit) && !isCeiling(t.comparator) && !isChangeTarget(t) && compareDecimalTo(t.value, floor) < 0;
}

export default defineRule({
  meta: {
    id: "indicator/satisfaction-threshold",
    defaultSeverity: "info",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "满意度指标值低于下限（默认 80%，可配置）",
        en: "a numeric satisfaction target below a floor (default 80 %, configurable)",
      },
      why: {
        zh: "过低的满意度目标几乎必然达成，失去考核意义。适用于满意度指标分类下或名称含“满意”的指标，只检查百分比的下限或等值目标（上限由 indicator/direction 检查），投诉、不满意等反向指标以及“比上年提高5%”“±5%”之类的变化量不检查。选项 floor 设置下限（百分数）。",
        en: "A very low satisfaction target is met almost by default and measures nothing. Applies to indicators under 满意度指标 or named …满意…, with a floor or exact value in %; ceilings are indicator/direction's concern, and complaints or dissatisfaction (less is better) and changes such as 比上年提高5% or ±5% are skipped. Option `floor` sets the floor (in %).",
      },
      bad: "6、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:≥60%；年度指标值:≥60%",
      good: "6、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:≥90%；年度指标值:≥90%",
    },
    messages: defineTargetMessages("belowFloor", {
      zh: "满意度的{target}“{value}”低于 {floor}%",
      en: "the satisfaction {target} “{value}” {is} below {floor} %",
    }),
    defaultOptions: { floor: DEFAULT_FLOOR },
  },
  create(ctx) {
    const option = Number(ctx.options.floor);
    const floor = Number.isFinite(option) ? option : DEFAULT_FLOOR;
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        const name = i.name ?? "";
        if (isComplaint(name)) return;
        if (!isSatisfactionName(name) && classifyCategories(i.level1, i.level2).group !== "satisfaction") return;
        reportTargets(ctx, i, p.name, "belowFloor", isLow(i.period, floor), isLow(i.annual, floor), { floor });
      },
    };
  },
});
