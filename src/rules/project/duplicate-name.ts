// project/duplicate-name: two projects with the same name under one unit (reported on the repeats).
import { defineRule } from "../types.js";
import { projectSpan } from "../indicator/util.js";

export default defineRule({
  meta: {
    id: "project/duplicate-name",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "同一资金使用单位下有两个同名项目", en: "two projects with the same name under one unit" },
      why: {
        zh: "同名项目通常是重复录入，会使单位小计重复计算资金，也让审核者无法区分两个项目。",
        en: "Two projects of one name are usually a double entry: the unit's total counts the money twice and reviewers cannot tell the projects apart.",
      },
      bad: "综合工作经费\t1.60\t1.60\t\t\t…\t…\n综合工作经费\t1.60\t1.60\t\t\t…\t…",
      good: "综合工作经费\t1.60\t1.60\t\t\t…\t…\n宣传工作经费\t1.60\t1.60\t\t\t…\t…",
    },
    messages: {
      duplicate: {
        zh: "项目名称“{name}”与第 {firstLine} 行的项目重复",
        en: "project name “{name}” repeats the project on line {firstLine}",
      },
    },
  },
  create(ctx) {
    return {
      unit(u) {
        const seen = new Map<string, number>();
        for (const p of u.projects) {
          const first = seen.get(p.name);
          if (first === undefined) {
            seen.set(p.name, p.line);
            continue;
          }
          ctx.report({
            messageId: "duplicate",
            data: { name: p.name, firstLine: first },
            span: projectSpan(p),
            project: p.name,
          });
        }
      },
    };
  },
});
