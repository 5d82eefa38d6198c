// `perftable convert`: one input to JSON / NDJSON / CSV. Parse problems go to stderr as
// diagnostics; exit 0 when a document was produced, 2 when the input is not a readable table.
import { parseFile } from "../api.js";
import { type ConvertFormat, formatDocuments } from "../convert/index.js";
import { formatMessage, resolveLang } from "../i18n/format.js";
import type { EncodingOption } from "../io/decode.js";
import { makeReport } from "../validate/run.js";
import type { CliIo } from "./io.js";
import { emit, printError } from "./shared.js";
import { sanitizeText } from "../reporters/sanitize.js";

export interface ConvertCliOptions {
  to: ConvertFormat;
  output?: string;
  encoding: EncodingOption;
  lang?: string;
  stdinFilename?: string;
  sheet?: string;
}

export async function runConvert(input: string, opts: ConvertCliOptions, io: CliIo): Promise<number> {
  const lang = resolveLang(opts.lang, io.env);
  const path = input === "-" ? (opts.stdinFilename ?? "<stdin>") : input;
  const result = await parseFile(input, { path, encoding: opts.encoding, sheet: opts.sheet, cwd: io.cwd, stdin: io.stdin });
  const report = makeReport(path, null, result.diagnostics);
  for (const d of report.diagnostics) {
    io.stderr.write(sanitizeText(`${path}:${d.line}:${d.column}  ${d.severity}  ${formatMessage(d, lang)}  ${d.ruleId}`) + "\n");
  }
  if (result.value.length === 0) return 2;
  try {
    await emit(formatDocuments(opts.to, result.value), opts.output, io);
  } catch (error) {
    printError(io, (error as Error).message);
    return 2;
  }
  return 0;
}
