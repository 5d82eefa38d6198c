// `perftable init`: writes a starter perftable.config.json listing every rule at its default (but input/unreadable, always an error).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/write.js";
import { CONFIG_FILE, starterConfig } from "../validate/config.js";
import type { CliIo } from "./io.js";
import { messageIn, printError } from "./shared.js";
import { resolveLang } from "../i18n/format.js";

export async function runInit(opts: { force?: boolean; lang?: string }, io: CliIo): Promise<number> {
  const lang = resolveLang(opts.lang, io.env);
  const path = join(io.cwd, CONFIG_FILE);
  if (existsSync(path) && !opts.force) {
    printError(io, lang === "zh" ? `${CONFIG_FILE} 已存在（用 --force 覆盖）` : `${CONFIG_FILE} already exists (use --force to overwrite)`);
    return 2;
  }
  try {
    await writeFileAtomic(path, JSON.stringify(starterConfig(), null, 2) + "\n");
  } catch (error) {
    printError(io, messageIn(error, lang));
    return 2;
  }
  io.stdout.write(lang === "zh" ? `已写入 ${CONFIG_FILE}\n` : `wrote ${CONFIG_FILE}\n`);
  return 0;
}
