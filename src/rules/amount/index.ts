// Rules of the amount area, in catalogue order.
import type { Rule } from "../types.js";
import format from "./format.js";
import negative from "./negative.js";
import rowSum from "./row-sum.js";
import unitRollup from "./unit-rollup.js";
import totalRollup from "./total-rollup.js";
import rounding from "./rounding.js";
import zeroProject from "./zero-project.js";

export const amountRules: Rule[] = [format, negative, rowSum, unitRollup, totalRollup, rounding, zeroProject];
