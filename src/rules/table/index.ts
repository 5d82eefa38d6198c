// Rules of the table area, in catalogue order.
import type { Rule } from "../types.js";
import header from "./header.js";
import preamble from "./preamble.js";
import ambiguousRow from "./ambiguous-row.js";
import empty from "./empty.js";
import missingTotal from "./missing-total.js";

export const tableRules: Rule[] = [header, preamble, ambiguousRow, empty, missingTotal];
