// The commander program: parses arguments, runs one command, returns the exit code
// (0 pass, 1 findings that fail, 2 usage error / bad config / unreadable input). Never throws.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { type CliIo, processIo } from "./io.js";
import { VERSION } from "../version.js";
import { resolveLang } from "../i18n/lang.js";
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
  const program = new Command();
  program
    .name("perftable")
    .description("Parse, convert and check Chinese performance target tables (项目支出绩效目标表).\n解析、转换和检查项目支出绩效目标表。")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(lang === "zh" ? commanderErrorZh(s) : s),
    })
    .exitOverride();

  program
    .command("check")
    .description("check tables against the rules; the exit code says pass (0), fail (1) or unusable (2)")
    .argument("<inputs...>", "files, directories (recursing into .txt/.tsv/.csv/.xlsx), globs, or - for standard input")
    .addOption(new Option("-f, --format <format>", "report format").choices(["pretty", "json", "sarif", "github", "junit", "summary"]).default("pretty"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--report <format=file>", "also write a report in another format to a file (repeatable)", collect, [])
    .addOption(new Option("--lang <lang>", "language of messages (default: from LANG / LC_ALL)").choices(["zh", "en"]))
    .addOption(new Option("--encoding <encoding>", "input encoding").choices(["auto", "utf-8", "gb18030", "utf-16le", "utf-16be"]))
    .option("--max-warnings <n>", "fail (exit 1) when there are more warnings than this", (v) => parseCount(v, "--max-warnings", -1))
    .option("--quiet", "report errors only (--max-warnings still counts the warnings)")
    .option("--rule <id=severity>", "set a rule's severity: off, info, warning, error (repeatable)", collect, [])
    .option("--config <file>", "configuration file (default: perftable.config.json here or in a parent folder)")
    .option("--no-config", "ignore configuration files")
    .option("--baseline <file>", "ignore the findings accepted in this baseline file")
    .option("--write-baseline <file>", "write a baseline accepting every current finding")
    .option("--stdin-filename <name>", "the name of standard input in messages")
    .option("--sheet <name>", "for .xlsx input: the sheet to read")
    .option("--jobs <n>", "threads for one big text table (default: number of cores; tables under 16 MB use one)", (v) => parseCount(v, "--jobs", 1))
    .addHelpText(
      "after",
      `
Examples:
  perftable check table.txt                         a report for people
  perftable check tables/ -f json -o report.json    every table in a folder, as JSON
  perftable check '**/*.txt' -f sarif -o perftable.sarif --report github=-
  perftable check table.txt --rule indicator/qualitative=off --max-warnings 0
  cat table.txt | perftable check - --stdin-filename table.txt
  perftable check table.txt --write-baseline perftable.baseline.json   accept today's findings
  perftable check table.txt --baseline perftable.baseline.json         fail only on new ones

Exit codes: 0 no error (warnings within --max-warnings), 1 findings that fail, 2 usage error, bad config or unreadable input.`,
    )
    .action(async (inputs: string[], opts) => {
      exitCode = await (await import("./check.js")).runCheck(inputs, opts, io);
    });

  program
    .command("convert")
    .description("convert a table to JSON (SPEC document), NDJSON (one indicator per line) or CSV")
    .argument("<input>", "a file, or - for standard input")
    .addOption(new Option("--to <format>", "output format").choices(["json", "ndjson", "csv"]).default("json"))
    .option("-o, --output <file>", "write to a file instead of standard output")
    .addOption(new Option("--encoding <encoding>", "input encoding").choices(["auto", "utf-8", "gb18030", "utf-16le", "utf-16be"]).default("auto"))
    .addOption(new Option("--lang <lang>", "language of messages").choices(["zh", "en"]))
    .option("--stdin-filename <name>", "the name of standard input in messages")
    .option("--sheet <name>", "for .xlsx input: the sheet to read")
    .option("--jobs <n>", "threads for one big text table (default: number of cores; tables under 16 MB use one)", (v) => parseCount(v, "--jobs", 1))
    .addHelpText(
      "after",
      `
Examples:
  perftable convert table.txt                       the JSON document
  perftable convert table.txt --to csv -o table.csv one row per indicator, opens in Excel
  perftable convert table.txt --to ndjson | jq .indicator.name
  perftable convert - < table.txt

Exit codes: 0 a document was produced (parse problems are printed to stderr), 2 the input is not a readable table.`,
    )
    .action(async (input: string, opts) => {
      exitCode = await (await import("./convert.js")).runConvert(input, opts, io);
    });

  program
    .command("audit")
    .description("audit many tables at once, in parallel, with a summary or an HTML report")
    .argument("<inputs...>", "files, directories and globs")
    .addOption(new Option("-f, --format <format>", "report format").choices(["table", "json", "ndjson", "csv", "html"]).default("table"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--report <format=file>", "also write a report in another format to a file (repeatable)", collect, [])
    .option("--jobs <n>", "worker threads (default: number of cores; batches under ~32 MB run in one thread)", (v) => parseCount(v, "--jobs", 1))
    .option("--no-progress", "no progress bar")
    .addOption(new Option("--lang <lang>", "language of messages").choices(["zh", "en"]))
    .addOption(new Option("--encoding <encoding>", "input encoding").choices(["auto", "utf-8", "gb18030", "utf-16le", "utf-16be"]))
    .option("--rule <id=severity>", "set a rule's severity (repeatable)", collect, [])
    .option("--config <file>", "configuration file")
    .option("--no-config", "ignore configuration files")
    .addHelpText(
      "after",
      `
Examples:
  perftable audit submissions/                      a table of every department, then totals
  perftable audit submissions/ -f html -o audit.html   a report to open in a browser
  perftable audit 'depts/**/*.txt' -f csv -o audit.csv --jobs 4

Exit codes: 0 no file has an error, 1 some file has an error-level finding, 2 a path does not exist or no file was found.`,
    )
    .action(async (inputs: string[], opts) => {
      exitCode = await (await import("./audit.js")).runAudit(inputs, opts, io);
    });

  program
    .command("rules")
    .description("list the rules, or show one rule's documentation")
    .argument("[id]", "a rule id such as amount/unit-rollup")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(new Option("--lang <lang>", "language").choices(["zh", "en"]))
    .addHelpText("after", "\nExamples:\n  perftable rules                                 the catalogue: id, default severity, what it checks\n  perftable rules indicator/direction --lang zh   one rule: why it matters, a failing and a passing example\n  perftable rules -f json                         the catalogue for tools\n\nExit codes: 0, or 2 for an unknown rule id.")
    .action(async (id: string | undefined, opts) => {
      exitCode = await (await import("./rules.js")).runRules(id, opts, io);
    });

  program
    .command("init")
    .description("write a starter perftable.config.json in the current folder")
    .option("--force", "overwrite an existing configuration")
    .addOption(new Option("--lang <lang>", "language of messages (default: from LANG / LC_ALL)").choices(["zh", "en"]))
    .addHelpText("after", "\nExamples:\n  perftable init            writes perftable.config.json listing every rule at its default\n  perftable init --force    replaces an existing one\n\nExit codes: 0 written, 2 the file exists (without --force) or cannot be written.")
    .action(async (opts) => {
      exitCode = await (await import("./init.js")).runInit(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
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

/** A whole number of at least `min` (--max-warnings: -1 is "no limit"; --jobs: 1). */
function parseCountIn(value: string, flag: string, min: number, lang: Lang): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(lang === "zh" ? `${flag} 需要整数，而不是“${value}”` : `${flag} takes a whole number, not "${value}"`);
  const n = Number(value);
  if (n < min) throw new InvalidArgumentError(lang === "zh" ? `${flag} 至少为 ${min}，而不是 ${value}` : `${flag} must be at least ${min}, not ${value}`);
  return n;
}

/** commander's own error lines in Chinese (the rest of what it writes, such as help, as it is). */
const COMMANDER_ZH: [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.*)'/, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.*)'/, "错误：缺少必需的参数 '$1'"],
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
