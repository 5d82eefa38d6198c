// Tests of the escaping helpers: terminal text, XML, GitHub workflow commands and Markdown.
import { describe, expect, it } from "vitest";
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeJsonForTerminal,
  escapeMarkdown,
  escapeXml,
  sanitizeChar,
  sanitizeText,
} from "../../src/reporters/sanitize.js";

describe("sanitizeText", () => {
  it("turns escape sequences and control characters into visible text", () => {
    expect(sanitizeText("\u001b[2Jclear")).toBe("\\u001b[2Jclear");
    expect(sanitizeText("bell\u0007")).toBe("bell\\u0007");
    expect(sanitizeText("a\nb\rc")).toBe("a\\u000ab\\u000dc");
    expect(sanitizeText("c1\u009bx\u007f")).toBe("c1\\u009bx\\u007f");
  });

  it("makes bidi controls and invisible separators visible", () => {
    expect(sanitizeText("abc\u200fdef")).toBe("abc\\u200fdef");
    expect(sanitizeText("\u202eevil\u2066")).toBe("\\u202eevil\\u2066");
    expect(sanitizeText("\ufeffBOM")).toBe("\\ufeffBOM");
    // Noncharacters that XML 1.0 cannot hold: shown, not dropped by the junit and html reports.
    expect(sanitizeText("a\ufffeb\uffff")).toBe("a\\ufffeb\\uffff");
  });

  it("keeps Chinese text, full-width punctuation and ≥ as they are, tabs as spaces", () => {
    expect(sanitizeText("保险赔付率；实施周期指标值:≥0%")).toBe("保险赔付率；实施周期指标值:≥0%");
    expect(sanitizeText("名称\t总计")).toBe("名称 总计");
  });

  it("maps one code point at a time", () => {
    expect(sanitizeChar("保")).toBe("保");
    expect(sanitizeChar("\u0000")).toBe("\\u0000");
    expect(sanitizeChar("😀")).toBe("😀");
  });
});

describe("escapeXml", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe(
      "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;",
    );
  });

  it("removes characters that XML 1.0 does not allow", () => {
    expect(escapeXml("a\u0000b\u001bc\u0007d\ufffee\uffff")).toBe("abcde");
    expect(escapeXml("lone\ud800surrogate")).toBe("lonesurrogate");
    expect(escapeXml("😀 ok")).toBe("😀 ok");
  });

  it("keeps line breaks in text and encodes them in attributes", () => {
    expect(escapeXml("a\nb\tc")).toBe("a\nb\tc");
    expect(escapeXml("a\nb\tc\r", true)).toBe("a&#10;b&#9;c&#13;");
  });
});

describe("GitHub workflow command escaping", () => {
  it("escapes %, CR and LF in data", () => {
    expect(escapeGithubData("100%\r\n::error::x")).toBe("100%25%0D%0A::error::x");
  });

  it("also escapes : and , in properties", () => {
    expect(escapeGithubProperty("a,b:c%\n")).toBe("a%2Cb%3Ac%25%0A");
  });
});

describe("escapeMarkdown", () => {
  it("neutralises HTML, table pipes and emphasis", () => {
    expect(escapeMarkdown("<script>|*x*_`y`")).toBe("&lt;script&gt;\\|\\*x\\*\\_\\`y\\`");
    expect(escapeMarkdown("a & b")).toBe("a &amp; b");
  });

  it("makes control characters visible", () => {
    expect(escapeMarkdown("\u001b[2J")).toBe("\\\\u001b\\[2J");
  });
});

describe("the fast paths of sanitizeText and escapeXml", () => {
  // Every BMP code unit (lone surrogates included) and a few astral characters, alone and in text:
  // the shortcut for text with nothing to change must agree with the character-by-character rules.
  const units = Array.from({ length: 0x10000 }, (_, cp) => String.fromCharCode(cp));
  const samples = [...units, "😀", "𠀀", "\ud83d\ude00\u0007", "a\ud800b"];

  it("sanitizeText equals sanitizeChar applied to each code point", () => {
    for (const ch of samples) {
      const text = `名称${ch}x`;
      expect(sanitizeText(text)).toBe(Array.from(text, sanitizeChar).join(""));
    }
  });

  it("escapeXml escapes the five specials, drops what XML cannot hold and keeps the rest", () => {
    const reference = (text: string, attribute: boolean): string =>
      Array.from(text, (ch) => {
        const cp = ch.codePointAt(0)!;
        const allowed = cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
        if (!allowed) return "";
        const entity = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" }[ch];
        if (entity !== undefined) return entity;
        return attribute && (cp === 9 || cp === 10 || cp === 13) ? `&#${cp};` : ch;
      }).join("");
    for (const ch of samples) {
      const text = `项目${ch}y`;
      expect(escapeXml(text)).toBe(reference(text, false));
      expect(escapeXml(text, true)).toBe(reference(text, true));
    }
  });
});

describe("escapeJsonForTerminal", () => {
  it("writes DEL, C1 and bidi controls as \\uXXXX escapes: the same JSON value, nothing a terminal acts on", () => {
    const value = { name: "a\u007fb\u009b31m\u0085c\u202e\u2066d\u200f", other: "保险赔付率 ≥0%" };
    const json = escapeJsonForTerminal(JSON.stringify(value));
    expect(json).toBe('{"name":"a\\u007fb\\u009b31m\\u0085c\\u202e\\u2066d\\u200f","other":"保险赔付率 ≥0%"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
