// Filesystem faults through the CLI (check, convert, audit): a missing file, a directory given as a
// file, permission denied, a symlink loop, a file that vanishes mid-run, and outputs that cannot be
// written (missing folder, a directory, a full disk) — a clear message naming the file, exit 2, the rest
// of the batch still processed, and no partial or temporary output file left behind.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkFile, parseFile } from "../../src/api.js";
import { formatMessage } from "../../src/i18n/format.js";
import { expandInputs } from "../../src/io/inputs.js";
import { SMALL_FILE } from "../../src/io/read-input.js";
import { runCli } from "../helpers/cli.js";
import { SEED } from "../helpers/fixtures.js";

// Fault injection: a hook run before every `open` of perftable's fs/promises functions (io/fsp.ts;
// the streaming reader opens a file twice: once to peek at its first bytes, once to stream it).
const hooks = vi.hoisted(() => ({ beforeOpen: null as ((path: string) => void) | null }));
vi.mock("../../src/io/fsp.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/io/fsp.js")>();
  const open: typeof actual.open = (path, ...rest) => {
    hooks.beforeOpen?.(String(path));
    return actual.open(path, ...rest);
  };
  return { ...actual, open };
});

const root = mkdtempSync(join(tmpdir(), "perftable-fs-faults-"));
let dir = "";
let n = 0;

beforeEach(() => {
  hooks.beforeOpen = null;
  dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "seed.txt"), SEED);
});

/** Files whose name shows an interrupted atomic write. */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.startsWith(".perftable-tmp-"));
}

/** Every non-empty line of stderr names the file (by its path or its last part). */
function expectEachLineNames(stderr: string, name: string): void {
  const lines = stderr.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toContain(name);
}

describe("a missing file", () => {
  it("check reports it as unreadable, checks the rest, exits 2", async () => {
    const r = await runCli(["check", "missing.txt", "seed.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(["missing.txt", "seed.txt"]);
    expect(files[0].diagnostics).toMatchObject([{ ruleId: "input/unreadable", messageId: "notFound", message: "file not found: missing.txt" }]);
    expect(files[1]).toMatchObject({ errorCount: 0, warningCount: 8, infoCount: 9 });
  });

  it("convert says so on stderr, naming it, and exits 2", async () => {
    const r = await runCli(["convert", "missing.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expectEachLineNames(r.stderr, "missing.txt");
  });

  it("audit reports it, audits the rest, exits 2", async () => {
    const r = await runCli(["audit", join(dir, "missing.txt"), join(dir, "seed.txt"), "--jobs", "1", "-f", "csv", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/seed\.txt,pass,广州开发区金融工作局（部门）,1,2,13,53,/);
    expect(r.stdout).toMatch(/missing\.txt,unreadable,/);
  });
});

describe("a directory given as a file", () => {
  it("convert names it and exits 2", async () => {
    mkdirSync(join(dir, "folder"));
    const r = await runCli(["convert", "folder"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expectEachLineNames(r.stderr, "folder");
    expect(r.stderr).toContain("is a directory");
  });

  it("check of a folder without tables names it and exits 2", async () => {
    mkdirSync(join(dir, "empty"));
    const r = await runCli(["check", "empty", "seed.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("perftable: no file found for empty\n");
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(["seed.txt"]);
  });
});

describe("the owner file Excel keeps beside an open workbook (~$table.xlsx)", () => {
  it("is not taken for a table in a folder or a glob; named, it is read (and is no workbook)", async () => {
    // 165 bytes: the user's name, in one byte a character and again in UTF-16, then padding.
    const owner = Buffer.alloc(165, 0x20);
    owner[0] = 4;
    owner.write("user", 1, "latin1");
    owner.write("user", 55, "utf16le");
    writeFileSync(join(dir, "~$table.xlsx"), owner);
    expect(expandInputs(["."], dir).files).toEqual(["seed.txt"]);
    expect(expandInputs(["*.xlsx", "*.txt"], dir).files).toEqual(["seed.txt"]);
    const r = await runCli(["check", ".", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(expandInputs(["~$table.xlsx"], dir).files).toEqual(["~$table.xlsx"]);
  });
});

const isRoot = process.getuid?.() === 0;

describe("permission denied", () => {
  it.skipIf(isRoot)(`check names an unreadable file and checks the rest${isRoot ? " (skipped: running as root, chmod 000 does not deny root a read)" : ""}`, async () => {
    writeFileSync(join(dir, "locked.txt"), SEED);
    chmodSync(join(dir, "locked.txt"), 0o000);
    const r = await runCli(["check", "locked.txt", "seed.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files;
    expect(files[0].diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "permission" });
    expect(files[0].diagnostics[0].message).toContain("locked.txt");
    expect(files[1].errorCount).toBe(0);
  });

  it("a path through a file (ENOTDIR, which root meets too) is named and the rest checked", async () => {
    const r = await runCli(["check", "seed.txt/inner.txt", "seed.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files;
    expect(files[0].diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "notFound" });
    expect(files[0].diagnostics[0].message).toContain("seed.txt/inner.txt");
    expect(files[1].errorCount).toBe(0);
    const converted = await runCli(["convert", "seed.txt/inner.txt"], { cwd: dir });
    expect(converted.code).toBe(2);
    expectEachLineNames(converted.stderr, "seed.txt/inner.txt");
  });
});

describe("a symlink loop inside a folder", () => {
  function makeTree(): string {
    const tree = join(dir, "tree");
    mkdirSync(join(tree, "sub"), { recursive: true });
    writeFileSync(join(tree, "a.txt"), SEED);
    writeFileSync(join(tree, "sub", "b.txt"), SEED);
    symlinkSync("..", join(tree, "sub", "up")); // a loop back to tree
    symlinkSync(tree, join(tree, "again")); // another, absolute
    symlinkSync("self.txt", join(tree, "self.txt")); // a link to itself (ELOOP)
    return tree;
  }

  it("check finishes, reports each real file once, and the link to itself as unreadable (not skipped)", async () => {
    makeTree();
    symlinkSync("nowhere.txt", join(dir, "tree", "dangling.txt")); // a link to nothing
    const r = await runCli(["check", "tree", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files as { path: string; diagnostics: { messageId: string; message: string }[] }[];
    expect(files.map((f) => f.path)).toEqual(["tree/a.txt", "tree/dangling.txt", "tree/self.txt", "tree/sub/b.txt"]);
    expect(files[1]!.diagnostics[0]!.messageId).toBe("notFound");
    expect(files[2]!.diagnostics[0]!.message).toContain("a loop of symbolic links (ELOOP)");
  });

  it("audit finishes, reports each real file once and the link loop as unreadable", async () => {
    const tree = makeTree();
    symlinkSync("nowhere.txt", join(tree, "dangling.txt")); // a link to nothing: unreadable (1), not a missing path (2)
    const r = await runCli(["audit", tree, "--jobs", "1", "-f", "csv", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(1); // the link loop is an unreadable file
    expect(r.stderr).toBe("");
    const rows = r.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(",").slice(0, 2).join(","));
    expect(rows).toEqual([`${join(tree, "a.txt")},pass`, `${join(tree, "dangling.txt")},unreadable`, `${join(tree, "self.txt")},unreadable`, `${join(tree, "sub", "b.txt")},pass`]);
  });

  it("a link up out of the folder given (sub/up -> ..) is a loop too: only the folder's own files are read", async () => {
    // Auditing tree/sub walked tree through sub/up and reported tree/a.txt as tree/sub/up/a.txt.
    makeTree();
    writeFileSync(join(dir, "tree", "sub", "c.txt"), SEED);
    const audited = await runCli(["audit", "tree/sub", "--jobs", "1", "-f", "csv", "--no-progress"], { cwd: dir });
    expect(audited.code).toBe(0);
    expect(audited.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(",")[0])).toEqual(["tree/sub/b.txt", "tree/sub/c.txt"]);
    expect(expandInputs(["tree/sub/*.txt"], dir).files).toEqual(["tree/sub/b.txt", "tree/sub/c.txt"]);
    // A link to a folder beside it is still followed.
    mkdirSync(join(dir, "other"));
    writeFileSync(join(dir, "other", "d.txt"), SEED);
    symlinkSync(join("..", "..", "other"), join(dir, "tree", "sub", "other"));
    expect(expandInputs(["tree/sub"], dir).files).toEqual(["tree/sub/b.txt", "tree/sub/c.txt", "tree/sub/other/d.txt"]);
  });
});

describe("a file whose name is not UTF-8 (a GBK name unpacked from a zip made on Windows)", () => {
  // Node reads the name with � for its bad bytes, and no file has that name: it was skipped without
  // a word, so a folder holding only such files failed as empty and one beside others passed.
  function makeTree(): string {
    const tree = join(dir, "tree");
    mkdirSync(tree);
    writeFileSync(join(tree, "a.txt"), SEED);
    writeFileSync(Buffer.concat([Buffer.from(join(tree, "部门")), Buffer.from([0xb2, 0xbf]), Buffer.from(".txt")]), SEED);
    return tree;
  }

  it("check reports it as unreadable, saying why, and exits 2", async () => {
    makeTree();
    const r = await runCli(["check", "tree", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files as { path: string; diagnostics: { ruleId: string; messageId: string; message: string }[] }[];
    expect(files.map((f) => f.path)).toEqual(["tree/a.txt", "tree/部门\ufffd\ufffd.txt"]);
    expect(files[1]!.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["input/unreadable", "badName"]]);
    expect(files[1]!.diagnostics[0]!.message).toBe("cannot open tree/部门\ufffd\ufffd.txt: its name is not valid UTF-8 (the bytes shown as \ufffd): rename the file");
    const zh = await runCli(["check", "tree", "--lang", "zh", "-f", "json"], { cwd: dir });
    expect(JSON.parse(zh.stdout).files[1].diagnostics[0].message).toBe("无法打开 tree/部门\ufffd\ufffd.txt：文件名不是有效的 UTF-8（显示为 \ufffd 的字节），请重命名该文件");
  });

  it("audit reports it as unreadable", async () => {
    const tree = makeTree();
    const r = await runCli(["audit", tree, "--jobs", "1", "-f", "csv", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(",").slice(0, 2).join(","));
    expect(rows).toEqual([`${join(tree, "a.txt")},pass`, `${join(tree, "部门\ufffd\ufffd.txt")},unreadable`]);
  });
});

describe("error codes in words", () => {
  it("a link to itself given by name: the reason said, not only ELOOP", async () => {
    symlinkSync("loop.txt", join(dir, "loop.txt"));
    const r = await runCli(["check", "loop.txt", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).files[0].diagnostics[0].message).toBe("cannot read the file: a loop of symbolic links (ELOOP)");
    const zh = await runCli(["check", "loop.txt", "-f", "json", "--lang", "zh"], { cwd: dir });
    expect(JSON.parse(zh.stdout).files[0].diagnostics[0].message).toBe("无法读取文件：符号链接循环（ELOOP）");
  });
  it("a reason given in one language only is shown in both (reasonZh falls back to reason)", () => {
    const d = { ruleId: "input/unreadable", messageId: "ioError", data: { path: "a.xlsx", reason: "no sheet named x" } };
    expect(formatMessage(d, "zh")).toBe("无法读取文件：no sheet named x");
  });
  it("a configuration or baseline that is a folder", async () => {
    mkdirSync(join(dir, "conf"));
    const config = await runCli(["check", "seed.txt", "--config", "conf"], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toBe(`perftable: ${join(dir, "conf")}: cannot read the configuration: is a folder (EISDIR)\n`);
    const baseline = await runCli(["check", "seed.txt", "--baseline", "nope.json"], { cwd: dir });
    expect(baseline.stderr).toBe(`perftable: ${join(dir, "nope.json")}: cannot read the baseline: no such file or folder (ENOENT)\n`);
  });
  it("an output that cannot be written, in Chinese", async () => {
    mkdirSync(join(dir, "out.txt"));
    const r = await runCli(["check", "seed.txt", "-o", "out.txt", "--lang", "zh"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perftable: 无法写入 ${join(dir, "out.txt")}：这是一个文件夹（EISDIR）\n`);
  });
  it("a GitHub step summary that cannot be written", async () => {
    const r = await runCli(["check", "seed.txt", "-f", "github"], { cwd: dir, env: { LANG: "en_US.UTF-8", GITHUB_STEP_SUMMARY: join(dir, "no", "such.md") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`perftable: cannot write the step summary GITHUB_STEP_SUMMARY=${join(dir, "no", "such.md")}: no such file or folder (ENOENT)\n`);
  });
});

describe("a file that vanishes mid-run", () => {
  it("between listing (a glob) and reading: named, the rest checked, exit 2", async () => {
    writeFileSync(join(dir, "gone.txt"), SEED);
    const { files } = expandInputs(["*.txt"], dir);
    expect(files).toEqual(["gone.txt", "seed.txt"]);
    unlinkSync(join(dir, "gone.txt"));
    const r = await runCli(["check", ...files, "-f", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout).files;
    expect(report[0].diagnostics[0]).toMatchObject({ ruleId: "input/unreadable", messageId: "notFound" });
    expect(report[0].diagnostics[0].message).toContain("gone.txt");
    expect(report[1].errorCount).toBe(0);
  });

  it("checkFile on a deleted path returns a finding, it does not throw", async () => {
    const report = await checkFile(join(dir, "deleted.txt"), { path: "deleted.txt" });
    expect(report).toMatchObject({ path: "deleted.txt", errorCount: 1, diagnostics: [{ ruleId: "input/unreadable", messageId: "notFound" }] });
  });

  it("after the first bytes were read, before the rest is streamed: named, the rest checked, exit 2", async () => {
    const vanishing = join(dir, "vanishing.txt");
    // Past 1 MB (SMALL_FILE): a smaller table is read in one go, and only a bigger one is streamed.
    writeFileSync(vanishing, Array.from({ length: Math.ceil(SMALL_FILE / SEED.length) + 1 }, () => SEED).join("\n"));
    let opens = 0;
    hooks.beforeOpen = (path) => {
      if (path === vanishing && ++opens === 2) unlinkSync(vanishing);
    };
    const r = await runCli(["check", "vanishing.txt", "seed.txt", "-f", "json"], { cwd: dir });
    expect(opens).toBe(2);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(2);
    const files = JSON.parse(r.stdout).files;
    expect(files[0].diagnostics).toMatchObject([{ ruleId: "input/unreadable", messageId: "notFound" }]);
    expect(files[0].diagnostics[0].message).toContain("vanishing.txt");
    expect(files[1].errorCount).toBe(0);
  });
});

describe("a file that cannot be read is named in the message as it was given, not by its absolute path", () => {
  // The finding's location already names it as given; the message repeated it as an absolute path,
  // which in a shared audit report showed the reviewer's own folders.
  it("audit -f json / html / csv of a folder, run from its parent: no absolute path anywhere", async () => {
    mkdirSync(join(dir, "tree"));
    writeFileSync(join(dir, "tree", "a.txt"), SEED);
    symlinkSync("nowhere.txt", join(dir, "tree", "dangling.txt"));
    for (const format of ["json", "html", "csv"]) {
      const r = await runCli(["audit", "tree", "--jobs", "1", "-f", format, "--no-progress"], { cwd: dir });
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).not.toContain(root);
      expect(r.stdout, format).toContain("tree/dangling.txt");
    }
    const r = await runCli(["audit", "tree", "--jobs", "1", "-f", "json", "--no-progress"], { cwd: dir });
    const file = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path === "tree/dangling.txt");
    expect(file.diagnostics).toMatchObject([{ messageId: "notFound", message: "file not found: tree/dangling.txt", data: { path: "tree/dangling.txt" } }]);
  });

  it("check, in both languages, a text table and a workbook", async () => {
    const r = await runCli(["check", "missing.txt", "nope.xlsx", "-f", "json"], { cwd: dir });
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { diagnostics: { message: string }[] }) => f.diagnostics[0]!.message)).toEqual(["file not found: missing.txt", "file not found: nope.xlsx"]);
    const zh = await runCli(["check", "missing.txt", "-f", "json", "--lang", "zh"], { cwd: dir });
    expect(JSON.parse(zh.stdout).files[0].diagnostics[0].message).toBe("文件不存在：missing.txt");
  });

  it("convert, on stderr: the name as given (a relative name stays relative)", async () => {
    mkdirSync(join(dir, "folder"));
    expect((await runCli(["convert", "missing.txt"], { cwd: dir })).stderr).toBe("missing.txt:1:1  error  file not found: missing.txt  input/unreadable\n");
    expect((await runCli(["convert", "folder"], { cwd: dir })).stderr).toBe("folder:1:1  error  is a directory, not a file: folder  input/unreadable\n");
    expect((await runCli(["convert", "missing.xlsx", "--lang", "zh"], { cwd: dir })).stderr).toBe("missing.xlsx:1:1  错误  文件不存在：missing.xlsx  input/unreadable\n");
  });

  it("a big table streamed from disk that vanishes after its first bytes were read (check and convert)", async () => {
    const vanishing = join(dir, "vanishing.txt");
    const big = Array.from({ length: Math.ceil(SMALL_FILE / SEED.length) + 1 }, () => SEED).join("\n");
    let opens = 0;
    hooks.beforeOpen = (path) => {
      if (path === vanishing && ++opens === 2) unlinkSync(vanishing);
    };
    writeFileSync(vanishing, big);
    const r = await runCli(["check", "vanishing.txt", "-f", "json"], { cwd: dir });
    expect(opens).toBe(2);
    expect(JSON.parse(r.stdout).files[0].diagnostics[0].message).toBe("file not found: vanishing.txt");
    opens = 0;
    writeFileSync(vanishing, big);
    const converted = await runCli(["convert", "vanishing.txt"], { cwd: dir });
    expect(opens).toBe(2);
    expect(converted.stderr).toBe("vanishing.txt:1:1  error  file not found: vanishing.txt  input/unreadable\n");
  });

  it("checkFile and parseFile name the file by options.path", async () => {
    const checked = await checkFile(join(dir, "deleted.txt"), { path: "deleted.txt" });
    expect(checked.diagnostics[0]).toMatchObject({ messageId: "notFound", data: { path: "deleted.txt" } });
    const parsed = await parseFile("deleted.txt", { cwd: dir, path: "表.txt" });
    expect(parsed.diagnostics[0]).toMatchObject({ messageId: "notFound", data: { path: "表.txt" } });
  });
});

describe("an output that cannot be written", () => {
  const commands = (out: string): [string, string[]][] => [
    ["check", ["check", "seed.txt", "-f", "json", "-o", out]],
    ["check --report", ["check", "seed.txt", "-f", "json", "--report", `sarif=${out}`]],
    ["convert", ["convert", "seed.txt", "-o", out]],
    ["audit", ["audit", join(dir, "seed.txt"), "--jobs", "1", "-f", "csv", "--no-progress", "-o", out]],
  ];

  it("-o into a missing folder: exit 2, a message naming the file, nothing written", async () => {
    for (const [name, args] of commands("no-such-folder/out.txt")) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toBe(`perftable: cannot write ${join(dir, "no-such-folder/out.txt")}: no such folder (ENOENT)\n`);
      expect(existsSync(join(dir, "no-such-folder")), name).toBe(false);
      expect(leftovers(dir), name).toEqual([]);
    }
  });

  it("-o naming a directory: exit 2, a message naming it, the directory untouched, no temporary file left", async () => {
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "keep.txt"), "keep");
    for (const [name, args] of commands("out")) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toBe(`perftable: cannot write ${join(dir, "out")}: is a folder (EISDIR)\n`);
      expect(readdirSync(join(dir, "out")), name).toEqual(["keep.txt"]);
      expect(leftovers(dir), name).toEqual([]);
    }
  });

  it.skipIf(isRoot)(`-o into a read-only folder keeps the previous file${isRoot ? " (skipped: running as root, a read-only folder does not stop root; see the full-disk test)" : ""}`, async () => {
    const folder = join(dir, "readonly");
    mkdirSync(folder);
    writeFileSync(join(folder, "out.txt"), "previous");
    chmodSync(folder, 0o555);
    try {
      for (const [name, args] of commands(join(folder, "out.txt"))) {
        const r = await runCli(args, { cwd: dir });
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toBe(`perftable: cannot write ${join(folder, "out.txt")}: permission denied\n`);
        expect(readFileSync(join(folder, "out.txt"), "utf8"), name).toBe("previous");
        expect(leftovers(folder), name).toEqual([]);
      }
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

/**
 * A full disk: a 64 KiB tmpfs, filled up. Mounting needs root with CAP_SYS_ADMIN; anywhere else the
 * test is skipped and says why.
 */
const disk = join(root, "full-disk");
mkdirSync(disk);
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk], { encoding: "utf8" });
const canMount = mounted.status === 0;
const whyNot = canMount ? "" : ` (skipped: cannot mount a small tmpfs to fill up: ${(mounted.stderr || mounted.error?.message || "").trim() || "mount failed"})`;

afterAll(() => {
  if (canMount) spawnSync("umount", [disk]);
  rmSync(root, { recursive: true, force: true });
});

describe("a full disk", () => {
  it.skipIf(!canMount)(`-o on a full disk: exit 2, "no space left", the previous file untouched, no temporary file${whyNot}`, async () => {
    const out = join(disk, "out.txt");
    writeFileSync(out, "previous");
    // Fill the disk (writes stop with ENOSPC).
    const filler = Buffer.alloc(4096, 0x41);
    try {
      for (let i = 0; i < 64; i++) writeFileSync(join(disk, "filler"), filler, { flag: "a" });
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    }
    const commands: [string, string[]][] = [
      ["check", ["check", "seed.txt", "-f", "json", "-o", out]],
      ["convert", ["convert", "seed.txt", "-o", out]],
      ["audit", ["audit", join(dir, "seed.txt"), "--jobs", "1", "-f", "json", "--no-progress", "-o", out]],
    ];
    for (const [name, args] of commands) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toBe(`perftable: cannot write ${out}: no space left on the device (ENOSPC)\n`);
      expect(readFileSync(out, "utf8"), name).toBe("previous");
      expect(leftovers(disk), name).toEqual([]);
    }
  });
});
