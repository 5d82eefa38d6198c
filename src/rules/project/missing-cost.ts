// project/missing-cost: no 成本 indicator (level-2 14-成本指标, or a level-1 成本指标 of the 2021
// structure). Off by default: only tables under the 2021 structure must have one.
import { isCostIndicator } from "../../targets/index.js";
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";

export default defineRule({
  meta: {
    id: "project/missing-cost",
    defaultSeverity: "off",
    docs: {
      summary: {
        zh: "项目没有成本指标（二级指标“14-成本指标”，或 2021 年版的一级指标“成本指标”）",
        en: "a project without a cost indicator (level-2 14-成本指标, or a level-1 成本指标 of the 2021 structure)",
      },
      why: {
        zh: "2021 年版指标体系要求设置成本指标（经济成本、社会成本、生态环境成本），以衡量资金投入的经济性。旧版表格没有此要求，故默认关闭。有指标无法解析或没有指标时不检查。",
        en: "The 2021 indicator structure asks for cost indicators (economic, social, ecological cost) to judge economy; older tables do not, so the rule is off by default. Skipped when the project has no indicators or one of them does not parse.",
      },
      bad: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份",
      good: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份。2、1-产出指标；14-成本指标；宣传品印制单价；实施周期指标值:≤8元/份；年度指标值:≤8元/份",
    },
    messages: {
      missing: { zh: "项目“{name}”没有成本指标", en: "project “{name}” has no cost indicator (成本指标)" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        if (p.indicators.length === 0) return;
        for (const i of p.indicators) {
          if (i.error !== undefined || isCostIndicator(i.level1, i.level2)) return;
        }
        ctx.report({ messageId: "missing", data: { name: p.name }, span: projectSpan(p), project: p.name });
      },
    };
  },
});
