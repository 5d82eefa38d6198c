// File-system error codes in words: messages say "a loop of symbolic links (ELOOP)", not "ELOOP".

/** Each code's reason: [English, Chinese]. */
const REASONS: Record<string, [string, string]> = {
  ENOENT: ["no such file or folder", "文件或文件夹不存在"],
  ENOTDIR: ["a part of the path is not a folder", "路径中有一部分不是文件夹"],
  EISDIR: ["is a folder", "这是一个文件夹"],
  EACCES: ["permission denied", "没有权限"],
  EPERM: ["permission denied", "没有权限"],
  ELOOP: ["a loop of symbolic links", "符号链接循环"],
  ENAMETOOLONG: ["the name is too long", "名称过长"],
  ENOSPC: ["no space left on the device", "设备空间不足"],
  EDQUOT: ["disk quota exceeded", "超出磁盘配额"],
  EROFS: ["read-only file system", "只读文件系统"],
  EMFILE: ["too many open files", "打开的文件过多"],
  ENFILE: ["too many open files", "打开的文件过多"],
  EIO: ["input/output error", "输入/输出错误"],
  ENXIO: ["no such device", "没有该设备"],
  EBUSY: ["the file is busy", "文件正忙"],
  EAGAIN: ["not ready (try again)", "暂不可用（请重试）"],
  EINVAL: ["invalid argument", "参数无效"],
};

/** The reason of a failed file operation in words, with its code: `no space left on the device (ENOSPC)`. */
export function errnoReason(error: unknown, lang: "zh" | "en" = "en"): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") return error instanceof Error ? error.message : String(error);
  const reason = REASONS[code];
  if (reason === undefined) return code;
  return lang === "zh" ? `${reason[1]}（${code}）` : `${reason[0]} (${code})`;
}

/** 1-based line and code-point column of a UTF-16 offset in `text` (lines end at \n). */
export function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const start = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  let column = 1;
  for (const _ of before.slice(start)) column++;
  return { line, column };
}
