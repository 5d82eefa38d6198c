// indicator/qualitative: a target that is text only (提高, 良好, 显示度提升) and so not measurable.
// Text with a number in it (`1/3`, `1:1`) is measurable, though not typed: not reported.
import type { Target } from "../../types.js";
import { defineRule } from "../types.js";
import { defineTargetMessages, hasDigit, reportTargets } from "./util.js";

function isText(t: Target | null): boolean {
  return t !== null && t.kind === "text" && !hasDigit(t.text ?? "");
}

export default defineRule({
  meta: {
    id: "indicator/qualitative",
    defaultSeverity: "info",
    indicatorOnly: true,
    docs: {
      summary: { zh: "指标值只有文字描述（如“提高”“良好”），无法衡量", en: "a target is text only (提高, 良好) and so not measurable" },
      why: {
        zh: "“提高”“良好”之类的定性目标没有可核对的标准，年末无法客观判断是否完成；应尽量改为可量化的数值。日期类目标（如“2023年底”）和含数字的文字（如“1/3”“1:1”）不在此列。",
        en: "A qualitative target such as 提高 (improve) or 良好 (good) has no standard to check against, so whether it was met cannot be judged objectively; state a number where possible. Dates (2023年底) and text with a number in it (1/3, 1:1) are not reported.",
      },
      bad: "3、2-效益指标；22-社会效益；提高项目评审效率；实施周期指标值:提高；年度指标值:提高",
      good: "3、2-效益指标；22-社会效益；项目评审平均用时；实施周期指标值:≤20天；年度指标值:≤20天",
    },
    messages: defineTargetMessages("qualitative", {
      zh: "{target}“{value}”是定性描述，无法衡量",
      en: "the {target} “{value}” {is} qualitative and cannot be measured",
    }),
  },
  create(ctx) {
    return {
      indicator(i, p) {
        if (i.error !== undefined) return;
        reportTargets(ctx, i, p.name, "qualitative", isText(i.period), isText(i.annual));
      },
    };
  },
});
