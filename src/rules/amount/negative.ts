// amount/negative: no amount is negative.
import type { AmountRow, Unit } from "../../types.js";
import { MONEY_KEYS } from "../../types.js";
import { defineRule, type RuleContext } from "../types.js";
import { cellSpan, COLUMN_EN, COLUMN_ZH, eachAmountRow } from "./sums.js";

function checkRow(ctx: RuleContext, row: AmountRow | Unit, name: string, project: string | null): void {
  for (const column of MONEY_KEYS) {
    const value = row.amounts[column];
    if (value !== null && value.startsWith("-") && !/^-0*(\.0*)?$/.test(value)) {
      ctx.report({ messageId: "negative", data: { name, column, columnZh: COLUMN_ZH[column], columnEn: COLUMN_EN[column], value }, span: cellSpan(row, column), project });
    }
  }
}

export default defineRule({
  meta: {
    id: "amount/negative",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "金额不得为负数", en: "no amount is negative" },
      why: { zh: "预算安排的资金不可能为负数；负数通常是冲减或录入错误。", en: "Budgeted money cannot be negative; a negative amount is usually an offset or a typing error." },
      bad: "综合工作经费\t-1.60\t-1.60",
      good: "综合工作经费\t1.60\t1.60",
    },
    messages: {
      negative: { zh: "“{name}”的“{columnZh}”为负数：{value}", en: "“{name}” “{columnEn}” is negative: {value}" },
    },
  },
  create(ctx) {
    return eachAmountRow((row, name, project) => checkRow(ctx, row, name, project));
  },
});
