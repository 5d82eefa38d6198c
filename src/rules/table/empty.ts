// table/empty: a header with no rows under it (no 合计, unit or project): nothing was submitted.
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "table/empty",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "表头之下没有任何行（合计、单位或项目）", en: "a header with no rows under it (no 合计, unit or project)" },
      why: {
        zh: "只有表头的表格没有申报任何项目；作为提交材料它是空的，不应通过检查。",
        en: "A table that is only a header declares no project at all: as a submission it is empty and should not pass a check.",
      },
      bad: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
      good: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t1.60\t1.60\n综合工作经费\t1.60\t1.60\t\t\t…\t…",
    },
    messages: {
      empty: { zh: "表头之下没有任何数据行", en: "the table has a header but no rows under it" },
    },
  },
  create(ctx) {
    let rows = 0;
    return {
      total: () => void rows++,
      unit: (u) => void (rows += (u.line === null ? 0 : 1) + u.projects.length),
      // A unit checked on another thread: the table has rows.
      unitElsewhere: () => void rows++,
      tableEnd(doc) {
        if (rows > 0 || doc.header === null) return;
        ctx.report({ messageId: "empty", data: {}, span: { line: doc.header.line, column: 1, endLine: doc.header.line, endColumn: 2 } });
      },
    };
  },
});
