// File-system error codes in words: messages say "a loop of symbolic links (ELOOP)", not "ELOOP".

const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "a loop of symbolic links",
  ENAMETOOLONG: "the name is too long",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "input/output error",
  ENXIO: "no such device",
  EBUSY: "the file is busy",
  EAGAIN: "not ready (try again)",
  EINVAL: "invalid argument",
};

const REASONS_ZH: Record<string, string> = {
  ENOENT: "文件或文件夹不存在",
  ENOTDIR: "路径中有一部分不是文件夹",
  EISDIR: "这是一个文件夹",
  EACCES: "没有权限",
  EPERM: "没有权限",
  ELOOP: "符号链接循环",
  ENAMETOOLONG: "名称过长",
  ENOSPC: "设备空间不足",
  EDQUOT: "超出磁盘配额",
  EROFS: "只读文件系统",
  EMFILE: "打开的文件过多",
  ENFILE: "打开的文件过多",
  EIO: "输入/输出错误",
  ENXIO: "没有该设备",
  EBUSY: "文件正忙",
  EAGAIN: "暂不可用（请重试）",
  EINVAL: "参数无效",
};

/** The reason of a failed file operation in words, with its code: `no space left on the device (ENOSPC)`. */
export function errnoReason(error: unknown, lang: "zh" | "en" = "en"): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const words = lang === "zh" ? REASONS_ZH : REASONS;
  if (typeof code !== "string") return error instanceof Error ? error.message : String(error);
  if (words[code] === undefined) return code;
  return lang === "zh" ? `${words[code]}（${code}）` : `${words[code]} (${code})`;
}
