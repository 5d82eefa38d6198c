// indicator/satisfaction-placement: an indicator named …满意… filed outside 满意度指标.
import { classifyCategories } from "../../targets/index.js";
import { defineRule } from "../types.js";
import { indicatorLabel, indicatorSpan, isSatisfactionName } from "./util.js";

export default defineRule({
  meta: {
    id: "indicator/satisfaction-placement",
    defaultSeverity: "warning",
    indicatorOnly: true,
    docs: {
      summary: { zh: "名称含“满意”的指标未放在满意度指标下", en: "an indicator named …满意… outside 满意度指标" },
      why: {
        zh: "满意度类指标应归入“3-满意度指标”，否则统计时项目会被误判为缺少满意度指标。分类无法识别时（由 indicator/category 报告）不检查。",
        en: "Satisfaction belongs under 3-满意度指标; filed elsewhere, the project looks as if it had no satisfaction indicator. Skipped when the categories are not recognised (indicator/category reports those).",
      },
      bad: "6、2-效益指标；22-社会效益；扶持企业满意度；实施周期指标值:95%；年度指标值:95%",
      good: "6、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:95%；年度指标值:95%",
    },
    messages: {
      misplaced: {
        zh: "满意度指标“{name}”放在了“{level1}”下，应放在满意度指标下",
        en: "satisfaction indicator “{name}” is filed under “{level1}” instead of 满意度指标",
      },
    },
  },
  create(ctx) {
    return {
      indicator(i, p) {
        const name = i.name;
        if (i.error !== undefined || name === null || !isSatisfactionName(name)) return;
        const { group } = classifyCategories(i.level1, i.level2);
        if (group === null || group === "satisfaction") return;
        const level1 = i.level1 ? (i.level1.code ? `${i.level1.code}-${i.level1.name}` : i.level1.name) : "";
        ctx.report({
          messageId: "misplaced",
          data: { name, level1 },
          span: indicatorSpan(i),
          project: p.name,
          indicator: indicatorLabel(i),
        });
      },
    };
  },
});
