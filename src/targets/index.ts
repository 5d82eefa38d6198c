// Typed target values and the indicator category catalogue: the public face of src/targets/.
export { parseTarget, isPercentUnit, shiftDecimal } from "./parse-target.js";
export {
  classifyCategories,
  isCostIndicator,
  normalizeCategoryName,
  LEVEL1_CATEGORIES,
  LEVEL2_CATEGORIES,
  CATEGORY_MESSAGES,
} from "./categories.js";
export type {
  CategoryGroup,
  CategoryClassification,
  CategoryProblem,
  CatalogueEntry,
  Level1Entry,
  Level2Entry,
} from "./categories.js";
