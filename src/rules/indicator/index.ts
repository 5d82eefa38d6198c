// Rules of the indicator area, in catalogue order.
import type { Rule } from "../types.js";
import syntax from "./syntax.js";
import sequence from "./sequence.js";
import category from "./category.js";
import missingValue from "./missing-value.js";
import percentRange from "./percent-range.js";
import vacuousTarget from "./vacuous-target.js";
import annualExceedsPeriod from "./annual-exceeds-period.js";
import targetMismatch from "./target-mismatch.js";
import direction from "./direction.js";
import qualitative from "./qualitative.js";
import noUnit from "./no-unit.js";
import rateUnit from "./rate-unit.js";
import duplicate from "./duplicate.js";
import satisfactionPlacement from "./satisfaction-placement.js";
import satisfactionThreshold from "./satisfaction-threshold.js";

export const indicatorRules: Rule[] = [
  syntax,
  sequence,
  category,
  missingValue,
  percentRange,
  vacuousTarget,
  annualExceedsPeriod,
  targetMismatch,
  direction,
  qualitative,
  noUnit,
  rateUnit,
  duplicate,
  satisfactionPlacement,
  satisfactionThreshold,
];
