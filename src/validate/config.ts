// Configuration: perftable.config.json (found from the working folder upward, or --config),
// validated against the shipped JSON Schema, merged with --rule flags into severities and options.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { getRule, rules } from "../rules/index.js";
import type { Severity } from "../types.js";
import { defaultConfig, type ResolvedConfig } from "./run.js";
import { errnoReason } from "../io/errors.js";

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
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
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
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`${file}: the configuration must be a JSON object`);
  const allowed = new Set(["$schema", "rules", "lang", "encoding", "maxWarnings"]);
  for (const key of Object.keys(value)) if (!allowed.has(key)) throw new ConfigError(`${file}: unknown key "${key}" (allowed: ${[...allowed].join(", ")})`);
  const c = value as Record<string, unknown>;
  if (c.lang !== undefined && c.lang !== "zh" && c.lang !== "en") throw new ConfigError(`${file}: "lang" must be "zh" or "en"`);
  if (c.encoding !== undefined && !["auto", "utf-8", "gb18030", "utf-16le", "utf-16be"].includes(c.encoding as string)) throw new ConfigError(`${file}: "encoding" must be one of auto, utf-8, gb18030, utf-16le, utf-16be`);
  if (c.maxWarnings !== undefined && !(Number.isInteger(c.maxWarnings) && (c.maxWarnings as number) >= -1)) throw new ConfigError(`${file}: "maxWarnings" must be a whole number ≥ -1`);
  if (c.rules !== undefined) {
    if (c.rules === null || typeof c.rules !== "object" || Array.isArray(c.rules)) throw new ConfigError(`${file}: "rules" must be an object of rule id → severity`);
    for (const [id, setting] of Object.entries(c.rules)) {
      const rule = getRule(id);
      if (!rule) throw new ConfigError(`${file}: rules["${id}"]: unknown rule id (see \`perftable rules\`)`);
      const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
      if (!SEVERITIES.includes(severity as Severity)) throw new ConfigError(`${file}: rules["${id}"]: severity must be one of off, info, warning, error`);
      if (id === "input/unreadable" && severity !== "error") throw new ConfigError(`${file}: rules["${id}"]: input/unreadable is always an error`);
      if (options !== undefined) {
        if (options === null || typeof options !== "object" || Array.isArray(options)) throw new ConfigError(`${file}: rules["${id}"][1] must be an object of options`);
        const defaults = rule.meta.defaultOptions ?? {};
        for (const [name, v] of Object.entries(options as object)) {
          if (!(name in defaults)) throw new ConfigError(`${file}: rules["${id}"][1].${name}: unknown option (options: ${Object.keys(defaults).join(", ") || "none"})`);
          if (typeof v !== typeof defaults[name]) throw new ConfigError(`${file}: rules["${id}"][1].${name}: must be a ${typeof defaults[name]}`);
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
    throw new ConfigError(`${path}: cannot read the configuration: ${errnoReason(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(value, path);
}

/** Parse one `--rule id=severity` flag. */
export function parseRuleFlag(flag: string): [string, Severity] {
  const eq = flag.lastIndexOf("=");
  const id = eq === -1 ? flag : flag.slice(0, eq);
  const severity = eq === -1 ? "" : flag.slice(eq + 1);
  if (!getRule(id)) throw new ConfigError(`--rule ${flag}: unknown rule id "${id}" (see \`perftable rules\`)`);
  if (!SEVERITIES.includes(severity as Severity)) throw new ConfigError(`--rule ${flag}: severity must be one of off, info, warning, error`);
  if (id === "input/unreadable" && severity !== "error") throw new ConfigError(`--rule ${flag}: input/unreadable is always an error`);
  return [id, severity as Severity];
}

/** Merge defaults, a config file and --rule flags. */
export function resolveConfig(file: ConfigFile | null, ruleFlags: readonly string[] = []): ResolvedConfig {
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
