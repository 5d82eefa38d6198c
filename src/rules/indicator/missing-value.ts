// indicator/missing-value: a 实施周期指标值 / 年度指标值 that is empty, 无 or / (kind none).
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { defineTargetMessages, reportTargets } from "./util.js";

function isMissing(t: Target | null): boolean {
  return t === null || t.kind === "none";
}

export default defineRule({
  meta: {
    id: "indicator/missing-value",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: { zh: "指标值为空或为“无”", en: "a target is empty or 无 (none)" },
      why: {
        zh: "没有指标值的指标，年末无法评价是否完成。",
        en: "An indicator without a target value cannot be evaluated at the end of the year.",
      },
      bad: "1、1-产出指标；11-数量指标；年度巨灾指数保险完成率；实施周期指标值:无；年度指标值:100%",
      good: "1、1-产出指标；11-数量指标；年度巨灾指数保险完成率；实施周期指标值:100%；年度指标值:100%",
    },
    messages: defineTargetMessages("missing", {
      zh: "{target}缺失（为空或“无”）",
      en: "the {target} {is} missing (empty or 无)",
    }),
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        reportTargets(ctx, i, p.name, "missing", isMissing(i.period), isMissing(i.annual));
      },
    };
  },
});
