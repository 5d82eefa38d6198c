// Where audit reports go, written piece by piece as files finish: standard output (respecting
// backpressure), a memory buffer, or a file written atomically (a temporary name, renamed at the end).
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { describeWriteError, isSpecialFile, writeTarget } from "../io/write.js";
import { escapeJsonForTerminal } from "../reporters/sanitize.js";
import { dirname, join } from "node:path";
import { isBrokenPipe } from "../cli/io.js";

/** A destination for text written in pieces (strings, or text already encoded as UTF-8). */
export interface TextSink {
  write(text: string | Uint8Array): Promise<void>;
  /** Finish: flush, and for a file put it in place. */
  close(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any existing target untouched. */
  abort(): Promise<void>;
}

/** Bytes a report stream may hold unwritten before the audit waits for it. */
const BACKLOG = 1 << 20;

/** What a stream holds unwritten (streams that do not say count as full). */
function backlog(stream: NodeJS.WritableStream): number {
  const length = (stream as NodeJS.WritableStream & { writableLength?: number }).writableLength;
  return typeof length === "number" ? length : Infinity;
}

/** Waits for a stream to drain, or to fail. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("error", done);
  });
}

/**
 * Text straight to a stream (standard output), with backpressure; a write error rejects. A reader
 * that went away (`audit … | head`) is not an error: the rest is dropped and the audit goes on to
 * its own exit code, as check does.
 */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  let failure: unknown = null;
  const onError = (e: unknown) => (failure ??= e);
  stream.on("error", onError);
  const check = () => {
    if (failure !== null && !isBrokenPipe(failure)) throw failure;
  };
  return {
    async write(text) {
      check();
      if (failure !== null) return; // the reader is gone
      // Wait for the stream only past a megabyte of backlog: waiting after every file's ~50 KB
      // report left the audit idle for a round trip of the event loop per file.
      if (text.length > 0 && !stream.write(text) && backlog(stream) > BACKLOG) await drained(stream);
      check();
    },
    // The error listener stays: a broken pipe may still be reported after the last write.
    close: async () => check(),
    abort: async () => undefined,
  };
}

/** Text kept in memory and written to `stream` on close (a second report on standard output). */
export function deferredSink(stream: NodeJS.WritableStream): TextSink {
  const parts: (string | Uint8Array)[] = [];
  return {
    write: async (text) => void parts.push(text),
    async close() {
      const sink = streamSink(stream);
      for (const part of parts) await sink.write(part);
      await sink.close();
    },
    abort: async () => void parts.splice(0),
  };
}

/**
 * JSON (or NDJSON) shown on a terminal: each piece, text or UTF-8 bytes, written on to `sink` as
 * text with DEL, C1 and bidi controls as `\uXXXX` escapes (the same JSON). A piece of bytes is
 * whole UTF-8 text (see encodePieces in check-file.ts).
 */
export function jsonTerminalSink(sink: TextSink): TextSink {
  const decoder = new TextDecoder();
  return {
    write: (text) => sink.write(escapeJsonForTerminal(typeof text === "string" ? text : decoder.decode(text))),
    close: () => sink.close(),
    abort: () => sink.abort(),
  };
}

/** A file written atomically: opened now (so a bad path fails before any work), renamed on close. */
export async function openFileSink(named: string): Promise<TextSink> {
  const path = writeTarget(named);
  // A device such as /dev/null is written directly: renaming onto it would replace the device.
  const direct = isSpecialFile(path);
  const tmp = direct ? path : join(dirname(path), `.perftable-tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  // A megabyte of backlog before a write waits (see streamSink).
  const stream: WriteStream = createWriteStream(tmp, { flags: direct ? "w" : "wx", highWaterMark: BACKLOG });
  let failure: Error | null = null;
  stream.on("error", (e) => (failure ??= describeWriteError(path, e)));
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (e) => reject(describeWriteError(path, e)));
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(text) {
      check();
      if (!stream.write(text)) await drained(stream);
      check();
    },
    async close() {
      check();
      // A write error (a full disk) reaches end()'s callback before the 'error' event: take it from there,
      // or an empty temporary file would be renamed over the target.
      await new Promise<void>((resolve) =>
        stream.end((error?: Error | null) => {
          if (error) failure ??= describeWriteError(path, error);
          resolve();
        }),
      );
      check();
      if (direct) return;
      try {
        await rename(tmp, path);
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        throw describeWriteError(path, error);
      }
    },
    async abort() {
      stream.destroy();
      if (!direct) await unlink(tmp).catch(() => undefined);
    },
  };
}
