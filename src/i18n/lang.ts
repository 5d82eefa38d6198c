// The language of messages, in a module of its own: the CLI settles it before loading the rules.
import type { Lang } from "../types.js";

/** The languages of messages. */
export const LANGS: readonly Lang[] = ["zh", "en"];

/** The language from `--lang`, else from LC_ALL / LC_MESSAGES / LANG (zh… gives zh), else en. */
export function resolveLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (explicit === "zh" || explicit === "en") return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}
