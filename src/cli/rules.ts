// `perftable rules [id]`: the rule catalogue (id, default severity, summary) or one rule's doc.
import Table from "cli-table3";
import { resolveLang } from "../i18n/format.js";
import { getRule, rules } from "../rules/index.js";
import type { CliIo } from "./io.js";
import { printError } from "./shared.js";

export async function runRules(id: string | undefined, opts: { format: string; lang?: string }, io: CliIo): Promise<number> {
  const lang = resolveLang(opts.lang, io.env);
  const selected = id === undefined ? rules : [getRule(id)].filter((r) => r !== undefined);
  if (id !== undefined && selected.length === 0) {
    printError(io, lang === "zh" ? `未知的规则编号“${id}”（运行 perftable rules 查看列表）` : `unknown rule id "${id}" (run perftable rules for the list)`);
    return 2;
  }
  if (opts.format === "json") {
    io.stdout.write(JSON.stringify(selected.map((r) => r.meta), null, 2) + "\n");
    return 0;
  }
  if (id !== undefined) {
    const m = selected[0]!.meta;
    const heads = lang === "zh" ? ["默认级别", "为什么", "不通过的例子", "通过的例子", "选项"] : ["default severity", "why", "failing example", "passing example", "options"];
    const colon = lang === "zh" ? "：" : ": ";
    io.stdout.write(
      `${m.id} — ${m.docs.summary[lang]}\n\n${heads[0]}${colon}${m.defaultSeverity}\n\n${heads[1]}${colon.trimEnd()}\n  ${m.docs.why[lang]}\n\n${heads[2]}${colon.trimEnd()}\n  ${m.docs.bad.replace(/\n/g, "\n  ")}\n\n${heads[3]}${colon.trimEnd()}\n  ${m.docs.good.replace(/\n/g, "\n  ")}\n` +
        (m.defaultOptions ? `\n${heads[4]}${colon}${JSON.stringify(m.defaultOptions)}\n` : ""),
    );
    return 0;
  }
  const table = new Table({ head: lang === "zh" ? ["规则", "默认级别", "检查内容"] : ["rule", "default", "what it checks"], style: { head: [], border: [] } });
  for (const r of selected) table.push([r.meta.id, r.meta.defaultSeverity, r.meta.docs.summary[lang]]);
  io.stdout.write(table.toString() + "\n");
  return 0;
}
