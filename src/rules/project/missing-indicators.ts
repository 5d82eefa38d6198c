// project/missing-indicators: a project row without 绩效指标 (an empty cell, not an unparsable one).
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";

export default defineRule({
  meta: {
    id: "project/missing-indicators",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "项目没有填写绩效指标", en: "a project without 绩效指标 (performance indicators)" },
      why: {
        zh: "没有绩效指标，项目的产出和效果无法衡量和评价。指标无法解析的情况由 indicator/syntax 报告。",
        en: "Without indicators the project's outputs and effects cannot be measured or evaluated. A cell that does not parse is indicator/syntax's concern.",
      },
      bad: "综合工作经费\t1.60\t1.60\t\t\t印制金融超市等平台宣传品……\t",
      good: "综合工作经费\t1.60\t1.60\t\t\t印制金融超市等平台宣传品……\t1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份",
    },
    messages: {
      missing: { zh: "项目“{name}”没有绩效指标", en: "project “{name}” has no performance indicators (绩效指标)" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        if (p.indicators.length > 0) return;
        if (typeof p.indicatorsRaw === "string" && p.indicatorsRaw.trim() !== "") return;
        ctx.report({ messageId: "missing", data: { name: p.name }, span: projectSpan(p), project: p.name });
      },
    };
  },
});
