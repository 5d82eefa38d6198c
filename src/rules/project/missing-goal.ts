// project/missing-goal: a project row without 绩效目标.
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";

export default defineRule({
  meta: {
    id: "project/missing-goal",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "项目没有填写绩效目标", en: "a project without 绩效目标 (performance goal)" },
      why: {
        zh: "绩效目标说明资金要达成什么，是预算绩效管理的必填项；没有目标，指标和评价都失去依据。",
        en: "The goal states what the money is to achieve and is mandatory in performance budgeting; without it the indicators and the evaluation have nothing to refer to.",
      },
      bad: "综合工作经费\t1.60\t1.60\t\t\t\t1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份",
      good: "综合工作经费\t1.60\t1.60\t\t\t印制金融超市等平台宣传品……\t1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份",
    },
    messages: {
      missing: { zh: "项目“{name}”没有绩效目标", en: "project “{name}” has no performance goal (绩效目标)" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        if (p.goal !== null && p.goal.trim() !== "") return;
        ctx.report({ messageId: "missing", data: { name: p.name }, span: projectSpan(p), project: p.name });
      },
    };
  },
});
