// table/preamble: the title, 部门名称 and 单位 lines are present and the money unit is 万元 or 元 (and
// no number format of an .xlsx money cell names another). Reported by the table reader.
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "table/preamble",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "表前有标题、部门名称和金额单位，金额单位为万元或元", en: "title, 部门名称 and 单位 are present; the unit is 万元 or 元" },
      why: {
        zh: "没有部门名称，无法确定表格属于哪个部门；没有金额单位，所有金额都可能相差一万倍。.xlsx 中金额单元格的数字格式若显示另一金额单位（如以万元为单位的表中显示“12.50元”），该金额按表格的金额单位读取，与所显示的单位不符。",
        en: "Without 部门名称 the table belongs to nobody; without a money unit every amount may be off by a factor of 10,000. An .xlsx amount whose number format shows another unit (12.50元 in a 万元 table) is read in the table's unit while it says another.",
      },
      bad: "项目支出绩效目标表\n项目名称\t总计\t…",
      good: "项目支出绩效目标表\n部门名称：广州开发区金融工作局\n单位：万元\n项目名称\t总计\t…",
    },
    messages: {
      missingTitle: { zh: "表格缺少标题（如“项目支出绩效目标表”）", en: "the table has no title (such as 项目支出绩效目标表)" },
      missingDepartment: { zh: "表格缺少“部门名称：”行", en: "the table has no 部门名称 line" },
      missingMoneyUnit: { zh: "表格缺少“单位：万元”或“单位：元”行", en: "the table has no money unit line (单位：万元 or 单位：元)" },
      unknownMoneyUnit: { zh: "金额单位应为万元或元，而不是“{unit}”", en: "the money unit should be 万元 or 元, not “{unit}”" },
      conflictingMoneyUnit: {
        zh: "表前有两个不同的金额单位：先是“{unit}”，这里又是“{other}”；金额按“{unit}”读取",
        en: "the table gives two money units: “{unit}” first, then “{other}” here; the amounts are read in “{unit}”",
      },
      formatMoneyUnit: {
        zh: "金额单元格的数字格式显示金额单位“{other}”（本表共 {count} 个单元格，第一个在此），而表格的金额单位为“{unit}”：金额按所显示的数字、以“{unit}”为单位读取",
        en: "the number format of money cells shows the unit “{other}” ({count} cells in this table, the first here), but the table's unit is “{unit}”: the amounts are read as the numbers shown, in “{unit}”",
      },
      noHeader: {
        zh: "自第 {from} 行（结束上一表格的标题或部门名称行）至第 {to} 行没有表头行（项目名称、总计……）：文件其余部分未读取",
        en: "no header row (项目名称, 总计, …) in lines {from}–{to}, after the title or 部门名称 line that ended the table before: the rest of the file was not read",
      },
    },
  },
  create: () => ({}),
});
