// Test helpers: paths and texts of fixtures, and small edits of the seed table.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SEED_PATH = `${ROOT}fixtures/seed-guangzhou-finance-bureau.txt`;
export const SEED = readFileSync(SEED_PATH, "utf8");

/** The text of a fixture under fixtures/. */
export function fixture(name: string): string {
  return readFileSync(`${ROOT}fixtures/${name}`, "utf8");
}

/** The seed with `from` replaced by `to` exactly once (fails loudly when `from` is absent). */
export function editSeed(from: string, to: string, text = SEED): string {
  const i = text.indexOf(from);
  if (i === -1 || text.indexOf(from, i + 1) !== -1) throw new Error(`editSeed: "${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
