// A streaming reader (retain: false) hands each unit to its sink and then lets it go: kept in the
// document, a unit's cells (slices of the text read) would keep that text in memory, and a huge
// table would keep nearly all of itself (a 1 GB table checked in 686 MiB instead of 332).
import { describe, expect, it } from "vitest";
import { TableReader, type TableSink } from "../../src/table/reader.js";
import { splitRows } from "../../src/table/split.js";
import type { TableDocument, Unit } from "../../src/types.js";
import { SEED } from "../helpers/fixtures.js";

function read(retain: boolean) {
  const seen: { units: string[]; inDocument: number[] } = { units: [], inDocument: [] };
  let doc: TableDocument | null = null;
  const sink: TableSink = {
    startTable: (d) => void (doc = d),
    total() {},
    project() {},
    endUnit(unit: Unit, d: TableDocument) {
      seen.units.push(`${unit.name}:${unit.projects.length}`);
      seen.inDocument.push(d.units.length);
    },
    endTable() {},
    diagnostic() {},
  };
  const reader = new TableReader(sink, { encoding: "utf-8", retain });
  for (const row of splitRows(SEED)) reader.push(row);
  reader.end();
  return { seen, doc: doc! as TableDocument };
}

describe("the streaming reader", () => {
  it("lets each unit go once its sink has had it, with its projects", () => {
    const streamed = read(false);
    const kept = read(true);
    // The sink sees the same units with their projects either way.
    expect(streamed.seen.units).toEqual(kept.seen.units);
    expect(streamed.seen.units).toEqual(["广州开发区金融工作局:12", "广州开发区金融工作服务中心:1"]);
    // While a unit is handed on, it is the only one in the document; afterwards none is.
    expect(streamed.seen.inDocument).toEqual([1, 1]);
    expect(streamed.doc.units).toEqual([]);
    // Kept (convert's in-memory documents): every unit and project stays.
    expect(kept.doc.units.map((u) => u.projects.length)).toEqual([12, 1]);
  });
});
