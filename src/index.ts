/**
 * The library: `import { createExtractor } from "recipe-filters"`. The extractor (the
 * graph behind a compile-once facade), the filter-type registry and its types, the output
 * formats, the LangChain query constructor, the graph itself and the catalog search. The
 * CLI (`recipe-filters` bin) is built on exactly these.
 */

// The extractor
export { type BatchLineResult, type BatchOptions, runBatch } from "./extractor/batch.js";
export type { BranchFinished, ExtractionEvent, ExtractionFinished } from "./extractor/events.js";
export {
  createExtractor,
  type ExtractOptions,
  type Extractor,
  type ExtractorOptions,
} from "./extractor/extractor.js";
export { checkQuery, MAX_QUERY_LENGTH, UnusableQueryError } from "./extractor/query-check.js";
export {
  createQueryConstructor,
  PartialFilterError,
  type QueryConstructorOptions,
} from "./extractor/query-constructor.js";
export type { ExtractionResult } from "./extractor/result.js";
export { FilterSchema } from "./filters/filter.js";
// The registry: every declaration and factory of filter-type.ts is public by design.
export * from "./filters/filter-type.js";
export { FILTER_TYPES, filterTypeOf, unitOf } from "./filters/index.js";
// The formats
export {
  checkColumns,
  type DatabricksFilters,
  FORMAT_NAMES,
  type FormatName,
  type FormatOptions,
  formatResult,
  type KnownColumns,
  renderTable,
  type SqlOptions,
  type SqlWhere,
  toDatabricksFilters,
  toSqlWhere,
  toStructuredQuery,
  UnwritableFilterError,
} from "./formats/index.js";
export { fromStructuredQueryJson, InvalidStructuredQueryError } from "./formats/structured-query.js";
// The catalog
export {
  BUNDLED_CATALOG,
  CatalogError,
  openCatalog,
  RECIPE_COLUMNS,
  type RecipeRow,
  searchRecipes,
} from "./search/recipe-store.js";
// The graph, for a caller who composes it into a larger one
export { type BuildOptions, buildGraph, compileGraph } from "./workflow/build.js";
export {
  RecipeFiltersContext,
  type RecipeFiltersSettings,
  resolveSettings,
  SettingsError,
} from "./workflow/configuration.js";
export type { BranchError, Contradiction, Warning } from "./workflow/state.js";
