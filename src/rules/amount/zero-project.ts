// amount/zero-project: a project whose 总计 is 0 or empty.
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";
import { cellSpan } from "./sums.js";

export default defineRule({
  meta: {
    id: "amount/zero-project",
    defaultSeverity: "info",
    docs: {
      summary: { zh: "项目总计为 0 或为空", en: "a project whose 总计 is 0 or empty" },
      why: { zh: "没有资金的项目无需设定绩效目标；这样的行可能是占位行，也可能漏填了金额。", en: "A project without money needs no performance targets; it may be a placeholder row or a missing amount." },
      bad: "综合工作经费\t0.00\t\t\t\t印制宣传品…\t1、1-产出指标；…",
      good: "综合工作经费\t1.60\t1.60\t\t\t印制宣传品…\t1、1-产出指标；…",
    },
    messages: {
      zero: { zh: "项目“{name}”的总计为 0 或为空", en: "project “{name}” has a total of 0 or none" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        const total = p.amounts.total;
        if (p.amountsRaw.total !== null && total === null) return; // amount/format reports it
        if (total === null || /^-?0*(\.0*)?$/.test(total)) {
          const span = p.amountsRaw.total !== null ? cellSpan(p, "total") : p.name !== "" ? projectSpan(p) : { line: p.line, column: p.nameColumn, endLine: p.line, endColumn: p.nameColumn + 1 };
          ctx.report({ messageId: "zero", data: { name: p.name }, span, project: p.name });
        }
      },
    };
  },
});
