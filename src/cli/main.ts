// The commander program: parses arguments, runs one command, returns the exit code
// (0 pass, 1 findings that fail, 2 usage error / bad config / unreadable input). Never throws.
import { Command, CommanderError, Help, InvalidArgumentError, Option } from "commander";
import { type CliIo, processIo } from "./io.js";
import { VERSION } from "../version.js";
import { LANGS, resolveLang } from "../i18n/lang.js";
import { ENCODINGS } from "../io/decode.js";
import type { Lang } from "../types.js";

// Each command's code is imported when that command runs: the bundle keeps them as lazily
// initialised modules, so `check` does not pay for evaluating audit, convert or the HTML report.

const collect = (value: string, previous: string[]) => [...previous, value];

/** Run the CLI with these arguments (without `node` and the script). Resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  // The language of commander's own errors, before the arguments are parsed: --lang, else the locale.
  const langAt = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const lang = resolveLang(langAt === -1 ? undefined : argv[langAt]!.includes("=") ? argv[langAt]!.slice(7) : argv[langAt + 1], io.env);
  const parseCount = (value: string, flag: string, min: number) => parseCountIn(value, flag, min, lang);
  /** The help text in the language of the run: --lang, else the locale. */
  const t = (en: string, zh: string) => (lang === "zh" ? zh : en);
  const langOption = (en: string, zh: string) => new Option("--lang <lang>", t(en, zh)).choices(LANGS);
  const encodingOption = () => new Option("--encoding <encoding>", t("input encoding", "输入文件的编码")).choices(ENCODINGS);
  // An empty input (`perftable check "$FILE"` with FILE unset) is a usage error: resolved, "" is the
  // current folder, and check or audit would read every table under it.
  const input = (value: string) => {
    if (value === "") throw new InvalidArgumentError(t("an empty name: give a file, a folder, a glob or -", "名称为空：请给出文件、文件夹、通配符或 -"));
    return value;
  };
  const inputs = (value: string, previous: string[] | undefined) => [...(previous ?? []), input(value)];
  const program = new Command();
  program
    .name("perftable")
    .description(t("Parse, convert and check Chinese performance target tables (项目支出绩效目标表).\n解析、转换和检查项目支出绩效目标表。", "解析、转换和检查项目支出绩效目标表。"))
    .version(VERSION, "-V, --version", t("output the version number", "显示版本号"))
    .helpOption("-h, --help", t("display help for command", "显示帮助"))
    .helpCommand("help [command]", t("display help for command", "显示某个命令的帮助"))
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(lang === "zh" ? commanderErrorZh(s) : s),
    })
    .exitOverride();
  if (lang === "zh") program.configureHelp(HELP_ZH);

  program
    .command("check")
    .description(t("check tables against the rules; the exit code says pass (0), fail (1) or unusable (2)", "按规则检查绩效目标表；退出码表示通过（0）、不通过（1）或无法使用（2）"))
    .argument("<inputs...>", t("files, directories (recursing into .txt/.tsv/.csv/.xlsx), globs, or - for standard input", "文件、目录（递归查找 .txt/.tsv/.csv/.xlsx）、通配符，或 - 表示标准输入"), inputs)
    .addOption(new Option("-f, --format <format>", t("report format", "报告格式")).choices(["pretty", "json", "sarif", "github", "junit", "summary"]).default("pretty"))
    .option("-o, --output <file>", t("write the report to a file instead of standard output", "把报告写入文件，而不是标准输出"))
    .option("--report <format=file>", t("also write a report in another format to a file (repeatable)", "另外把某种格式的报告写入文件（可重复）"), collect, [])
    .addOption(langOption("language of messages (default: from LANG / LC_ALL)", "消息的语言（默认取自 LANG / LC_ALL）"))
    .addOption(encodingOption())
    .option("--max-warnings <n>", t("fail (exit 1) when there are more warnings than this (-1: no limit)", "警告多于此数时不通过（退出码 1；-1 表示不限）"), (v) => parseCount(v, "--max-warnings", -1))
    .option("--quiet", t("report errors only (--max-warnings still counts the warnings)", "只报告错误（--max-warnings 仍计入警告）"))
    .option("--rule <id=severity>", t("set a rule's severity: off, info, warning, error (repeatable)", "设置规则的级别：off、info、warning、error（可重复）"), collect, [])
    .option("--config <file>", t("configuration file (default: perftable.config.json here or in a parent folder)", "配置文件（默认：当前或上级目录中的 perftable.config.json）"))
    .option("--no-config", t("ignore configuration files", "不读取配置文件"))
    .option("--baseline <file>", t("ignore the findings accepted in this baseline file", "忽略此基线文件中已接受的问题"))
    .option("--write-baseline <file>", t("write a baseline accepting every current finding", "写出基线文件，接受当前所有问题"))
    .option("--stdin-filename <name>", t("the name of standard input in messages", "消息中标准输入的文件名"))
    .option("--sheet <name>", t("for .xlsx input: the one sheet to read (default: every sheet with a table)", "读取 .xlsx 时只读此工作表（默认：读取每个含表格的工作表）"))
    .option("--jobs <n>", t("threads for one big text table (default: number of cores; tables under 16 MB use one)", "处理单个大文本表的线程数（默认：CPU 核数；16 MB 以下的表用一个线程）"), (v) => parseCount(v, "--jobs", 1))
    .addHelpText(
      "after",
      t(
        `
Examples:
  perftable check table.txt                         a report for people
  perftable check tables/ -f json -o report.json    every table in a folder, as JSON
  perftable check '**/*.txt' -f sarif -o perftable.sarif --report github=-
  perftable check table.txt --rule indicator/qualitative=off --max-warnings 0
  cat table.txt | perftable check - --stdin-filename table.txt
  perftable check table.txt --write-baseline perftable.baseline.json   accept today's findings
  perftable check table.txt --baseline perftable.baseline.json         fail only on new ones

Exit codes: 0 no error (warnings within --max-warnings), 1 findings that fail, 2 usage error, bad config or baseline, unreadable input, or a report that cannot be written.`,
        `
示例：
  perftable check table.txt                         供人阅读的报告
  perftable check tables/ -f json -o report.json    检查目录中的每张表，输出 JSON
  perftable check '**/*.txt' -f sarif -o perftable.sarif --report github=-
  perftable check table.txt --rule indicator/qualitative=off --max-warnings 0
  cat table.txt | perftable check - --stdin-filename table.txt
  perftable check table.txt --write-baseline perftable.baseline.json   接受现有的问题
  perftable check table.txt --baseline perftable.baseline.json         只对新问题报不通过

退出码：0 没有错误（警告数不超过 --max-warnings），1 有导致不通过的问题，2 用法错误、配置或基线错误、输入无法读取，或报告无法写入。`,
      ),
    )
    .action(async (inputs: string[], opts) => {
      exitCode = await (await import("./check.js")).runCheck(inputs, opts, io);
    });

  program
    .command("convert")
    .description(t("convert a table to JSON (SPEC document), NDJSON (one indicator per line) or CSV", "把表转换为 JSON（SPEC 文档）、NDJSON（每行一个指标）或 CSV"))
    .argument("<input>", t("a file, or - for standard input", "一个文件，或 - 表示标准输入"), input)
    .addOption(new Option("--to <format>", t("output format", "输出格式")).choices(["json", "ndjson", "csv"]).default("json"))
    .option("-o, --output <file>", t("write to a file instead of standard output", "写入文件，而不是标准输出"))
    .addOption(encodingOption().default("auto"))
    .addOption(langOption("language of messages", "消息的语言"))
    .option("--stdin-filename <name>", t("the name of standard input in messages", "消息中标准输入的文件名"))
    .option("--sheet <name>", t("for .xlsx input: the one sheet to read (default: every sheet with a table)", "读取 .xlsx 时只读此工作表（默认：读取每个含表格的工作表）"))
    .option("--jobs <n>", t("threads for one big text table (default: number of cores; tables under 16 MB use one)", "处理单个大文本表的线程数（默认：CPU 核数；16 MB 以下的表用一个线程）"), (v) => parseCount(v, "--jobs", 1))
    .option("--escape-formulas", t("CSV: put ' before cells that start with = + - @, so that a spreadsheet shows them as text instead of running them as formulas (changes those cells' text)", "CSV：在以 = + - @ 开头的单元格前加 '，使电子表格将其显示为文本而不是作为公式执行（会改变这些单元格的文本）"))
    .addHelpText(
      "after",
      t(
        `
Examples:
  perftable convert table.txt                       the JSON document
  perftable convert table.txt --to csv -o table.csv one row per indicator, opens in Excel
  perftable convert table.txt --to csv --escape-formulas -o table.csv  for Excel, from a source you do not trust
  perftable convert table.txt --to ndjson | jq .indicator.name
  perftable convert - < table.txt

Exit codes: 0 a document was produced (parse problems are printed to stderr), 2 usage error, the input is not a readable table, or the output cannot be written.`,
        `
示例：
  perftable convert table.txt                       输出 JSON 文档
  perftable convert table.txt --to csv -o table.csv 每个指标一行，可用 Excel 打开
  perftable convert table.txt --to csv --escape-formulas -o table.csv  来源不可信时，供 Excel 打开
  perftable convert table.txt --to ndjson | jq .indicator.name
  perftable convert - < table.txt

退出码：0 已生成文档（解析问题打印到标准错误），2 用法错误、输入不是可读取的绩效目标表，或输出无法写入。`,
      ),
    )
    .action(async (input: string, opts) => {
      exitCode = await (await import("./convert.js")).runConvert(input, opts, io);
    });

  program
    .command("audit")
    .description(t("audit many tables at once, in parallel, with a summary or an HTML report", "并行审核大量表格，给出汇总或 HTML 报告"))
    .argument("<inputs...>", t("files, directories and globs", "文件、目录和通配符"), inputs)
    .addOption(new Option("-f, --format <format>", t("report format", "报告格式")).choices(["table", "json", "ndjson", "csv", "html"]).default("table"))
    .option("-o, --output <file>", t("write the report to a file instead of standard output", "把报告写入文件，而不是标准输出"))
    .option("--report <format=file>", t("also write a report in another format to a file (repeatable)", "另外把某种格式的报告写入文件（可重复）"), collect, [])
    .option("--jobs <n>", t("worker threads (default: number of cores; batches under ~32 MB run in one thread)", "工作线程数（默认：CPU 核数；约 32 MB 以下的批次用一个线程）"), (v) => parseCount(v, "--jobs", 1))
    .option("--progress", t("show the progress bar under CI too (CI, GITHUB_ACTIONS, GITLAB_CI… set) when standard error is a terminal", "在 CI 中（设置了 CI、GITHUB_ACTIONS、GITLAB_CI 等变量）也显示进度条（标准错误须为终端）"))
    .option("--no-progress", t("no progress bar (the default under CI)", "不显示进度条（CI 中默认不显示）"))
    .addOption(langOption("language of messages", "消息的语言"))
    .addOption(encodingOption())
    .option("--rule <id=severity>", t("set a rule's severity (repeatable)", "设置规则的级别（可重复）"), collect, [])
    .option("--config <file>", t("configuration file", "配置文件"))
    .option("--no-config", t("ignore configuration files", "不读取配置文件"))
    .addHelpText(
      "after",
      t(
        `
Examples:
  perftable audit submissions/                      a table of every department, then totals
  perftable audit submissions/ -f html -o audit.html   a report to open in a browser
  perftable audit 'depts/**/*.txt' -f csv -o audit.csv --jobs 4

Exit codes: 0 no file has an error, 1 some file has an error-level finding, 2 usage error or bad config, a path does not exist, no file was found, or a report cannot be written.`,
        `
示例：
  perftable audit submissions/                      每个部门一行，然后是合计
  perftable audit submissions/ -f html -o audit.html   用浏览器打开的报告
  perftable audit 'depts/**/*.txt' -f csv -o audit.csv --jobs 4

退出码：0 所有文件都没有错误，1 有文件存在错误级别的问题，2 用法错误或配置错误、路径不存在、没有找到文件，或报告无法写入。`,
      ),
    )
    .action(async (inputs: string[], opts) => {
      exitCode = await (await import("./audit.js")).runAudit(inputs, opts, io);
    });

  program
    .command("rules")
    .description(t("list the rules, or show one rule's documentation", "列出规则，或显示一条规则的说明"))
    .argument("[id]", t("a rule id such as amount/unit-rollup", "规则编号，如 amount/unit-rollup"))
    .addOption(new Option("-f, --format <format>", t("output format", "输出格式")).choices(["table", "json"]).default("table"))
    .addOption(langOption("language", "语言"))
    .addHelpText(
      "after",
      t(
        "\nExamples:\n  perftable rules                                 the catalogue: id, default severity, what it checks\n  perftable rules indicator/direction --lang zh   one rule: why it matters, a failing and a passing example\n  perftable rules -f json                         the catalogue for tools\n\nExit codes: 0, or 2 for an unknown rule id.",
        "\n示例：\n  perftable rules                                 规则目录：编号、默认级别、检查什么\n  perftable rules indicator/direction --lang zh   一条规则：为什么重要，一个不通过和一个通过的例子\n  perftable rules -f json                         供工具使用的规则目录\n\n退出码：0；规则编号不存在时为 2。",
      ),
    )
    .action(async (id: string | undefined, opts) => {
      exitCode = await (await import("./rules.js")).runRules(id, opts, io);
    });

  program
    .command("init")
    .description(t("write a starter perftable.config.json in the current folder", "在当前目录写出一个初始的 perftable.config.json"))
    .option("--force", t("overwrite an existing configuration", "覆盖已有的配置文件"))
    .addOption(langOption("language of messages (default: from LANG / LC_ALL)", "消息的语言（默认取自 LANG / LC_ALL）"))
    .addHelpText(
      "after",
      t(
        "\nExamples:\n  perftable init            writes perftable.config.json listing every configurable rule at its default\n  perftable init --force    replaces an existing one\n\nExit codes: 0 written, 2 the file exists (without --force) or cannot be written.",
        "\n示例：\n  perftable init            写出 perftable.config.json，列出每条可配置的规则及其默认级别\n  perftable init --force    替换已有的配置文件\n\n退出码：0 已写出，2 文件已存在（未加 --force）或无法写入。",
      ),
    )
    .action(async (opts) => {
      exitCode = await (await import("./init.js")).runInit(opts, io);
    });

  // `perftable --lang zh check …`: a --lang before the command is the command's own (commander
  // reads a command's options after its name); before --help or --version it chose their language.
  const given = langAfterCommand(argv);
  // No command is a usage error (an empty `$CMD` in a CI script must not pass): the help, exit 2.
  if (given.length === 0) {
    program.outputHelp({ error: true });
    return 2;
  }
  // `help <name>` of no command: commander printed the general help, exit 0; as `<name>` it is an
  // unknown command, with a suggestion.
  const known = (name: string) => program.commands.some((c) => c.name() === name || c.aliases().includes(name));
  const args = given[0] === "help" && given[1] !== undefined && !given[1].startsWith("-") && !known(given[1]) ? given.slice(1) : given;
  try {
    await program.parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      return 2;
    }
    io.stderr.write(`perftable: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/** `--lang X cmd …` (or `--lang=X cmd …`) as `cmd --lang X …`; a leading --lang before no command dropped. */
function langAfterCommand(argv: readonly string[]): readonly string[] {
  const n = argv[0] === "--lang" ? 2 : argv[0]?.startsWith("--lang=") === true ? 1 : 0;
  if (n === 0) return argv;
  const rest = argv.slice(n);
  return rest[0] !== undefined && !rest[0].startsWith("-") ? [rest[0], ...argv.slice(0, n), ...rest.slice(1)] : rest;
}

/** A whole number of at least `min` (--max-warnings: -1 is "no limit"; --jobs: 1). */
function parseCountIn(value: string, flag: string, min: number, lang: Lang): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(lang === "zh" ? `${flag} 需要整数，而不是“${value}”` : `${flag} takes a whole number, not "${value}"`);
  const n = Number(value);
  if (n < min) throw new InvalidArgumentError(lang === "zh" ? `${flag} 至少为 ${min}，而不是 ${value}` : `${flag} must be at least ${min}, not ${value}`);
  return n;
}

/** Help titles in Chinese. */
const TITLES_ZH: Record<string, string> = { "Usage:": "用法：", "Options:": "选项：", "Commands:": "命令：", "Arguments:": "参数：", "Global Options:": "全局选项：" };

/** commander's help in Chinese: titles, and the choices and default after an option's description. */
const HELP_ZH: Partial<Help> = {
  styleTitle: (title: string) => TITLES_ZH[title] ?? title,
  optionDescription(this: Help, option: Option): string {
    return Help.prototype.optionDescription
      .call(this, option)
      .replace(/ \((choices: .*?)?(?:, )?(default: .*)?\)$/, (_all, choices?: string, fallback?: string) => {
        const parts = [choices?.replace("choices: ", "可选：").replace(/, /g, "、"), fallback?.replace("default: ", "默认：")].filter((x) => x !== undefined);
        return `（${parts.join("；")}）`;
      })
      // One pair of brackets, not two: `（可重复）（默认：[]）` → `（可重复；默认：[]）`.
      .replace(/）（([^（）]*)）$/, "；$1）");
  },
};

/** commander's own error lines in Chinese (the rest of what it writes, such as help, as it is). */
const COMMANDER_ZH: [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.*)'/, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.*)'/, "错误：缺少必需的参数 '$1'"],
  [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. (.*)$/, "错误：参数 '$2' 的值 '$1' 无效：$3"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, "错误：选项 '$1' 的值 '$2' 无效，可选：$3"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)$/, "错误：选项 '$1' 的值 '$2' 无效：$3"],
  [/^error: option '(.*)' argument missing/, "错误：选项 '$1' 缺少值"],
  [/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\./, "错误：'$1' 的参数过多：应为 $2 个，实际 $3 个"],
  [/^\(Did you mean (.*)\?\)/, "（是否想输入 $1？）"],
  [/^\(run with --help for usage\)/, "（用 --help 查看用法）"],
];

export function commanderErrorZh(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      for (const [pattern, zh] of COMMANDER_ZH) if (pattern.test(line)) return line.replace(pattern, zh);
      return line;
    })
    .join("\n");
}
