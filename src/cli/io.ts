// The outside world of the CLI (streams, environment, working folder), passed in so tests can
// run `main()` in-process and capture everything.

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * The process's own streams. Node creates process.stdout, stderr and stdin on first access (a
 * stream object each, ~1 ms apiece), so they are looked up only when a command uses them.
 */
export function processIo(): CliIo {
  return {
    get stdout() {
      return guardOutput(process.stdout, "standard output");
    },
    get stderr() {
      return guardOutput(process.stderr, "standard error");
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A write that failed because the reader went away (`perftable … | head`; EOF is how Windows says it). */
export function isBrokenPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "EPIPE" || code === "EOF";
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * An output stream's failures, handled once per stream. A reader that went away (`perftable check
 * … | head`: EPIPE) is normal: the rest of the output is dropped and the run ends with its own exit
 * code. Any other failure (a full disk behind `> file`) is said on stderr and ends the run with 2.
 */
function guardOutput<T extends NodeJS.WritableStream>(stream: T, name: string): T {
  if (guarded.has(stream)) return stream;
  guarded.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (isBrokenPipe(error)) return;
    if (name !== "standard error") process.stderr.write(`perftable: cannot write to ${name}: ${error.message}\n`);
    process.exit(2);
  });
  return stream;
}

/** Colour on for a stream: a TTY, and neither NO_COLOR nor FORCE_COLOR=0 set. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0";
  return stream.isTTY === true;
}

/**
 * Variables set by CI services (GitHub Actions and GitLab set `CI=true` too; Azure Pipelines and
 * Jenkins do not), whose logs must not get a progress bar even when they give a pseudo-terminal.
 */
const CI_VARIABLES = ["CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "BUILDKITE"] as const;

/** Running under CI: one of CI_VARIABLES set (not empty), unless `CI` itself is `false` or `0`. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === "false" || env.CI === "0") return false;
  return CI_VARIABLES.some((name) => env[name] !== undefined && env[name] !== "");
}

/**
 * Write to a stream and wait until it has taken the text. Resolves, never rejects: when the stream
 * has failed or closed (a reader that went away) there is nothing left to wait for.
 */
export function writeOut(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const s = stream as NodeJS.WritableStream & { destroyed?: boolean };
    if (text.length === 0 || s.destroyed === true) return resolve();
    if (stream.write(text)) return resolve();
    const done = () => {
      stream.off("drain", done);
      stream.off("error", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("error", done);
    stream.on("close", done);
  });
}
