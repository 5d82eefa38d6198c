// project/missing-effect: a project with indicators but none under 2-效益指标 (level-1 code 2).
import { defineRule } from "../types.js";
import { hasCategoryGroup, projectSpan } from "../indicator/util.js";

export default defineRule({
  meta: {
    id: "project/missing-effect",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "项目没有效益指标", en: "a project without any effect indicator (2-效益指标)" },
      why: {
        zh: "绩效指标体系要求每个项目都设置效益（经济、社会、生态、可持续影响）类指标，缺少则无法全面评价项目。项目没有指标（由 project/missing-indicators 报告）或有指标无法解析时不检查。",
        en: "The indicator framework asks every project for effects (economic, social, ecological, lasting impact); without them the project cannot be evaluated in full. Skipped when the project has no indicators (project/missing-indicators) or one of them does not parse.",
      },
      bad: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。2、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:95%；年度指标值:95%",
      good: "1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。2、2-效益指标；22-社会效益；培育上市企业数量；实施周期指标值:5家次；年度指标值:5家次。3、3-满意度指标；31-服务对象满意度；扶持企业满意度；实施周期指标值:95%；年度指标值:95%",
    },
    messages: {
      missing: { zh: "项目“{name}”没有效益指标", en: "project “{name}” has no effect indicator (效益指标)" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        if (hasCategoryGroup(p, "effect") !== false) return;
        ctx.report({ messageId: "missing", data: { name: p.name }, span: projectSpan(p), project: p.name });
      },
    };
  },
});
