// indicator/direction: a positive indicator (满意度, 合格率, 覆盖率, 及时率, 完成率 …) with a ceiling
// (≤ / <), or a reverse one (投诉率, 差错率, 事故率, 发生率 …) with a floor (≥ / >).
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { classifyDirection, defineTargetMessages, isCeiling, isFloor, isQuantity, reportTargets } from "./util.js";

function isWrong(t: Target | null, direction: "positive" | "reverse"): boolean {
  if (!isQuantity(t)) return false;
  return direction === "positive" ? isCeiling(t.comparator) : isFloor(t.comparator);
}

export default defineRule({
  meta: {
    id: "indicator/direction",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: {
        zh: "正向指标（满意度、合格率等）用了 ≤，或反向指标（投诉率、差错率等）用了 ≥",
        en: "a positive indicator (满意度, 合格率 …) with ≤, or a reverse one (投诉率, 差错率 …) with ≥",
      },
      why: {
        zh: "越高越好的指标只能设下限，越低越好的指标只能设上限；方向写反后，目标会鼓励相反的结果。正向词：满意度、满意率、合格率、覆盖率、及时率、完成率、达标率、准确率、知晓率、无故障率；反向词：投诉率、差错率、事故率、发生率、失误率、故障率。",
        en: "An indicator where more is better takes a floor, one where less is better a ceiling; the wrong direction rewards the opposite result. Positive words: 满意度, 满意率, 合格率, 覆盖率, 及时率, 完成率, 达标率, 准确率, 知晓率, 无故障率; reverse words: 投诉率, 差错率, 事故率, 发生率, 失误率, 故障率.",
      },
      bad: "3、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≤95%；年度指标值:≤95%",
      good: "3、1-产出指标；13-时效指标；补贴审核及时率；实施周期指标值:≥95%；年度指标值:≥95%",
    },
    messages: {
      ...defineTargetMessages("positiveCeiling", {
        zh: "“{name}”是正向指标（越高越好），{target}“{value}”却是上限",
        en: "“{name}” is a positive indicator (more is better) but the {target} “{value}” {is} a ceiling",
      }),
      ...defineTargetMessages("reverseFloor", {
        zh: "“{name}”是反向指标（越低越好），{target}“{value}”却是下限",
        en: "“{name}” is a reverse indicator (less is better) but the {target} “{value}” {is} a floor",
      }),
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined || i.name === null) return;
        const direction = classifyDirection(i.name);
        if (direction === null) return;
        const base = direction === "positive" ? "positiveCeiling" : "reverseFloor";
        reportTargets(ctx, i, p.name, base, isWrong(i.period, direction), isWrong(i.annual, direction), {
          name: i.name,
        });
      },
    };
  },
});
