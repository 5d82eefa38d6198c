// Where a configuration or baseline file breaks JSON's syntax, and why, in words: V8's messages differ
// between Node.js versions, are English only, and on Node 20 some name no place at all. jsonc-parser
// (the parser of VS Code's settings files) finds the first error and its offset; this module says it
// in English and Chinese, with a hint for the usual slips (a comma after the last entry, text without
// double quotes, a line break inside a string). Called only after JSON.parse has failed.
import { createRequire } from "node:module";
import { placeOf } from "./errors.js";

/** jsonc-parser, loaded from node_modules when a file has a syntax error (not bundled: see build.mjs). */
const requireLazy = createRequire(import.meta.url);
type JsoncParser = typeof import("jsonc-parser");
let jsonc: JsoncParser | undefined;

/** Where a JSON text first breaks its syntax (line and code-point column), and why. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  en: string;
  zh: string;
}

interface Problem {
  offset: number;
  en: string;
  zh: string;
}

/** What the parser met first: its error (by name: the package's codes are a const enum), and where. */
interface Met {
  error: string;
  offset: number;
  length: number;
  /** The bracket that closes the object or array the error is in ("" at the top). */
  close: string;
}

/** The first syntax error of `text`, a JSON text that JSON.parse refused. */
export function jsonSyntaxError(text: string): JsonSyntaxError {
  const met = firstError(text);
  const problem = met === null ? { offset: 0, en: "not readable", zh: "无法解析" } : describe(text, met);
  return { ...placeOf(text, problem.offset), en: problem.en, zh: problem.zh };
}

function firstError(text: string): Met | null {
  const { printParseErrorCode, visit } = (jsonc ??= requireLazy("jsonc-parser") as JsoncParser);
  const open: string[] = [];
  let met: Met | null = null;
  visit(
    text,
    {
      onObjectBegin: () => void open.push("}"),
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => void open.push("]"),
      onArrayEnd: () => void open.pop(),
      onError: (error, offset, length) => {
        met ??= { error: printParseErrorCode(error), offset, length, close: open.at(-1) ?? "" };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return met;
}

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

/** A character as a message shows it: control characters as `\uXXXX`. */
function shown(text: string, at: number): string {
  const c = String.fromCodePoint(text.codePointAt(at)!);
  return c < " " ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
}

/** A bare word at `at` (`off`, `yes`, `x`), or undefined. */
function wordAt(text: string, at: number): string | undefined {
  return /^[A-Za-z_$][\w$-]*/.exec(text.slice(at, at + 64))?.[0];
}

function describe(text: string, met: Met): Problem {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  if (end === 0) return { offset: 0, en: "the file is empty", zh: "文件为空" };
  const at = met.offset;
  const c = text[at];
  const close = met.close;
  switch (met.error) {
    case "PropertyNameExpected":
    case "ValueExpected": {
      if (at >= end) return endsEarly(end);
      if (c === "}" || c === "]") {
        let before = at - 1;
        while (before >= 0 && isSpace(text[before])) before--;
        if (text[before] === ",") return { offset: at, en: `a comma before "${c}" (JSON allows none after the last entry)`, zh: `“${c}”前多了逗号（JSON 的最后一项后面不能有逗号）` };
      }
      return met.error === "PropertyNameExpected" ? nameExpected(text, at) : valueExpected(text, at);
    }
    case "InvalidSymbol":
      // Text after the whole value (outside every object and array, with something before it), or
      // a key or a value without its quotes.
      if (close === "" && text.slice(0, at).trim() !== "") return afterTheEnd(at);
      return expectsName(text, at, close) ? nameExpected(text, at) : valueExpected(text, at);
    case "EndOfFileExpected":
      return afterTheEnd(at);
    case "ColonExpected":
      if (at >= end) return endsEarly(end);
      return { offset: at, en: `expected ":" after the property name, found "${shown(text, at)}"`, zh: `属性名后应为“:”，而不是“${shown(text, at)}”` };
    case "CommaExpected":
    case "CloseBraceExpected":
    case "CloseBracketExpected":
    case "UnexpectedEndOfNumber": {
      // (A number cut short, `1.`, ends before its last character: the parser reads `1` and meets `.`.)
      const spot = met.error === "UnexpectedEndOfNumber" ? at + met.length - 1 : at;
      if (spot >= end) return endsEarly(end);
      const closing = close || (met.error === "CloseBracketExpected" ? "]" : "}");
      const missing = text[spot] === '"' || text[spot] === "{" || text[spot] === "[";
      const found = shown(text, spot);
      return {
        offset: spot,
        en: `expected "," or "${closing}", found "${found}"${missing ? " (a comma missing before it?)" : ""}`,
        zh: `此处应为“,”或“${closing}”，而不是“${found}”${missing ? "（前面缺少逗号？）" : ""}`,
      };
    }
    case "UnexpectedEndOfString":
    case "InvalidCharacter": {
      // The string from its opening quote at `at`: a control character in it, or no closing quote.
      for (let i = at + 1; i < text.length && text[i] !== '"'; i++) {
        if (text[i]! < " ") return { offset: i, en: "a line break or control character inside a string (write a line break as \\n)", zh: "字符串中有换行或控制字符（换行应写作 \\n）" };
        if (text[i] === "\\") i++;
      }
      return { offset: at, en: "a string that is never closed (no closing double quote)", zh: "字符串没有结束的双引号" };
    }
    case "InvalidEscapeCharacter":
    case "InvalidUnicode": {
      const escape = /\\(?:u(?![0-9a-fA-F]{4})[0-9a-fA-F]{0,3}|[^"\\/bfnrtu])/.exec(text.slice(at, at + met.length + 6));
      const spot = escape === null ? at : at + escape.index;
      const written = escape?.[0] ?? text.slice(at, at + 2);
      return { offset: spot, en: `an invalid escape "${written}" in a string`, zh: `字符串中的转义“${written}”无效` };
    }
    case "InvalidNumberFormat":
      return { offset: at, en: "not a valid number", zh: "不是有效的数字" };
    case "InvalidCommentToken":
    case "UnexpectedEndOfComment":
      return { offset: at, en: "a comment (JSON has none)", zh: "注释（JSON 不允许注释）" };
    default:
      return { offset: at, en: `unexpected "${shown(text, at)}"`, zh: `此处不应为“${shown(text, at)}”` };
  }
}

function endsEarly(end: number): Problem {
  return { offset: end, en: "the file ends before the JSON is complete", zh: "JSON 不完整：文件提前结束" };
}

function afterTheEnd(at: number): Problem {
  return { offset: at, en: "more text after the end of the JSON value", zh: "JSON 值结束后还有多余的内容" };
}

/** Whether a property name belongs at `at`: right after `{`, or after `,` in an object. */
function expectsName(text: string, at: number, close: string): boolean {
  let before = at - 1;
  while (before >= 0 && isSpace(text[before])) before--;
  return text[before] === "{" || (text[before] === "," && close === "}");
}

function nameExpected(text: string, at: number): Problem {
  const word = wordAt(text, at);
  if (word !== undefined) return { offset: at, en: `expected a property name in double quotes, found ${word} (write "${word}")`, zh: `此处应为带双引号的属性名，而不是 ${word}（应写作 "${word}"）` };
  return { offset: at, en: `expected a property name in double quotes, found "${shown(text, at)}"`, zh: `此处应为带双引号的属性名，而不是“${shown(text, at)}”` };
}

function valueExpected(text: string, at: number): Problem {
  const word = wordAt(text, at);
  if (word !== undefined) return { offset: at, en: `expected a value, found ${word} (text is written in double quotes: "${word}")`, zh: `此处应为一个值，而不是 ${word}（文字要加双引号："${word}"）` };
  return { offset: at, en: `expected a value, found "${shown(text, at)}"`, zh: `此处应为一个值，而不是“${shown(text, at)}”` };
}
