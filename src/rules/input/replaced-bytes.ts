// input/replaced-bytes: decoding replaced bytes of the file by U+FFFD (bytes that are not valid
// GB18030, a lone UTF-16 surrogate, a character cut off at the end). Reported by the reader, once per
// file, at the first replacement character, with their count (see io/replaced.ts).
import { defineRule } from "../types.js";

export default defineRule({
  meta: {
    id: "input/replaced-bytes",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "解码时有字节被替换为 �（文件不是有效的 GB18030 或 UTF-16）", en: "decoding replaced bytes by � (the file is not valid GB18030 or UTF-16)" },
      why: {
        zh: "无效字节会被直接替换为 � 而不提示：项目名称、金额或指标可能已经损坏，而检查结果看起来一切正常。请按原始编码重新导出文件。",
        en: "Invalid bytes are silently replaced by �: a project name, an amount or an indicator may be garbled while the check looks clean. Export the file again in its encoding.",
      },
      bad: "科技企业研发\\xFF补助资金 → 科技企业研发�补助资金",
      good: "科技企业研发补助资金",
    },
    messages: {
      replaced: {
        zh: "文件中有无效的 {encoding} 字节，已替换为 �（共 {count} 处，第一处在此，字节偏移 {offset}）：文本可能已损坏",
        en: "bytes that are not valid {encoding} were replaced by � ({count} in the file, the first here, at byte {offset}): the text may be garbled",
      },
    },
  },
  create: () => ({}),
});
