// Helpers of the table rules that judge a whole table at its end.
import type { Span, TableDocument } from "../../types.js";

/**
 * Counts a table's projects: listeners to spread into a rule's, and the count at `tableEnd`. A unit
 * another thread checked counts as one (it belongs to a table big enough to be cut, never empty).
 */
export function projectCounter(): { listeners: { project(): void; unitElsewhere(): void }; readonly count: number } {
  let count = 0;
  return {
    listeners: { project: () => void count++, unitElsewhere: () => void count++ },
    get count() {
      return count;
    },
  };
}

/** The start of a table's header row, where a finding about the whole table is reported. */
export function headerSpan(header: NonNullable<TableDocument["header"]>): Span {
  return { line: header.line, column: 1, endLine: header.line, endColumn: 2 };
}
