// indicator/no-unit: a number with no unit and no text around it (`1`, `≥40`).
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { defineTargetMessages, isQuantity, reportTargets } from "./util.js";

function lacksUnit(t: Target | null): boolean {
  return isQuantity(t) && (t.unit === null || t.unit === "") && (t.text === null || t.text === "");
}

export default defineRule({
  meta: {
    id: "indicator/no-unit",
    defaultSeverity: "info",
    indicatorOnly: true,
    docs: {
      summary: { zh: "指标值是没有计量单位的数字（如“1”“≥40”）", en: "a number with no unit (1, ≥40)" },
      why: {
        zh: "没有计量单位的数字含义不清（1 个、1 场还是 1 次？），读者和考核者可能理解不同。",
        en: "A bare number is ambiguous (one event, one day, one batch?), so readers and reviewers may read it differently.",
      },
      bad: "1、1-产出指标；11-数量指标；参加大型金融展会；实施周期指标值:1；年度指标值:1",
      good: "1、1-产出指标；11-数量指标；参加大型金融展会；实施周期指标值:1场；年度指标值:1场",
    },
    messages: defineTargetMessages("noUnit", {
      zh: "{target}“{value}”没有计量单位",
      en: "the {target} “{value}” {has} no unit",
    }),
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        reportTargets(ctx, i, p.name, "noUnit", lacksUnit(i.period), lacksUnit(i.annual));
      },
    };
  },
});
