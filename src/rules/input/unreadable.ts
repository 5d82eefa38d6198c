// input/unreadable: the file could not be read as a performance table at all (missing, empty,
// binary, undecodable, no table in it). Reported by the reader, not by a listener.
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "input/unreadable",
    defaultSeverity: "error",
    docs: {
      summary: { zh: "文件无法作为绩效目标表读取", en: "the file cannot be read as a performance table" },
      why: {
        zh: "文件不存在、为空、是二进制文件或不含绩效目标表时无法检查，必须告知提交者。",
        en: "A missing, empty or binary file, or one without a performance table, cannot be checked; the submitter must know.",
      },
      bad: "%PDF-1.7\n%âãÏÓ\n1 0 obj …",
      good: "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
    },
    messages: {
      notFound: { zh: "文件不存在：{path}", en: "file not found: {path}" },
      badName: {
        zh: "无法打开 {path}：文件名不是有效的 UTF-8（显示为 \ufffd 的字节），请重命名该文件",
        en: "cannot open {path}: its name is not valid UTF-8 (the bytes shown as \ufffd): rename the file",
      },
      isDirectory: { zh: "该路径是目录，不是文件：{path}", en: "is a directory, not a file: {path}" },
      permission: { zh: "无权读取文件：{path}", en: "permission denied: {path}" },
      ioError: { zh: "无法读取文件：{reasonZh}", en: "cannot read the file: {reason}" },
      empty: { zh: "文件为空", en: "the file is empty" },
      binary: { zh: "文件是二进制数据（{kindZh}），不是文本表格", en: "the file is binary data ({kind}), not a text table" },
      undecodable: { zh: "无法按 {encoding} 解码文件", en: "the file cannot be decoded as {encoding}" },
      noTableNotUtf8: {
        zh: "文件中没有绩效目标表：它不是有效的 UTF-8（第 {line} 行第 {column} 列的字节 {byte}），按 GB18030 读取也找不到表头",
        en: "no performance table in the file: it is not valid UTF-8 (byte {byte} at line {line}, column {column}), and read as GB18030 it has no header row",
      },
      undecodableAt: { zh: "文件不是有效的 {encoding}：第 {line} 行第 {column} 列的字节 {byte} 无法解码", en: "the file is not valid {encoding}: byte {byte} at line {line}, column {column} cannot be decoded" },
      noTable: {
        zh: "文件中没有绩效目标表（未找到含“项目名称”“总计”“绩效目标”“绩效指标”的表头行）",
        en: "no performance table in the file (no header row with 项目名称, 总计, 绩效目标 and 绩效指标)",
      },
      noTableWithin: {
        zh: "文件中没有绩效目标表（到第 {line} 行仍未找到含“项目名称”“总计”“绩效目标”“绩效指标”的表头行，其后未再读取）",
        en: "no performance table in the file (no header row with 项目名称, 总计, 绩效目标 and 绩效指标 by line {line}; the rest was not read)",
      },
      noTableOnSheet: {
        zh: "工作表“{sheet}”中没有绩效目标表（未找到含“项目名称”“总计”“绩效目标”“绩效指标”的表头行）",
        en: "no performance table on sheet {sheet} (no header row with 项目名称, 总计, 绩效目标 and 绩效指标)",
      },
      noTableWithinSheet: {
        zh: "工作表“{sheet}”中没有读到绩效目标表：到第 {line} 行仍未找到含“项目名称”“总计”“绩效目标”“绩效指标”的表头行，其后未再读取（表头前的非空行超过 1000 行：请删除表头上方的行，或将表格移到工作表顶部）",
        en: "no performance table read on sheet {sheet}: no header row with 项目名称, 总计, 绩效目标 and 绩效指标 by row {line}, and the rest of the sheet was not read (more than 1,000 rows with text above a header: delete them, or move the table to the top of the sheet)",
      },
      xls: {
        zh: "不支持旧版二进制 .xls 格式：请在 Excel 或 LibreOffice 中另存为 .xlsx 或“Unicode 文本”（.txt）后再检查",
        en: "old binary .xls files are not supported: save it as .xlsx or as Unicode text (.txt) in Excel or LibreOffice, then check that",
      },
    },
  },
  create: () => ({}),
});
