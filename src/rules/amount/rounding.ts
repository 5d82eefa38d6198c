// amount/rounding: a row sum or roll-up that is off by no more than the rounding of its parts
// (0.005 × summands in the table's unit). Reported instead of the three sum errors.
import { defineRule } from "../types.js";
import { cellSpan, checkRowSum, checkUnitRollup, type SumCheck, sumData, TotalAccumulator } from "./sums.js";

const LEVEL_ZH = { row: "资金来源之和", unit: "各项目之和", total: "各单位之和" } as const;
const LEVEL_EN = { row: "sum of funding sources", unit: "sum of projects", total: "sum of units" } as const;

function data(c: SumCheck, name: string, unit: string | null) {
  return { ...sumData(c, name, unit), levelZh: LEVEL_ZH[c.level], level: LEVEL_EN[c.level], summands: c.summands };
}

export default defineRule({
  meta: {
    id: "amount/rounding",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "合计或小计与明细之和有差额，但不超过四舍五入误差", en: "a sum off by no more than the rounding of its parts" },
      why: {
        zh: "公开表格逐格四舍五入到 0.01，合计可能与明细之和相差若干个 0.01；这不是错误，但值得核对。",
        en: "Disclosure tables round every cell to 0.01 separately, so a total may differ from the sum of its parts by a few hundredths: not an error, but worth a look.",
      },
      bad: "合计\t3.34\t3.34\n项目甲\t1.67\t1.67\t\t\t…\t…\n项目乙\t1.66\t1.66\t\t\t…\t…",
      good: "合计\t3.33\t3.33\n项目甲\t1.67\t1.67\t\t\t…\t…\n项目乙\t1.66\t1.66\t\t\t…\t…",
    },
    messages: {
      rounding: {
        zh: "“{name}”的“{columnZh}”{expected} 与{levelZh} {actual} 相差 {difference} {unit}，在 {summands} 项的舍入误差之内",
        en: "“{name}” “{columnEn}” {expected} differs from the {level} {actual} by {difference} {unit}, within rounding ({summands} summed)",
      },
    },
  },
  create(ctx) {
    const acc = new TotalAccumulator();
    const report = (checks: SumCheck[], row: Parameters<typeof cellSpan>[0], name: string, project: string | null, unit: string | null) => {
      for (const c of checks) {
        if (c.verdict === "rounding") ctx.report({ messageId: "rounding", data: data(c, name, unit), span: cellSpan(row, c.column), project });
      }
    };
    return {
      total: (row, doc) => report(checkRowSum(row), row, "合计", null, doc.moneyUnit),
      project: (p, _u, doc) => report(checkRowSum(p), p, p.name, p.name, doc.moneyUnit),
      unit(u, doc) {
        acc.add(u);
        if (u.line === null) return;
        report(checkRowSum(u), u, u.name ?? "", null, doc.moneyUnit);
        report(checkUnitRollup(u), u, u.name ?? "", null, doc.moneyUnit);
      },
      unitElsewhere: (u) => acc.add(u),
      tableEnd(doc) {
        if (doc.total) report(acc.check(doc), doc.total, "合计", null, doc.moneyUnit);
      },
    };
  },
});
