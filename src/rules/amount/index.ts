// Rules of the amount area, in catalogue order.
import type { Rule } from "../types.js";

export const amountRules: Rule[] = [];
