// File-system error codes in words: messages say "a loop of symbolic links (ELOOP)", not "ELOOP".

/** Each code's reason: [English, Chinese]. */
const REASONS: Record<string, [string, string]> = {
  ENOENT: ["no such file or folder", "文件或文件夹不存在"],
  ENOTDIR: ["a part of the path is not a folder", "路径中有一部分不是文件夹"],
  EISDIR: ["is a folder", "这是一个文件夹"],
  EACCES: ["permission denied", "没有权限"],
  EPERM: ["permission denied", "没有权限"],
  ELOOP: ["a loop of symbolic links", "符号链接循环"],
  ENAMETOOLONG: ["the name is too long", "名称过长"],
  ENOSPC: ["no space left on the device", "设备空间不足"],
  EDQUOT: ["disk quota exceeded", "超出磁盘配额"],
  EROFS: ["read-only file system", "只读文件系统"],
  EMFILE: ["too many open files", "打开的文件过多"],
  ENFILE: ["too many open files", "打开的文件过多"],
  EIO: ["input/output error", "输入/输出错误"],
  ENXIO: ["no such device", "没有该设备"],
  EBUSY: ["the file is busy", "文件正忙"],
  EAGAIN: ["not ready (try again)", "暂不可用（请重试）"],
  EINVAL: ["invalid argument", "参数无效"],
};

/** The reason of a failed file operation in words, with its code: `no space left on the device (ENOSPC)`. */
export function errnoReason(error: unknown, lang: "zh" | "en" = "en"): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") return error instanceof Error ? error.message : String(error);
  const reason = REASONS[code];
  if (reason === undefined) return code;
  return lang === "zh" ? `${reason[1]}（${code}）` : `${reason[0]} (${code})`;
}

/** 1-based line and code-point column of a UTF-16 offset in `text` (lines end at \n). */
function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const start = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  let column = 1;
  for (const _ of before.slice(start)) column++;
  return { line, column };
}

/** Where a JSON text first breaks its syntax, and why, in English and Chinese. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  en: string;
  zh: string;
}

/**
 * The first syntax error of a JSON text that JSON.parse refused: its line and column (code points)
 * and the reason in words, the same on every Node.js (V8's messages differ between versions, are in
 * English only, and on Node 20 some name no place at all). Called only after JSON.parse failed.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError {
  const problem = firstJsonProblem(text) ?? { offset: 0, en: "not readable", zh: "无法解析" };
  return { ...placeOf(text, problem.offset), en: problem.en, zh: problem.zh };
}

interface JsonProblem {
  offset: number;
  en: string;
  zh: string;
}

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A scan of the text as JSON: null when it is valid. */
function firstJsonProblem(text: string): JsonProblem | null {
  const n = text.length;
  let i = 0;
  const open: string[] = [];
  let want: "value" | "key" | "after" = "value";
  let afterComma = false;
  const shown = (at: number) => {
    const c = String.fromCodePoint(text.codePointAt(at)!);
    return c < " " ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
  };
  const ended = (): JsonProblem => {
    let end = n;
    while (end > 0 && isSpace(text[end - 1])) end--;
    if (end === 0) return { offset: 0, en: "the file is empty", zh: "文件为空" };
    return { offset: end, en: "the file ends before the JSON is complete", zh: "JSON 不完整：文件提前结束" };
  };
  for (;;) {
    while (i < n && isSpace(text[i])) i++;
    if (want === "after" && open.length === 0) return i < n ? { offset: i, en: "more text after the end of the JSON value", zh: "JSON 值结束后还有多余的内容" } : null;
    if (i >= n) return ended();
    const c = text[i]!;
    if (want === "after") {
      const close = open[open.length - 1] === "{" ? "}" : "]";
      if (c === close) {
        open.pop();
        i++;
      } else if (c === ",") {
        i++;
        want = close === "}" ? "key" : "value";
        afterComma = true;
        continue;
      } else {
        const missing = c === '"' || c === "{" || c === "[";
        return {
          offset: i,
          en: missing ? `expected "," or "${close}", found "${shown(i)}" (a comma missing before it?)` : `expected "," or "${close}", found "${shown(i)}"`,
          zh: missing ? `此处应为“,”或“${close}”，而不是“${shown(i)}”（前面缺少逗号？）` : `此处应为“,”或“${close}”，而不是“${shown(i)}”`,
        };
      }
      continue;
    }
    if (afterComma && (c === "}" || c === "]")) return { offset: i, en: `a comma before "${c}" (JSON allows none after the last entry)`, zh: `“${c}”前多了逗号（JSON 的最后一项后面不能有逗号）` };
    afterComma = false;
    if (want === "key") {
      if (c !== '"') {
        const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i, i + 64))?.[0];
        if (word !== undefined) return { offset: i, en: `expected a property name in double quotes, found ${word} (write "${word}")`, zh: `此处应为带双引号的属性名，而不是 ${word}（应写作 "${word}"）` };
        return { offset: i, en: `expected a property name in double quotes, found "${shown(i)}"`, zh: `此处应为带双引号的属性名，而不是“${shown(i)}”` };
      }
      const bad = scanString();
      if (bad) return bad;
      while (i < n && isSpace(text[i])) i++;
      if (i >= n) return ended();
      if (text[i] !== ":") return { offset: i, en: `expected ":" after the property name, found "${shown(i)}"`, zh: `属性名后应为“:”，而不是“${shown(i)}”` };
      i++;
      want = "value";
      continue;
    }
    // A value.
    if (c === "{" || c === "[") {
      open.push(c);
      i++;
      while (i < n && isSpace(text[i])) i++;
      if (text[i] === (c === "{" ? "}" : "]")) {
        open.pop();
        i++;
        want = "after";
      } else want = c === "{" ? "key" : "value";
      continue;
    }
    if (c === '"') {
      const bad = scanString();
      if (bad) return bad;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return { offset: i, en: "not a valid number", zh: "不是有效的数字" };
      i = NUMBER.lastIndex;
    } else {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 64))?.[0];
      if (word === "true" || word === "null" || word === "false") i += word.length;
      else if (word !== undefined)
        return { offset: i, en: `expected a value, found ${word} (text is written in double quotes: "${word}")`, zh: `此处应为一个值，而不是 ${word}（文字要加双引号："${word}"）` };
      else return { offset: i, en: `expected a value, found "${shown(i)}"`, zh: `此处应为一个值，而不是“${shown(i)}”` };
    }
    want = "after";
  }

  /** A string from its opening quote at i; i is then after its closing quote. */
  function scanString(): JsonProblem | null {
    const start = i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return null;
      }
      if (c < " ") return { offset: i, en: "a line break or control character inside a string (write a line break as \\n)", zh: "字符串中有换行或控制字符（换行应写作 \\n）" };
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u" ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : e === undefined || !'"\\/bfnrt'.includes(e)) {
          const escape = text.slice(i, e === "u" ? i + 6 : i + 2);
          return { offset: i, en: `an invalid escape "${escape}" in a string`, zh: `字符串中的转义“${escape}”无效` };
        }
        i += e === "u" ? 6 : 2;
        continue;
      }
      i++;
    }
    return { offset: start, en: "a string that is never closed (no closing double quote)", zh: "字符串没有结束的双引号" };
  }
}
