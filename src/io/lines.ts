// The lines of a text file read again, forward, when a report asks for them: code frames for a table
// too big to keep in memory. Line numbers and text are those of the checked text (split at `\n`, a
// `\r` before it dropped, the byte order mark left out), decoded with the plan the check used.
import { closeSync, openSync, readSync } from "node:fs";
import type { StreamPlan } from "./decode.js";
import { type ChunkDecoder, makeDecoder } from "./stream.js";

/** Lines of a file by number (1-based), cheapest in increasing order; undefined past the end or on failure. */
export interface LineSource {
  line(n: number): string | undefined;
  /** Frees the file handle (a later `line` opens it again). */
  close(): void;
}

export function openLineSource(path: string, plan: StreamPlan, chunkSize = 1 << 20): LineSource {
  let fd = -1;
  let decoder: ChunkDecoder;
  let position = 0;
  let first = true;
  let done = true;
  let carry = "";
  /** Decoded lines not yet passed; `lines[at]` is line `number`. */
  let lines: string[] = [];
  let at = 0;
  let number = 1;
  const buffer = Buffer.allocUnsafe(chunkSize);

  const restart = () => {
    if (fd < 0) fd = openSync(path, "r");
    decoder = makeDecoder(plan.encoding);
    position = plan.skip;
    first = plan.skip === 0;
    done = false;
    carry = "";
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
    const parts = (carry + text).split("\n");
    if (n === 0) {
      done = true;
      carry = "";
    } else {
      carry = parts.pop()!;
    }
    // Lines already passed are dropped before the new ones are kept.
    lines = lines.slice(at).concat(parts.map((p) => (p.endsWith("\r") ? p.slice(0, -1) : p)));
    number += at;
    at = 0;
    return true;
  };

  return {
    line(n) {
      try {
        if (fd < 0 || n < number + at) restart();
        while (number + lines.length <= n) if (!more()) return undefined;
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
