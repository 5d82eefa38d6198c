// Makes table text safe to print: control characters, terminal escape sequences and bidi controls
// become visible `\uXXXX` escapes (a table must not drive the user's terminal), plus XML escaping.

/**
 * Code points that must never reach a terminal, a CI log or an XML file as they are: C0 controls
 * (tab is handled apart), DEL, C1 controls, bidi controls (Trojan Source), invisible separators and
 * the byte order mark, and the noncharacters U+FFFE and U+FFFF (which XML 1.0 cannot hold: shown,
 * not dropped, in the junit and html reports).
 */
function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200b ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0xfffe ||
    cp === 0xffff ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/** `\u001b` for ESC: how an unsafe code point is shown. */
function escapeCodePoint(cp: number): string {
  return `\\u${cp.toString(16).padStart(4, "0")}`;
}

/**
 * The text of one code point (a one-character string) as it may be shown on a terminal: itself,
 * a space for a tab, or a visible `\uXXXX` escape for anything unsafe.
 */
export function sanitizeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x09) return " ";
  return isUnsafeCodePoint(cp) ? escapeCodePoint(cp) : ch;
}

/**
 * One line of text as it may be printed: tabs become spaces; escape sequences, other control
 * characters (including line breaks) and bidi controls become visible `\uXXXX` escapes, so
 * `"\u001b[2J"` prints as the harmless text `\u001b[2J`.
 */
export function sanitizeText(text: string): string {
  // Most text has nothing to change: return it as it is rather than rebuilt a character at a time.
  return MAY_NEED_SANITIZING.test(text) ? sanitizeEach(text) : text;
}

/** How a line break inside a name (a spreadsheet cell's Alt+Enter) is shown in the reports people read. */
export const LINE_BREAK_MARK = "\u23ce"; // ⏎

/**
 * Text of a table (a department, unit or project name, a message that quotes one) as the reports
 * people read show it (pretty, summary, github, junit, audit table and html): as sanitizeText, but a line break
 * inside it (LF or CRLF: a spreadsheet cell typed over two lines) is one LINE_BREAK_MARK, readable and
 * still on one line. A lone CR stays escaped (`\u000d`: a terminal would go back to the line's start),
 * as does every other control character. The data formats keep the text exactly.
 */
export function displayText(text: string): string {
  if (!MAY_NEED_SANITIZING.test(text)) return text;
  return sanitizeText(text.indexOf("\n") === -1 ? text : text.replace(/\r?\n/g, LINE_BREAK_MARK));
}

/**
 * A character sanitizeChar may change: tab and every unsafe code point, and any surrogate (a pair
 * is safe, but is left to the careful path).
 */
const MAY_NEED_SANITIZING = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/;

function sanitizeEach(text: string): string {
  let out = "";
  for (const ch of text) out += sanitizeChar(ch);
  return out;
}

/** Whether a code point may appear in an XML 1.0 document. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Text for XML element content or an attribute value: `& < > " '` escaped, characters illegal in
 * XML 1.0 removed, and (for attributes) tab / line breaks kept as character references so they
 * survive attribute-value normalisation.
 */
export function escapeXml(text: string, attribute = false): string {
  return MAY_NEED_XML_ESCAPING.test(text) ? escapeXmlEach(text, attribute) : text;
}

/** A character escapeXml may change or drop (surrogates, even in pairs, take the careful path). */
const MAY_NEED_XML_ESCAPING = /[&<>"'\t\n\r]|[^\x20-\ud7ff\ue000-\ufffd]/;

function escapeXmlEach(text: string, attribute: boolean): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isXmlChar(cp)) continue;
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case "'":
        out += "&apos;";
        break;
      case "\t":
      case "\n":
      case "\r":
        out += attribute ? `&#${cp};` : ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Data of a GitHub workflow command (the message after `::`): `%`, CR and LF escaped. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value of a GitHub workflow command: as data, plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Text for a Markdown table cell (GitHub-flavoured): unsafe characters made visible, HTML
 * special characters as entities, Markdown punctuation backslash-escaped and `|` escaped.
 */
export function escapeMarkdown(text: string): string {
  return sanitizeText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

// DEL, C1 controls and bidirectional formatting characters: valid inside JSON strings (which
// JSON.stringify leaves raw), but a terminal would act on them (C0 controls are always escaped by
// JSON.stringify). They never occur outside strings in JSON, so escaping them everywhere is safe.
const JSON_UNSAFE_FOR_TERMINAL = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with DEL, C1 controls and bidi controls written as `\uXXXX` escapes (same JSON value). */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE_FOR_TERMINAL, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
