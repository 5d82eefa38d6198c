// table/missing-total: a table without its 合计 (or 总计) row, so its grand total cannot be checked.
import { defineRule } from "../types.js";
import { headerSpan, projectCounter } from "./util.js";

export default defineRule({
  meta: {
    id: "table/missing-total",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "表格没有“合计”行", en: "the table has no 合计 (total) row" },
      why: {
        zh: "合计行是部门公开的项目支出总额；缺少它，总额无法与明细核对（amount/total-rollup 无从检查）。",
        en: "The 合计 row is the department's published project spending; without it the total cannot be checked against the detail (amount/total-rollup has nothing to check).",
      },
      bad: "项目名称（资金使用单位）\t总计\t财政拨款\t…\n广州开发区金融工作局\t15,810.92\t15,810.92\n…",
      good: "项目名称（资金使用单位）\t总计\t财政拨款\t…\n合计\t15,812.52\t15,812.52\n广州开发区金融工作局\t15,810.92\t15,810.92\n…",
    },
    messages: {
      missing: { zh: "表格没有“合计”行，总额无法核对", en: "the table has no 合计 (total) row, so its total cannot be checked" },
    },
  },
  create(ctx) {
    const projects = projectCounter();
    return {
      ...projects.listeners,
      tableEnd(doc) {
        // (A table without projects is table/empty's.)
        if (doc.total !== null || doc.header === null || projects.count === 0) return;
        ctx.report({ messageId: "missing", data: {}, span: headerSpan(doc.header) });
      },
    };
  },
});
