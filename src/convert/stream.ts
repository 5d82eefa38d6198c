// Streaming convert: reads a text table from disk chunk by chunk and writes JSON, NDJSON or CSV
// as projects are read, so a table of any size converts in flat memory and no output string nears
// V8's length limit. The bytes written are exactly those of the in-memory formatters.
import { readStreamed, streamRows, type StreamPlan } from "../io/stream.js";
import type { EncodingOption } from "../io/decode.js";
import { unreadable } from "../table/parse.js";
import { TableReader, type TableSink } from "../table/reader.js";
import type { AmountRow, Diagnostic, Project, TableDocument, Unit } from "../types.js";
import { type ConvertFormat, csvHeader, csvRows, JsonWriter, ndjsonLines } from "./index.js";

export type Write = (text: string) => void | Promise<void>;

/** Writes the JSON of each table as its parts arrive (see `JsonWriter`). */
class JsonSink implements TableSink {
  private readonly writer: JsonWriter;
  private unitOpen: Unit | null = null;
  readonly diagnostics: Diagnostic[] = [];

  constructor(tables: number) {
    this.writer = new JsonWriter(tables);
  }

  drain(): string {
    return this.writer.drain();
  }

  startTable(doc: TableDocument): void {
    this.writer.startTable(doc);
  }

  total(_row: AmountRow): void {}

  project(project: Project, unit: Unit, doc: TableDocument): void {
    if (this.unitOpen !== unit) {
      this.writer.openUnit(unit, doc);
      this.unitOpen = unit;
    }
    this.writer.project(project);
  }

  endUnit(unit: Unit, doc: TableDocument): void {
    if (this.unitOpen !== unit) this.writer.openUnit(unit, doc);
    this.writer.closeUnit(unit);
    this.unitOpen = null;
  }

  endTable(doc: TableDocument): void {
    this.writer.endTable(doc);
  }

  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

/** Writes NDJSON lines or CSV rows per project. */
class RowSink implements TableSink {
  private out: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private started = false;
  constructor(private readonly format: "ndjson" | "csv") {}
  drain(): string {
    const s = this.out.join("");
    this.out = [];
    return s;
  }
  startTable(): void {
    if (this.format === "csv" && !this.started) this.out.push(csvHeader());
    this.started = true;
  }
  total(): void {}
  project(project: Project, unit: Unit, doc: TableDocument): void {
    const one: TableDocument = { ...doc, units: [{ ...unit, projects: [project] }] };
    if (this.format === "ndjson") for (const line of ndjsonLines(one)) this.out.push(line);
    else for (const row of csvRows(one)) this.out.push(row);
  }
  endUnit(): void {}
  endTable(): void {}
  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

/** Count the header rows (tables) of a file cheaply: the JSON output needs to know one vs. several. */
async function countTables(path: string, plan: StreamPlan, seen: { text: boolean }): Promise<number> {
  let n = 0;
  const reader = new TableReader(
    { startTable: () => void n++, total() {}, project() {}, endUnit() {}, endTable() {}, diagnostic() {} },
    { encoding: plan.encoding, retain: false, skipIndicators: true },
  );
  for await (const rows of streamRows(path, plan, seen)) for (const row of rows) reader.push(row);
  reader.end();
  return n;
}

export interface StreamConvertResult {
  tables: number;
  diagnostics: Diagnostic[];
  encoding: string | null;
}

/**
 * Convert the text table at `path` (absolute) and hand the output to `write` piece by piece.
 * Returns the number of tables and the reader's diagnostics (an `input/unreadable` one when the
 * file is not a readable table; then nothing was written).
 */
export function convertStreamed(path: string, head: Uint8Array, format: ConvertFormat, write: Write, encoding: EncodingOption = "auto"): Promise<StreamConvertResult> {
  return readStreamed<StreamConvertResult>(
    path,
    head,
    encoding,
    async (plan) => {
      const seen = { text: false };
      const tables = await countTables(path, plan, seen);
      if (tables === 0) return { tables: 0, diagnostics: [unreadable(seen.text ? "noTable" : "empty")], encoding: plan.encoding };
      const sink = format === "json" ? new JsonSink(tables) : new RowSink(format);
      const reader = new TableReader(sink, { encoding: plan.encoding, retain: false });
      for await (const rows of streamRows(path, plan, { text: false }, 16)) {
        for (const row of rows) reader.push(row);
        const text = sink.drain();
        if (text !== "") await write(text);
      }
      reader.end();
      const rest = sink.drain();
      if (rest !== "") await write(rest);
      return { tables, diagnostics: sink.diagnostics, encoding: plan.encoding };
    },
    (failure) => ({ tables: 0, diagnostics: [unreadable(failure.messageId, failure.data)], encoding: null }),
  );
}
