// Runs the CLI in-process with captured streams, a chosen working folder and environment.
import { PassThrough, Readable } from "node:stream";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The pieces standard output was written in (a big output is written as it is made). */
  stdoutChunks: string[];
}

function capture(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  stream.isTTY = isTTY;
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return { stream, text: () => chunks.join(""), chunks };
}

/** Run `perftable <args>`; `stdin` feeds `-`. */
export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string | Buffer; tty?: boolean } = {}): Promise<CliRun> {
  const out = capture(options.tty ?? false);
  const err = capture(options.tty ?? false);
  const io: CliIo = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? { LANG: "en_US.UTF-8" },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(args, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text(), stdoutChunks: out.chunks };
}
