// amount/format: every money cell is a number — digits, correctly grouped thousands separators,
// optional decimals. The reader keeps the raw text and leaves the amount null when it is not.
import type { AmountRow, MoneyKey, Unit } from "../../types.js";
import { MONEY_KEYS } from "../../types.js";
import { defineRule, type RuleContext } from "../types.js";
import { cellSpan, COLUMN_EN, COLUMN_ZH, eachAmountRow } from "./sums.js";

function checkRow(ctx: RuleContext, row: AmountRow | Unit, name: string, project: string | null): void {
  const raw = row.amountsRaw;
  if (raw === undefined) return;
  for (const column of MONEY_KEYS as MoneyKey[]) {
    const text = raw[column];
    if (text !== null && row.amounts[column] === null) {
      ctx.report({ messageId: "notNumber", data: { name, column, columnZh: COLUMN_ZH[column], columnEn: COLUMN_EN[column], text }, span: cellSpan(row, column), project });
    }
  }
}

export default defineRule({
  meta: {
    id: "amount/format",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "金额为有效数字：由数字组成，千位分隔符位置正确，可带小数", en: "every amount is a number: digits, correctly grouped thousands separators, optional decimals" },
      why: {
        zh: "不是数字的金额无法汇总核对，往往是录入或导出错误（如 1,23.00、13 000、约500）。",
        en: "An amount that is not a number cannot be added up; it is usually a typing or export error (1,23.00, 13 000, 约500).",
      },
      bad: "金融交流专项经费\t7,0.00\t70.00",
      good: "金融交流专项经费\t70.00\t70.00",
    },
    messages: {
      notNumber: {
        zh: "“{name}”的“{columnZh}”不是有效金额：{text}",
        en: "“{name}” “{columnEn}” is not a valid amount: {text}",
      },
    },
  },
  create(ctx) {
    return eachAmountRow((row, name, project) => checkRow(ctx, row, name, project));
  },
});
