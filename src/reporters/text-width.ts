// Display-width helpers for terminal output: Chinese and other full-width characters take two
// columns, combining marks none, so frames and tables line up by what the eye sees, not by length.
import stringWidth from "string-width";

/**
 * Width of one code point, learnt from string-width once and remembered: 1 or 2, or 255 when the
 * code point can combine with its neighbours (marks, joiners, selectors, emoji), so that only the
 * whole string can tell.
 */
const cpWidth = new Uint8Array(0x110000);
const COMBINING = /\p{M}|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f/u;

function codePointWidth(cp: number): number {
  let w = cpWidth[cp]!;
  if (w === 0) {
    const ch = String.fromCodePoint(cp);
    const single = stringWidth(ch);
    // Hangul vowel and final jamo join the syllable before them.
    const jamo = (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff);
    w = single === 0 || single > 2 || jamo || COMBINING.test(ch) || (cp >= 0xd800 && cp <= 0xdfff) ? 255 : single;
    cpWidth[cp] = w;
  }
  return w;
}

/** Columns a string takes on a terminal (ANSI colour codes ignored; East Asian wide = 2). */
export function displayWidth(text: string): number {
  // Fast path for plain text (ASCII, CJK): string-width is exact but slow per call.
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const w = codePointWidth(cp);
    if (w === 255) return stringWidth(text);
    width += w;
  }
  return width;
}

/** Pad on the right with spaces up to `width` display columns (never truncates). */
export function padEndDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Pad on the left with spaces up to `width` display columns (never truncates). */
export function padStartDisplay(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
}
