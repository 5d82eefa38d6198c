// Rules of the table area, in catalogue order.
import type { Rule } from "../types.js";

export const tableRules: Rule[] = [];
