// Configuration: perftable.config.json (found from the working folder upward, or --config),
// validated against the shipped JSON Schema, merged with --rule flags into severities and options.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { getRule, rules } from "../rules/index.js";
import type { Lang, Severity } from "../types.js";
import type { EncodingOption } from "../io/decode.js";
import { defaultConfig, type ResolvedConfig } from "./run.js";
import { errnoReason } from "../io/errors.js";
import { jsonSyntaxError } from "../io/json-errors.js";
import { ENCODINGS } from "../io/decode.js";
import { LANGS } from "../i18n/lang.js";

export const CONFIG_FILE = "perftable.config.json";
const SEVERITIES: readonly Severity[] = ["off", "info", "warning", "error"];

/** The contents of a config file. */
export interface ConfigFile {
  $schema?: string;
  /** Severity per rule id, or [severity, options]. */
  rules?: Record<string, Severity | [Severity, Record<string, number | string | boolean>]>;
  lang?: "zh" | "en";
  encoding?: string;
  maxWarnings?: number;
}

/** A user mistake in configuration: reported with exit code 2. */
export class ConfigError extends Error {
  /** `message` is English; `zh` the same in Chinese (the CLI shows the one of the run's language). */
  constructor(
    message: string,
    readonly zh: string = message,
  ) {
    super(message);
    this.name = "ConfigError";
  }

  /** The message in a language. */
  in(lang: "zh" | "en"): string {
    return lang === "zh" ? this.zh : this.message;
  }
}


/** Find perftable.config.json in `cwd` or a parent folder. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Validate a parsed config object; throws ConfigError naming the offending key. */
export function validateConfig(value: unknown, file: string): ConfigFile {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`${file}: the configuration must be a JSON object`, `${file}：配置必须是一个 JSON 对象`);
  const allowed = new Set(["$schema", "rules", "lang", "encoding", "maxWarnings"]);
  for (const key of Object.keys(value)) if (!allowed.has(key)) throw new ConfigError(`${file}: unknown key "${key}" (allowed: ${[...allowed].join(", ")})`, `${file}：未知的键“${key}”（可用：${[...allowed].join("、")}）`);
  const c = value as Record<string, unknown>;
  if (c.lang !== undefined && !LANGS.includes(c.lang as Lang)) throw new ConfigError(`${file}: "lang" must be "zh" or "en"`, `${file}：“lang”只能是“zh”或“en”`);
  if (c.encoding !== undefined && !ENCODINGS.includes(c.encoding as EncodingOption)) throw new ConfigError(`${file}: "encoding" must be one of ${ENCODINGS.join(", ")}`, `${file}：“encoding”只能是 ${ENCODINGS.join("、")} 之一`);
  if (c.maxWarnings !== undefined && !(Number.isInteger(c.maxWarnings) && (c.maxWarnings as number) >= -1)) throw new ConfigError(`${file}: "maxWarnings" must be a whole number ≥ -1`, `${file}：“maxWarnings”必须是不小于 -1 的整数`);
  if (c.rules !== undefined) {
    if (c.rules === null || typeof c.rules !== "object" || Array.isArray(c.rules)) throw new ConfigError(`${file}: "rules" must be an object of rule id → severity`, `${file}：“rules”必须是“规则编号 → 级别”的对象`);
    for (const [id, setting] of Object.entries(c.rules)) {
      const rule = getRule(id);
      if (!rule) throw new ConfigError(`${file}: rules["${id}"]: unknown rule id (see \`perftable rules\`)`, `${file}：rules["${id}"]：未知的规则编号（见 \`perftable rules\`）`);
      const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
      if (!SEVERITIES.includes(severity as Severity)) throw new ConfigError(`${file}: rules["${id}"]: severity must be one of off, info, warning, error`, `${file}：rules["${id}"]：级别只能是 off、info、warning、error 之一`);
      if (id === "input/unreadable" && severity !== "error") throw new ConfigError(`${file}: rules["${id}"]: input/unreadable is always an error`, `${file}：rules["${id}"]：input/unreadable 始终是 error`);
      if (options !== undefined) {
        if (options === null || typeof options !== "object" || Array.isArray(options)) throw new ConfigError(`${file}: rules["${id}"][1] must be an object of options`, `${file}：rules["${id}"][1] 必须是选项对象`);
        const defaults = rule.meta.defaultOptions ?? {};
        for (const [name, v] of Object.entries(options as object)) {
          if (!(name in defaults)) throw new ConfigError(`${file}: rules["${id}"][1].${name}: unknown option (options: ${Object.keys(defaults).join(", ") || "none"})`, `${file}：rules["${id}"][1].${name}：未知的选项（可用：${Object.keys(defaults).join("、") || "无"}）`);
          if (typeof v !== typeof defaults[name]) throw new ConfigError(`${file}: rules["${id}"][1].${name}: must be a ${typeof defaults[name]}`, `${file}：rules["${id}"][1].${name}：必须是${TYPE_ZH[typeof defaults[name]] ?? typeof defaults[name]}`);
        }
      }
    }
  }
  return c as ConfigFile;
}

/** Read and validate a config file. Throws ConfigError on any problem. */
export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the configuration: ${errnoReason(error)}`, `${path}：无法读取配置：${errnoReason(error, "zh")}`);
  }
  let value: unknown;
  const json = text.replace(/^\uFEFF/, "");
  try {
    value = JSON.parse(json);
  } catch {
    const { line, column, en, zh } = jsonSyntaxError(json);
    throw new ConfigError(`${path}:${line}:${column}: the configuration is not valid JSON: ${en}`, `${path}:${line}:${column}：配置文件不是有效的 JSON：${zh}`);
  }
  return validateConfig(value, path);
}

/** Parse one `--rule id=severity` flag. */
export function parseRuleFlag(flag: string): [string, Severity] {
  const eq = flag.lastIndexOf("=");
  const id = eq === -1 ? flag : flag.slice(0, eq);
  const severity = eq === -1 ? "" : flag.slice(eq + 1);
  if (!getRule(id)) throw new ConfigError(`--rule ${flag}: unknown rule id "${id}" (see \`perftable rules\`)`, `--rule ${flag}：未知的规则编号“${id}”（见 \`perftable rules\`）`);
  if (!SEVERITIES.includes(severity as Severity)) throw new ConfigError(`--rule ${flag}: severity must be one of off, info, warning, error`, `--rule ${flag}：级别只能是 off、info、warning、error 之一`);
  if (id === "input/unreadable" && severity !== "error") throw new ConfigError(`--rule ${flag}: input/unreadable is always an error`, `--rule ${flag}：input/unreadable 始终是 error`);
  return [id, severity as Severity];
}

/**
 * Merge defaults, a config file and --rule flags. The file is validated as loadConfigFile does (a
 * library caller may pass its own JSON.parse): a ConfigError names what is wrong.
 */
export function resolveConfig(file: ConfigFile | null, ruleFlags: readonly string[] = []): ResolvedConfig {
  if (file !== null) validateConfig(file, "resolveConfig");
  const base = defaultConfig();
  const severities = new Map(base.severities);
  const options = new Map(base.options);
  for (const [id, setting] of Object.entries(file?.rules ?? {})) {
    const [severity, opts] = Array.isArray(setting) ? setting : [setting, undefined];
    severities.set(id, severity);
    if (opts) options.set(id, { ...(options.get(id) ?? {}), ...opts });
  }
  for (const flag of ruleFlags) {
    const [id, severity] = parseRuleFlag(flag);
    severities.set(id, severity);
  }
  return { severities, options };
}

/** The starter config written by `perftable init`: every rule at its default, listed. */
export function starterConfig(): ConfigFile {
  const ruleSettings: NonNullable<ConfigFile["rules"]> = {};
  for (const r of rules) {
    if (r.meta.id === "input/unreadable") continue;
    ruleSettings[r.meta.id] = r.meta.defaultOptions ? [r.meta.defaultSeverity, { ...r.meta.defaultOptions }] : r.meta.defaultSeverity;
  }
  return { $schema: "./node_modules/perftable/schema/perftable.config.schema.json", rules: ruleSettings };
}

/** The types of rule options, in Chinese. */
const TYPE_ZH: Record<string, string> = { number: "数字", string: "字符串", boolean: "true 或 false" };
