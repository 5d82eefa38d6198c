// amount/total-rollup: the 合计 row equals the sum of the units (or of the projects when the table
// has no unit rows), per money column. Accumulates as units stream by.
import { defineRule } from "../types.js";
import { cellSpan, sumData, TotalAccumulator } from "./sums.js";

export default defineRule({
  meta: {
    id: "amount/total-rollup",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "合计等于各单位（无单位行时为各项目）之和（逐列）", en: "合计 equals the sum of the units (or of the projects without unit rows), per column" },
      why: {
        zh: "合计是部门公开的项目支出总额；与明细不符说明明细缺漏或合计有误。",
        en: "合计 is the department's published project spending; when it differs from the detail, a row is missing or the total is wrong.",
      },
      bad: "合计\t15,812.52\t15,812.52\n广州开发区金融工作局\t15,810.92\t15,810.92\n广州开发区金融工作服务中心\t0.60\t0.60",
      good: "合计\t15,812.52\t15,812.52\n广州开发区金融工作局\t15,810.92\t15,810.92\n广州开发区金融工作服务中心\t1.60\t1.60",
    },
    messages: {
      mismatchUnits: {
        zh: "合计行的“{columnZh}”{expected} ≠ 各单位之和 {actual}，相差 {difference} {unit}",
        en: "total “{columnEn}” {expected} ≠ sum of units {actual} (off by {difference} {unit})",
      },
      mismatchProjects: {
        zh: "合计行的“{columnZh}”{expected} ≠ 各项目之和 {actual}，相差 {difference} {unit}",
        en: "total “{columnEn}” {expected} ≠ sum of projects {actual} (off by {difference} {unit})",
      },
    },
  },
  create(ctx) {
    const acc = new TotalAccumulator();
    return {
      unit: (u) => acc.add(u),
      unitElsewhere: (u) => acc.add(u),
      tableEnd(doc) {
        const messageId = acc.ofUnits ? "mismatchUnits" : "mismatchProjects";
        for (const c of acc.check(doc)) {
          if (c.verdict === "mismatch") ctx.report({ messageId, data: sumData(c, "合计", doc.moneyUnit), span: cellSpan(doc.total!, c.column) });
        }
      },
    };
  },
});
