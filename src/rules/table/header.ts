// table/header: a header row is found; the required columns (name, total, goal, indicators) are
// present; unknown or repeated columns are reported (序号 and 备注 are known optional columns). Reported by the table reader.
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "table/header",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "表头含必需列（项目名称、总计、绩效目标、绩效指标），并报告无法识别的列", en: "the header has the required columns (name, total, goal, indicators); unknown columns are reported" },
      why: {
        zh: "列按表头名称识别；缺少必需列时无法核对金额或指标。别名：其它资金、单位资金 = 其他资金；财政专户管理资金 = 财政专户拨款。序号和备注两列也可识别（不报告，内容原样保留）；其他列报告为无法识别。",
        en: "Columns are found by their header names; without the required ones money and indicators cannot be checked. Aliases: 其它资金 / 单位资金 = 其他资金, 财政专户管理资金 = 财政专户拨款. The columns 序号 (row number) and 备注 (remarks) are known too (not reported, cells kept as they are); any other column is reported as unknown.",
      },
      bad: "项目名称\t总计\t财政拨款\t绩效指标",
      good: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
    },
    messages: {
      missingColumn: { zh: "表头缺少必需列：{columnZh}", en: "the header lacks a required column: {column}" },
      unknownColumn: { zh: "无法识别的列：{name}（内容将原样保留）", en: "unknown column: {name} (its cells are kept as they are)" },
      duplicateColumn: { zh: "重复的列：{name}（只使用第一列）", en: "repeated column: {name} (only the first one is used)" },
    },
  },
  create: () => ({}),
});
