// Rules of the project area, in catalogue order.
import type { Rule } from "../types.js";
import missingGoal from "./missing-goal.js";
import missingIndicators from "./missing-indicators.js";
import missingOutput from "./missing-output.js";
import missingEffect from "./missing-effect.js";
import missingSatisfaction from "./missing-satisfaction.js";
import missingCost from "./missing-cost.js";
import fewIndicators from "./few-indicators.js";
import duplicateName from "./duplicate-name.js";
import missingName from "./missing-name.js";

export const projectRules: Rule[] = [
  missingGoal,
  missingIndicators,
  missingOutput,
  missingEffect,
  missingSatisfaction,
  missingCost,
  fewIndicators,
  duplicateName,
  missingName,
];
