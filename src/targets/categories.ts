// The indicator category catalogue of SPEC §5 as data (level-1 产出/效益/满意度/成本, level-2 数量 … 满意度),
// and the classification of an indicator's two categories against it (group, or what is wrong).
import { textFacts, type Category } from "../types.js";

/** The group a level-1 category stands for. */
export type CategoryGroup = "output" | "effect" | "satisfaction" | "cost";

/** A catalogue entry. `code` null: recognised by name only (the 2021 structure's 成本指标, codes vary). */
export interface CatalogueEntry {
  code: string | null;
  /** Names without the suffix 指标: the canonical one first, then accepted aliases. */
  names: readonly string[];
}

export interface Level1Entry extends CatalogueEntry {
  group: CategoryGroup;
}

export interface Level2Entry extends CatalogueEntry {
  /** The canonical name (without 指标) of the level-1 category it belongs to. */
  parent: string;
}

/** Level-1 categories. */
export const LEVEL1_CATEGORIES: readonly Level1Entry[] = [
  { code: "1", names: ["产出"], group: "output" },
  { code: "2", names: ["效益"], group: "effect" },
  { code: "3", names: ["满意度"], group: "satisfaction" },
  { code: null, names: ["成本"], group: "cost" },
];

/** Level-2 categories. */
export const LEVEL2_CATEGORIES: readonly Level2Entry[] = [
  { code: "11", names: ["数量"], parent: "产出" },
  { code: "12", names: ["质量"], parent: "产出" },
  { code: "13", names: ["时效", "进度"], parent: "产出" },
  { code: "14", names: ["成本"], parent: "产出" },
  { code: "21", names: ["经济效益"], parent: "效益" },
  { code: "22", names: ["社会效益"], parent: "效益" },
  { code: "23", names: ["生态效益", "环境效益", "生态环境效益"], parent: "效益" },
  { code: "24", names: ["可持续影响"], parent: "效益" },
  { code: "31", names: ["服务对象满意度", "社会公众或服务对象满意度"], parent: "满意度" },
  { code: null, names: ["经济成本"], parent: "成本" },
  { code: null, names: ["社会成本"], parent: "成本" },
  { code: null, names: ["生态环境成本"], parent: "成本" },
];

/** A category name for comparison: trimmed, without the suffix 指标 (`数量指标` and `数量` are equal). */
export function normalizeCategoryName(name: string): string {
  const t = name.trim();
  return t.endsWith("指标") && t.length > 2 ? t.slice(0, -2).trimEnd() : t;
}

function findByName<T extends CatalogueEntry>(entries: readonly T[], name: string): T | undefined {
  const n = normalizeCategoryName(name);
  return entries.find((e) => e.names.includes(n));
}

function findByCode<T extends CatalogueEntry>(entries: readonly T[], code: string | null): T | undefined {
  return code === null ? undefined : entries.find((e) => e.code === code);
}

/** What is wrong with an indicator's categories: a message id of `indicator/category` and its data. */
export interface CategoryProblem {
  messageId: "unknownLevel1" | "unknownLevel2" | "codeNameMismatch" | "level2NotUnderLevel1";
  data: Record<string, string>;
}

export interface CategoryClassification {
  group: CategoryGroup | null;
  problem: CategoryProblem | null;
}

/** `1-产出指标` or `成本指标`: a category as published. */
function showCategory(c: Category): string {
  return c.code === null ? c.name : `${c.code}-${c.name}`;
}

/**
 * Look one category up: the entry it names, and a problem when its name is unknown or its code
 * belongs to another name (`11-质量指标`). A name is trusted over a code; entries without a code
 * (成本 of the 2021 structure) accept any code.
 */
function lookUp<T extends CatalogueEntry>(
  entries: readonly T[],
  c: Category,
  level: 1 | 2,
): { entry: T | undefined; problem: CategoryProblem | null } {
  const byName = findByName(entries, c.name);
  const byCode = findByCode(entries, c.code);
  const data = { level: String(level), code: c.code ?? "", name: c.name, category: showCategory(c) };
  if (byName === undefined) {
    return { entry: byCode, problem: { messageId: level === 1 ? "unknownLevel1" : "unknownLevel2", data } };
  }
  if (c.code !== null && byName.code !== null && byName.code !== c.code) {
    return { entry: byName, problem: { messageId: "codeNameMismatch", data: { ...data, expected: byName.code } } };
  }
  return { entry: byName, problem: null };
}

/**
 * Classify an indicator's level-1 and level-2 categories: the group of its level-1 (output,
 * effect, satisfaction, cost; by code when the name is unknown) and the first problem found:
 * `unknownLevel1`, `codeNameMismatch` (level 1), `unknownLevel2`, `codeNameMismatch` (level 2),
 * `level2NotUnderLevel1`. Data: `level`, `code`, `name`, `category` (as published), and
 * `expected` (the code the name has) or `level1`/`level2` (as published). Nulls (an indicator that
 * did not parse) give no group and no problem.
 */
export function classifyCategories(level1: Category | null, level2: Category | null): CategoryClassification {
  if (level1 === null) return NOTHING;
  // Several rules ask about every indicator, and indicators repeat: the answer is kept in the facts
  // slot of the indicator's text (parsed categories have one), for the level-2 it was asked with.
  const facts = textFacts(level1);
  if (facts === undefined) return classifyUncached(level1, level2);
  if (facts.categories === null || facts.categories.level2 !== level2) facts.categories = { level2, result: classifyUncached(level1, level2) };
  return facts.categories.result;
}

const NOTHING: CategoryClassification = Object.freeze({ group: null, problem: null });

function classifyUncached(level1: Category, level2: Category | null): CategoryClassification {
  const one = lookUp(LEVEL1_CATEGORIES, level1, 1);
  const group = one.entry?.group ?? null;
  if (one.problem !== null) return { group, problem: one.problem };
  if (level2 === null) return { group, problem: null };
  const two = lookUp(LEVEL2_CATEGORIES, level2, 2);
  if (two.problem !== null) return { group, problem: two.problem };
  if (one.entry !== undefined && two.entry !== undefined && two.entry.parent !== one.entry.names[0]) {
    return {
      group,
      problem: { messageId: "level2NotUnderLevel1", data: { level1: showCategory(level1), level2: showCategory(level2) } },
    };
  }
  return { group, problem: null };
}

/** A cost indicator: level-2 code 14 (or named 成本指标), or under a level-1 成本指标 (2021 structure). */
export function isCostIndicator(level1: Category | null, level2: Category | null): boolean {
  if (level2 !== null && (level2.code === "14" || normalizeCategoryName(level2.name) === "成本")) return true;
  if (level1 !== null && normalizeCategoryName(level1.name) === "成本") return true;
  return false;
}

/**
 * Message templates for the problems above (the `indicator/category` rule may use or reword them).
 * Placeholders are the keys of `CategoryProblem.data`.
 */
export const CATEGORY_MESSAGES = {
  unknownLevel1: { zh: "一级指标“{category}”不在指标体系中", en: "level-1 category “{category}” is not in the catalogue" },
  unknownLevel2: { zh: "二级指标“{category}”不在指标体系中", en: "level-2 category “{category}” is not in the catalogue" },
  codeNameMismatch: {
    zh: "指标编码 {code} 与名称“{name}”不对应（应为 {expected}）",
    en: "category code {code} does not match the name “{name}” (expected {expected})",
  },
  level2NotUnderLevel1: {
    zh: "二级指标“{level2}”不属于一级指标“{level1}”",
    en: "level-2 category “{level2}” does not belong to level-1 “{level1}”",
  },
} as const;
