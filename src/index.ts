/// <reference types="node" preserve="true" />
// perftable's public API: parse tables and indicator strings, check them, format the results.
// The CLI is a thin layer over these functions. The main entry points (src/entry-points.ts) check
// their arguments' types, for callers without the types. The reference above stays in index.d.ts:
// the types use Node's (NodeJS.ReadableStream, …), and TypeScript 6 no longer includes @types/node
// in a program unless something references it (a project without `"types": ["node"]` failed with
// "Cannot find namespace 'NodeJS'").
export {
  checkFile,
  checkInput,
  decodeBytes,
  formatCsv,
  formatDocuments,
  formatJson,
  formatMessage,
  formatNdjson,
  parseFile,
  parseIndicators,
  parseTable,
  parseTarget,
} from "./entry-points.js";
export { parseRows, type ParseOptions } from "./table/parse.js";
export { renderIndicatorsCell, TableReader, type TableSink } from "./table/reader.js";
export { type EncodingOption } from "./io/decode.js";
export { type CheckFileOptions, type FileOptions } from "./api.js";
export { checkRows, defaultConfig, RuleRunner, type CheckOptions, type ResolvedConfig } from "./validate/run.js";
export { resolveConfig, loadConfigFile, findConfig, ConfigError, type ConfigFile } from "./validate/config.js";
export { applyBaseline, createBaseline, loadBaseline, type Baseline } from "./validate/baseline.js";
export { rules, getRule } from "./rules/index.js";
export type { Rule, RuleMeta, RuleContext, RuleListeners } from "./rules/types.js";
export { resolveLang } from "./i18n/format.js";
export { type ConvertFormat } from "./convert/index.js";
export { main } from "./cli/main.js";
export { VERSION } from "./version.js";
export type * from "./types.js";
