// cli-table3's own helpers (not in its typings): `strlen` is how it measures a cell, so a table
// drawn in pieces gets exactly the column widths it would compute itself.
declare module "cli-table3/src/utils.js" {
  /** Display width of the widest line of `text`, colour codes left out. */
  export function strlen(text: string): number;
}
