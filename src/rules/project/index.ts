// Rules of the project area, in catalogue order.
import type { Rule } from "../types.js";

export const projectRules: Rule[] = [];
