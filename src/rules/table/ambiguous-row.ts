// table/ambiguous-row: a row without goal and indicators that cannot be told apart as a unit or a
// project by the amounts. Reported by the table reader, which keeps the row as a unit.
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "table/ambiguous-row",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "无法判断是资金使用单位行还是项目行", en: "a row that cannot be told apart as unit or project" },
      why: {
        zh: "没有绩效目标和指标的行可能是资金使用单位，也可能是漏填的项目；按金额（单位等于其后项目之和）无法判断时必须人工确认。",
        en: "A row without goal and indicators is either a unit or a project with both missing; when the amounts (a unit equals the sum of the projects after it) do not decide, a person must.",
      },
      bad: "单位甲\t10.00\t10.00\n项目一\t4.00\t4.00\t\t\t目标\t1、…\n某行\t3.00\t3.00\n项目二\t5.00\t5.00\t\t\t目标\t1、…",
      good: "单位甲\t10.00\t10.00\n项目一\t4.00\t4.00\t\t\t目标\t1、…\n项目二\t6.00\t6.00\t\t\t目标\t1、…",
    },
    messages: {
      unitOrProject: {
        zh: "无法判断“{name}”是资金使用单位还是缺少绩效目标和指标的项目：金额与前后各行都对不上（按资金使用单位处理）",
        en: "cannot tell whether “{name}” is a unit or a project without goal and indicators: its amounts fit neither (read as a unit)",
      },
    },
  },
  create: () => ({}),
});
