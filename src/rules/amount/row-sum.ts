// amount/row-sum: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 on every row (合计, units, projects).
import type { AmountRow, TableDocument, Unit } from "../../types.js";
import { defineRule, type RuleContext } from "../types.js";
import { cellSpan, checkRowSum, sumData, eachAmountRow } from "./sums.js";

function checkRow(ctx: RuleContext, row: AmountRow | Unit, name: string, project: string | null, doc: TableDocument): void {
  for (const c of checkRowSum(row)) {
    if (c.verdict !== "mismatch") continue;
    ctx.report({ messageId: "mismatch", data: sumData(c, name, doc.moneyUnit), span: cellSpan(row, "total"), project });
  }
}

export default defineRule({
  meta: {
    id: "amount/row-sum",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "每行总计等于财政拨款、财政专户拨款与其他资金之和", en: "on every row, 总计 equals 财政拨款 + 财政专户拨款 + 其他资金" },
      why: {
        zh: "总计与资金来源不符说明表中至少有一个数填错了，预算公开数据因此不可信。",
        en: "A total that differs from its funding sources means at least one number is wrong, and the published budget cannot be trusted.",
      },
      bad: "金融交流专项经费\t70.00\t60.00\t\t5.00",
      good: "金融交流专项经费\t70.00\t65.00\t\t5.00",
    },
    messages: {
      mismatch: {
        zh: "“{name}”的总计 {expected} ≠ 财政拨款、财政专户拨款与其他资金之和 {actual}，相差 {difference} {unit}",
        en: "“{name}” total {expected} ≠ appropriation + special account + other {actual} (off by {difference} {unit})",
      },
    },
  },
  create(ctx) {
    return eachAmountRow((row, name, project, doc) => checkRow(ctx, row, name, project, doc));
  },
});
