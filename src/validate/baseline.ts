// Baselines: accepted findings keyed by file, sheet (of a workbook), rule id and project (never line
// numbers, so an unrelated edit does not break them) with a count, so a CI gate fails only on new findings.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { FileReport } from "../types.js";
import { ConfigError } from "./config.js";
import { carryText, makeReport, sheetOfRef } from "./run.js";
import { errnoReason } from "../io/errors.js";
import { jsonSyntaxError } from "../io/json-errors.js";
import { realPath } from "../io/inputs.js";

export interface BaselineEntry {
  file: string;
  /**
   * The sheet of a workbook the findings are on (absent for a text table or a .csv): a finding
   * accepted on one sheet does not hide one of the same rule and project on another.
   */
  sheet?: string;
  ruleId: string;
  project: string | null;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

function key(file: string, sheet: string | null, ruleId: string, project: string | null): string {
  return JSON.stringify([file, sheet, ruleId, project]);
}

/** Normalise a path for baseline keys: forward slashes, no leading `./`. */
export function baselinePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

/**
 * Where the baseline file is, so that its keys name files relative to it: `seed.txt`, whether the
 * check ran as `check seed.txt` beside it, `check ./x/seed.txt` one folder up or with an absolute
 * path. Without it, keys are the paths as given (the library's createBaseline / applyBaseline).
 */
export interface BaselinePlace {
  /** The baseline file's folder. */
  root: string;
  /** The folder the checked paths are relative to. */
  cwd: string;
}

function fileKey(path: string, place: BaselinePlace | undefined): string {
  if (place === undefined) return baselinePath(path);
  // Real paths on both sides: a folder reached through a link (a CI workspace, macOS's /tmp) or a
  // linked copy of the tables gives the same keys.
  return baselinePath(relative(realPath(place.root), realPath(resolve(place.cwd, path))));
}


/** The baseline that accepts every finding of these reports. */
export function createBaseline(reports: readonly FileReport[]): Baseline {
  const builder = new BaselineBuilder();
  for (const r of reports) builder.add(r);
  return builder.build();
}

/** createBaseline one report at a time: for a run that writes each file's report as it is checked. */
export class BaselineBuilder {
  private readonly counts = new Map<string, BaselineEntry>();

  constructor(private readonly place?: BaselinePlace) {}

  add(r: FileReport): void {
    const file = fileKey(r.path, this.place);
    // eachDiagnostic, where a huge file has it, walks its findings without making them all at once.
    for (const d of r.eachDiagnostic ? r.eachDiagnostic() : r.diagnostics) {
      if (d.ruleId === "input/unreadable") continue;
      const sheet = sheetOfRef(d.ref);
      const k = key(file, sheet, d.ruleId, d.project);
      const entry = this.counts.get(k);
      if (entry) entry.count++;
      else this.counts.set(k, sheet === null ? { file, ruleId: d.ruleId, project: d.project, count: 1 } : { file, sheet, ruleId: d.ruleId, project: d.project, count: 1 });
    }
  }

  build(): Baseline {
    const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const entries = [...this.counts.values()].sort((a, b) => order(a.file, b.file) || order(a.sheet ?? "", b.sheet ?? "") || order(a.ruleId, b.ruleId) || ((a.project ?? "") < (b.project ?? "") ? -1 : 1));
    return { version: 1, entries };
  }
}

/** Read a baseline file; ConfigError when it is missing or malformed. */
export function loadBaseline(path: string): Baseline {
  let text: string;
  let value: unknown;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the baseline: ${errnoReason(error)}`, `${path}：无法读取基线文件：${errnoReason(error, "zh")}`);
  }
  // A BOM (an editor on Windows saved it) is no reason to refuse the file, as for the configuration.
  text = text.replace(/^\uFEFF/, "");
  try {
    value = JSON.parse(text);
  } catch {
    const { line, column, en, zh } = jsonSyntaxError(text);
    throw new ConfigError(`${path}:${line}:${column}: the baseline is not valid JSON: ${en}`, `${path}:${line}:${column}：基线文件不是有效的 JSON：${zh}`);
  }
  const b = value as Baseline;
  if (!b || b.version !== 1 || !Array.isArray(b.entries)) throw new ConfigError(`${path}: not a perftable baseline (expected {"version": 1, "entries": [...]})`, `${path}：不是 perftable 基线文件（应为 {"version": 1, "entries": [...]}）`);
  for (const [i, e] of b.entries.entries()) {
    if (typeof e?.file !== "string" || !(e.sheet === undefined || typeof e.sheet === "string") || typeof e.ruleId !== "string" || !(typeof e.project === "string" || e.project === null) || !Number.isInteger(e.count)) {
      throw new ConfigError(
        `${path}: entries[${i}] must have file, ruleId, project (string or null) and count, and may have sheet (string)`,
        `${path}：entries[${i}] 必须有 file、ruleId、project（字符串或 null）和 count，可有 sheet（字符串）`,
      );
    }
  }
  return b;
}

/** Remove the findings the baseline accepts (up to each entry's count); returns new reports. */
export function applyBaseline(reports: readonly FileReport[], baseline: Baseline): FileReport[] {
  return reports.map(baselineFilter(baseline));
}

/**
 * applyBaseline one report at a time, in run order (each entry's count is used up across the
 * reports given): for a run that writes each file's report as soon as it is checked.
 */
export function baselineFilter(baseline: Baseline, place?: BaselinePlace): (report: FileReport) => FileReport {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    // Two entries with one key (a hand-merged baseline) accept the findings of both.
    const k = key(baselinePath(e.file), e.sheet ?? null, e.ruleId, e.project);
    remaining.set(k, (remaining.get(k) ?? 0) + e.count);
  }
  return (r) => {
    const file = fileKey(r.path, place);
    // A baseline written before keys were relative to it has the paths as they were given.
    const given = baselinePath(r.path);
    const kept = r.diagnostics.filter((d) => {
      if (d.ruleId === "input/unreadable") return true;
      // A workbook's finding is looked up with its sheet, then without (a baseline written before
      // entries had sheets, when only one sheet of a workbook was read).
      const sheet = sheetOfRef(d.ref);
      const keys = file === given ? [key(file, sheet, d.ruleId, d.project)] : [key(file, sheet, d.ruleId, d.project), key(given, sheet, d.ruleId, d.project)];
      if (sheet !== null) keys.push(key(file, null, d.ruleId, d.project), ...(file === given ? [] : [key(given, null, d.ruleId, d.project)]));
      for (const k of keys) {
        const left = remaining.get(k) ?? 0;
        if (left > 0) {
          remaining.set(k, left - 1);
          return false;
        }
      }
      return true;
    });
    return carryText(r, makeReport(r.path, r.encoding, kept, r.tables));
  };
}
