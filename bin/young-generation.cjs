// Node.js 24's V8 sizes a thread's young generation from the heap limit: on a machine with a few GB
// of memory it grows to 128 MB (64 MB semi-spaces), where Node 20 and 22 stop at 32 MB. Nothing is
// faster for it here, but a big table then costs ~100 MB more (the 100 MB bench table checked on one
// thread: 303 MiB instead of 186), and an audit on one thread as much. The size can only be set when
// the process starts, so for such a run the executable starts itself again, in place
// (process.execve: same process id, standard streams and exit code), with Node 20's size.
// Worker threads get theirs through resourceLimits (src/audit/worker-script.ts).
"use strict";
const fs = require("node:fs");

const FLAG = "--max-semi-space-size";
/** The semi-space size Node 20 and 22 use (MB). */
const SEMI_SPACE_MB = 16;
/** Inputs from this size are "big" (the size from which a table is also read in parts). */
const DEFAULT_BIG = 16 * 1024 * 1024;

/**
 * The arguments to start again with (for process.execve), or null to go on as is: on Node 24 or
 * later, when no semi-space size was chosen (command line or NODE_OPTIONS), for `audit`, and for
 * `check` or `convert` of a file (or redirected standard input) of PERFTABLE_SPLIT_BYTES (default
 * 16 MiB) or more. `size(path)` is the size of a regular file, else null; path 0 is standard input.
 */
function restartArgs({ argv, execArgv, execPath, env, nodeVersion, size }) {
  if (Number(nodeVersion.replace(/^v/, "").split(".")[0]) < 24) return null;
  if (execArgv.some((a) => a.startsWith(FLAG)) || (env.NODE_OPTIONS ?? "").includes(FLAG)) return null;
  const [command, ...rest] = argv.slice(2);
  if (command !== "audit" && !((command === "check" || command === "convert") && hasBigInput(rest, env, size))) return null;
  return [execPath, `${FLAG}=${SEMI_SPACE_MB}`, ...execArgv, ...argv.slice(1)];
}

function hasBigInput(args, env, size) {
  const set = Number(env.PERFTABLE_SPLIT_BYTES);
  const big = env.PERFTABLE_SPLIT_BYTES !== undefined && env.PERFTABLE_SPLIT_BYTES.trim() !== "" && Number.isFinite(set) && set >= 0 ? set : DEFAULT_BIG;
  // Standard input (0) counts when it is a redirected file. An option's value (`-o out.json`) and a
  // redirected input next to a file operand count too: at worst ~20 ms of start-up for nothing.
  const paths = [0, ...args.filter((a) => !a.startsWith("-"))];
  return paths.some((p) => (size(p) ?? -1) >= big);
}

/** The size of a regular file (a path, or 0 for standard input), else null. */
function regularFileSize(path) {
  try {
    const info = path === 0 ? fs.fstatSync(0) : fs.statSync(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** Start again with Node 20's young generation when restartArgs says so; else return. */
function restartIfBig() {
  if (typeof process.execve !== "function") return; // before Node 22.15, and on Windows
  const args = restartArgs({ argv: process.argv, execArgv: process.execArgv, execPath: process.execPath, env: process.env, nodeVersion: process.version, size: regularFileSize });
  if (args === null) return;
  try {
    process.execve(process.execPath, args, process.env);
  } catch {
    // Not allowed here (a sandbox): run as is, with the bigger young generation.
  }
}

module.exports = { restartArgs, restartIfBig, SEMI_SPACE_MB };
