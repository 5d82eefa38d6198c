// Pieces the commands share: loading configuration, run settings, report flags and error
// messages.
import { relative, resolve } from "node:path";
import { type ConfigFile, ConfigError, findConfig, loadConfigFile, resolveConfig } from "../validate/config.js";
import type { ResolvedConfig } from "../validate/run.js";
import type { CliIo } from "./io.js";
import type { EncodingOption } from "../io/decode.js";
import { resolveLang } from "../i18n/format.js";
import type { Lang } from "../types.js";
import { sanitizeText } from "../reporters/sanitize.js";

export interface ConfigOptions {
  config?: string | boolean;
  rule?: string[];
}

/**
 * The config file (if any), its name (as given with --config, else relative to the working folder:
 * an input of the run that no output may replace) and the resolved severities. Throws ConfigError.
 */
export function loadConfig(opts: ConfigOptions, io: CliIo): { file: ConfigFile | null; path: string | null; resolved: ResolvedConfig } {
  let file: ConfigFile | null = null;
  let path: string | null = null;
  if (typeof opts.config === "string") {
    file = loadConfigFile(resolve(io.cwd, opts.config));
    path = opts.config;
  } else if (opts.config !== false) {
    const found = findConfig(io.cwd);
    if (found) {
      file = loadConfigFile(found);
      path = relative(io.cwd, found);
    }
  }
  return { file, path, resolved: resolveConfig(file, opts.rule ?? []) };
}

/** Parse `--report format=file` values against the allowed formats. Throws ConfigError. */
export function parseReportFlags(flags: readonly string[], allowed: readonly string[]): [string, string][] {
  return flags.map((flag) => {
    const eq = flag.indexOf("=");
    const format = eq === -1 ? flag : flag.slice(0, eq);
    const file = eq === -1 ? "" : flag.slice(eq + 1);
    if (!allowed.includes(format)) throw new ConfigError(`--report ${flag}: unknown format "${format}" (one of ${allowed.join(", ")})`, `--report ${flag}：未知的格式“${format}”（可用：${allowed.join("、")}）`);
    if (file === "") throw new ConfigError(`--report ${flag}: give a file, as --report ${format}=path (or - for standard output)`, `--report ${flag}：请给出文件，如 --report ${format}=路径（- 表示标准输出）`);
    return [format, file];
  });
}

/** An error's message in a language: its `zh` wording when it has one (ConfigError, write errors). */
export function messageIn(error: unknown, lang: Lang): string {
  const zh = (error as { zh?: unknown } | null)?.zh;
  return lang === "zh" && typeof zh === "string" ? zh : error instanceof Error ? error.message : String(error);
}

/** Print a user-facing error (no stack trace). */
export function printError(io: CliIo, message: string): void {
  // File names are the user's data: control characters in them are shown, never sent to the terminal.
  io.stderr.write(`perftable: ${message.split("\n").map(sanitizeText).join("\n")}\n`);
}

export { ConfigError };

/** What check and audit settle before any file is read. */
export interface RunSettings {
  config: ReturnType<typeof loadConfig>;
  reportsTo: [string, string][];
  lang: Lang;
  encoding: EncodingOption;
}

/**
 * Load the configuration and the `--report` flags and settle language and encoding (flag, then
 * config file, then locale / auto). A user mistake is printed and gives null (exit code 2).
 */
export function loadRunSettings(
  opts: ConfigOptions & { report?: string[]; lang?: string; encoding?: string },
  formats: readonly string[],
  io: CliIo,
): RunSettings | null {
  try {
    const config = loadConfig(opts, io);
    const reportsTo = parseReportFlags(opts.report ?? [], formats);
    const lang = resolveLang(opts.lang ?? config.file?.lang, io.env);
    const encoding = (opts.encoding ?? config.file?.encoding ?? "auto") as EncodingOption;
    return { config, reportsTo, lang, encoding };
  } catch (error) {
    if (error instanceof ConfigError) {
      // (The configuration could not say the language: the flag's or the locale's.)
      printError(io, error.in(resolveLang(opts.lang, io.env)));
      return null;
    }
    throw error;
  }
}
