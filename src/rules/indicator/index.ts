// Rules of the indicator area, in catalogue order.
import type { Rule } from "../types.js";

export const indicatorRules: Rule[] = [];
