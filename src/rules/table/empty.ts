// table/empty: a table without a single project row (only a header, a 合计 or unit rows): nothing
// was submitted.
import { defineRule } from "../types.js";
import { headerSpan, projectCounter } from "./util.js";

export default defineRule({
  meta: {
    id: "table/empty",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "表格没有任何项目行", en: "a table without a single project row" },
      why: {
        zh: "只有表头、合计或单位行的表格没有申报任何项目；作为报送材料实际为空，不应通过检查。",
        en: "A table of only a header, a 合计 or unit rows declares no project at all: as a submission it is empty and should not pass a check.",
      },
      bad: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
      good: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t1.60\t1.60\n综合工作经费\t1.60\t1.60\t\t\t…\t…",
    },
    messages: {
      empty: { zh: "表格没有任何项目行", en: "the table has no project rows" },
    },
  },
  create(ctx) {
    const projects = projectCounter();
    return {
      ...projects.listeners,
      tableEnd(doc) {
        if (projects.count > 0 || doc.header === null) return;
        ctx.report({ messageId: "empty", data: {}, span: headerSpan(doc.header) });
      },
    };
  },
});
