// amount/unit-rollup: each unit (资金使用单位) row equals the sum of its projects, per money column.
import { defineRule } from "../types.js";
import { cellSpan, checkUnitRollup, sumData } from "./sums.js";

export default defineRule({
  meta: {
    id: "amount/unit-rollup",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "每个资金使用单位的金额等于其下各项目之和（逐列）", en: "each unit equals the sum of its projects, per money column" },
      why: {
        zh: "单位行是其下各项目的小计；不相等说明有项目漏列、重复或金额填错。",
        en: "A unit row is the subtotal of its projects; a difference means a project is missing, repeated or mistyped.",
      },
      bad: "广州开发区金融工作服务中心\t1.60\t1.60\n综合工作经费\t1.50\t1.50\t\t\t…\t…",
      good: "广州开发区金融工作服务中心\t1.60\t1.60\n综合工作经费\t1.60\t1.60\t\t\t…\t…",
    },
    messages: {
      mismatch: {
        zh: "单位“{name}”的“{columnZh}”{expected} ≠ 各项目之和 {actual}，相差 {difference} {unit}",
        en: "unit “{name}” “{columnEn}” {expected} ≠ sum of projects {actual} (off by {difference} {unit})",
      },
    },
  },
  create(ctx) {
    return {
      unit(u, doc) {
        for (const c of checkUnitRollup(u)) {
          if (c.verdict === "mismatch") ctx.report({ messageId: "mismatch", data: sumData(c, u.name ?? "", doc.moneyUnit), span: cellSpan(u, c.column) });
        }
      },
    };
  },
});
