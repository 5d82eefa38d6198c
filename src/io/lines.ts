// The lines of a text file read again, forward, when a report asks for them: code frames for a table
// too big to keep in memory. Line numbers and text are those of the checked text (split at `\n`, a
// `\r` before it dropped, the byte order mark left out), decoded with the plan the check used.
import { closeSync, openSync, readSync } from "node:fs";
import type { StreamPlan } from "./decode.js";
import { type ChunkDecoder, makeDecoder } from "./stream.js";

/**
 * Lines longer than this (UTF-16 code units) are not kept: `line` gives undefined for them (no code
 * frame), so a huge line without a break (a file that is no table) is passed over in flat memory.
 */
export const LINE_LIMIT = 1 << 24;

/** Lines of a file by number (1-based), cheapest in increasing order; undefined past the end, on failure, or past LINE_LIMIT. */
export interface LineSource {
  line(n: number): string | undefined;
  /** Frees the file handle (a later `line` opens it again). */
  close(): void;
}

export function openLineSource(path: string, plan: StreamPlan, chunkSize = 1 << 20, lineLimit = LINE_LIMIT): LineSource {
  let fd = -1;
  let decoder: ChunkDecoder;
  let position = 0;
  let first = true;
  let done = true;
  /** The pieces of the unfinished line (joined when it ends: never glued again and again). */
  let carry: string[] = [];
  let carryLength = 0;
  /** Decoded lines not yet passed; `lines[at]` is line `number` (undefined: longer than LINE_LIMIT). */
  let lines: (string | undefined)[] = [];
  let at = 0;
  let number = 1;
  const buffer = Buffer.allocUnsafe(chunkSize);

  const restart = () => {
    if (fd < 0) fd = openSync(path, "r");
    decoder = makeDecoder(plan.encoding);
    position = plan.skip;
    first = plan.skip === 0;
    done = false;
    carry = [];
    carryLength = 0;
    lines = [];
    at = 0;
    number = 1;
  };

  /** Decode the next chunk into lines; false at the end of the file. */
  const more = (): boolean => {
    if (done) return false;
    const n = readSync(fd, buffer, 0, chunkSize, position);
    position += n;
    let text = n === 0 ? decoder.end() : decoder.write(buffer.subarray(0, n));
    if (first && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const parts: (string | undefined)[] = [];
    /** The unfinished line and `piece` (its end), as a line. */
    const finish = (piece: string): string | undefined => {
      // (One more for the `\r` of a CRLF line end, dropped here.)
      const length = carryLength + piece.length;
      let line = length > lineLimit + 1 ? undefined : carry.length === 0 ? piece : carry.join("") + piece;
      carry = [];
      carryLength = 0;
      if (line !== undefined && line.endsWith("\r")) line = line.slice(0, -1);
      return line !== undefined && line.length > lineLimit ? undefined : line;
    };
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      parts.push(finish(text.slice(start, nl)));
      start = nl + 1;
    }
    if (n === 0) {
      done = true;
      parts.push(finish(text.slice(start)));
    } else if (start < text.length) {
      // Kept only while the line may still be short enough to be given (its length is counted on).
      if (carryLength <= lineLimit) carry.push(text.slice(start));
      carryLength += text.length - start;
    }
    // Lines already passed are dropped before the new ones are kept.
    lines = lines.slice(at).concat(parts);
    number += at;
    at = 0;
    return true;
  };

  return {
    line(n) {
      try {
        if (fd < 0 || n < number + at) restart();
        while (number + lines.length <= n) {
          // The line asked is already too long to be given: not read to its end.
          if (number + lines.length === n && carryLength > lineLimit + 1) return undefined;
          if (!more()) return undefined;
        }
        at = n - number;
        return lines[at];
      } catch {
        // The file changed or vanished since it was checked: no frame, never a crash.
        return undefined;
      }
    },
    close() {
      if (fd >= 0) closeSync(fd);
      fd = -1;
    },
  };
}
