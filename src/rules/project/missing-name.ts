// project/missing-name: a project row whose name cell is empty (often a merged cell exported blank).
import { defineRule } from "../types.js";

/** White space and the zero-width characters that look like nothing. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/g;

export default defineRule({
  meta: {
    id: "project/missing-name",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "项目行没有项目名称", en: "a project row without a name" },
      why: {
        zh: "没有名称的项目无法与预算对应，也无法在绩效评价中引用；导出合并单元格时常留下空白的名称单元格。",
        en: "A project without a name cannot be matched to the budget or cited in an evaluation; a merged cell exported blank often leaves the name cell empty.",
      },
      bad: "\t1.60\t1.60\t\t\t印制金融超市等平台宣传品……\t1、1-产出指标；…",
      good: "综合工作经费\t1.60\t1.60\t\t\t印制金融超市等平台宣传品……\t1、1-产出指标；…",
    },
    messages: {
      missing: { zh: "第 {line} 行的项目没有名称", en: "the project on line {line} has no name" },
    },
  },
  create(ctx) {
    return {
      project(p) {
        if (p.name.replace(INVISIBLE, "") !== "") return;
        ctx.report({ messageId: "missing", data: { line: p.line }, span: { line: p.line, column: 1, endLine: p.line, endColumn: 2 }, project: null });
      },
    };
  },
});
