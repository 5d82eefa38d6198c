// Rows of cells with their positions: what every input format (TSV text, .csv, .xlsx) is turned
// into before the table reader sees it.

/** One cell: its text with surrounding spaces removed, and where that text starts. */
export interface RawCell {
  text: string;
  /** 1-based line of the cell's first character (quoted cells of text and .csv input may span lines). */
  line: number;
  /** 1-based column (code points) of the cell's first character. */
  column: number;
  /** Spreadsheet reference (`Sheet1!G12`) for .xlsx/.csv input. */
  ref?: string;
  /**
   * An .xlsx cell with line breaks (Alt+Enter): positions inside it stay on its row (`line`), its
   * line breaks counted as characters, as the row is the sheet's and not a line of a text file.
   */
  oneLine?: boolean;
  /**
   * Offsets in `text` of the quotes a quoted cell (of a text table or a .csv) wrote doubled (`""`,
   * read as one `"`): each takes two columns in the file, so positions after it on its line are one
   * further right.
   */
  doubled?: number[];
  /**
   * An .xlsx number shown with text around it (`¥1,234.50`, `12.50万元`, `(3.00)`, an accounting
   * `-` for zero): the number as shown without that text (`1,234.50`, `12.50`, `-3.00`, `0`), which
   * a money column reads; `text` stays what the sheet shows.
   */
  amount?: string;
  /** The money unit that number's format names (`万元` in `#,##0.00"万元"`). */
  unit?: string;
  /**
   * An empty .xlsx cell covered by a range merged down from a row above in its column (a 绩效目标
   * merged over several projects): the range's first cell, which holds its text. Read in its stead
   * only where a merged cell means the same text for every row it spans (goal, indicators).
   */
  mergedFrom?: RawCell;
}

/** One row: its 1-based line and its cells in order (trailing empty cells may be absent). */
export interface RawRow {
  line: number;
  cells: RawCell[];
}
