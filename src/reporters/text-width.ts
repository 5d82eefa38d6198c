// Display-width helpers for terminal output: Chinese and other full-width characters take two
// columns, combining marks none, so frames and tables line up by what the eye sees, not by length.
import stringWidth from "string-width";

/** Columns a string takes on a terminal (ANSI colour codes ignored; East Asian wide = 2). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pad on the right with spaces up to `width` display columns (never truncates). */
export function padEndDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Pad on the left with spaces up to `width` display columns (never truncates). */
export function padStartDisplay(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
}
