// project/few-indicators: a project with indicators, but fewer than `min` (default 3).
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";

const DEFAULT_MIN = 3;

export default defineRule({
  meta: {
    id: "project/few-indicators",
    defaultSeverity: "info",
    docs: {
      summary: { zh: "项目的绩效指标少于 3 个（可配置）", en: "a project with fewer than 3 indicators (configurable)" },
      why: {
        zh: "一两个指标难以同时覆盖产出、效益和满意度，项目绩效难以完整评价。选项 min 设置最少个数；没有指标的项目由 project/missing-indicators 报告。",
        en: "One or two indicators can hardly cover outputs, effects and satisfaction, so the project cannot be evaluated in full. Option `min` sets the minimum; a project with no indicators is project/missing-indicators' concern.",
      },
      bad: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份。2、2-效益指标；22-社会效益；提升我区金融招商能力；实施周期指标值:金融招商能力提升；年度指标值:金融招商能力提升",
      good: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份。2、2-效益指标；22-社会效益；新增对接金融机构数量；实施周期指标值:≥10家；年度指标值:≥10家。3、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%",
    },
    messages: {
      few: {
        zh: "项目“{name}”只有 {count} 个绩效指标，少于 {min} 个",
        en: "project “{name}” has only {count} indicators, fewer than {min}",
      },
      fewOne: {
        zh: "项目“{name}”只有 {count} 个绩效指标，少于 {min} 个",
        en: "project “{name}” has only {count} indicator, fewer than {min}",
      },
    },
    defaultOptions: { min: DEFAULT_MIN },
  },
  create(ctx) {
    const option = Number(ctx.options.min);
    const min = Number.isFinite(option) ? option : DEFAULT_MIN;
    return {
      project(p) {
        const count = p.indicators.length;
        if (count === 0 || count >= min) return;
        ctx.report({ messageId: count === 1 ? "fewOne" : "few", data: { name: p.name, count, min }, span: projectSpan(p), project: p.name });
      },
    };
  },
});
