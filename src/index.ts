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
  type DecidedExtractOptions,
  DecidedRun,
  type ExtractOptions,
  type Extractor,
  type ExtractorOptions,
} from "./extractor/extractor.js";
export {
  createQueryConstructor,
  PartialFilterError,
  type QueryConstructorOptions,
} from "./extractor/query-constructor.js";
export type { ExtractionResult } from "./extractor/result.js";
// The registry: what a filter type declares and the two factories are public by design.
export {
  type CategoryAnswer,
  type CategoryFilterType,
  type CategoryFilterTypeSpec,
  defineCategoryFilterType,
} from "./filters/category-filter-type.js";
export { FilterSchema } from "./filters/filter.js";
export * from "./filters/filter-type.js";
export { BUILT_IN_REGISTRY, type BuiltInColumn, FILTER_TYPES } from "./filters/index.js";
export {
  defineNumericFilterType,
  type NumericAnswer,
  type NumericFilterTypeSpec,
} from "./filters/numeric-filter-type.js";
export { numericPrompt } from "./filters/prompts.js";
export { createRegistry, type Registry } from "./filters/registry.js";
// The formats
export {
  checkColumns,
  type DatabricksFilters,
  type DatabricksQuery,
  FORMAT_NAMES,
  type FormatName,
  type FormatOptions,
  formatResult,
  renderTable,
  type SqlOptions,
  type SqlWhere,
  toDatabricksFilters,
  toDatabricksQuery,
  toSqlWhere,
  toStructuredQuery,
  UnwritableFilterError,
} from "./formats/index.js";
export { fromStructuredQueryJson, InvalidStructuredQueryError } from "./formats/structured-query.js";
// The rest of the query once the filters took their words
export { type ResidualOptions, residualOf } from "./query/residual.js";
// The catalog, and the search over it: filters + residual → ranked recipes
export {
  createRecipesTable,
  recipeColumns,
  SEARCH_TEXT_COLUMNS,
} from "./search/catalog-schema.js";
export { fuseWithEmbeddings, hybridSearch, MAX_EMBEDDED_RECIPES, RRF_K } from "./search/embedding-fusion.js";
export {
  type RankedRecipe,
  type RankedSearch,
  type RankedSearchRequest,
  type Relaxation,
  rankedSearch,
} from "./search/ranked-search.js";
export {
  BUNDLED_CATALOG,
  CatalogError,
  type CatalogOptions,
  MAX_CATALOG_BYTES,
  openCatalog,
  type RecipeRow,
  searchRecipes,
} from "./search/recipe-store.js";
export { searchTerms } from "./search/search-terms.js";
// Secrets: a redactor value for error records (the library keeps no process-wide list)
export { createRedactor, type Redactor, secretsFromEnv } from "./secrets/redact.js";
// For the caller's own edge: the environment variables of .env.example as settings
export { type EnvironmentSettings, settingsFromEnv } from "./settings/environment.js";
export { allowedEndpoints, type OperatorSettings, SettingsError } from "./settings/operator.js";
export {
  createRunDecider,
  MAX_MODEL_NAME,
  type RecipeFiltersContext,
  type RunDecider,
  type RunSettings,
} from "./settings/run.js";
// OpenTelemetry tracing (MLflow, any OTLP backend); the SDK loads only when it is turned on
export {
  enableOpenTelemetry,
  flushOpenTelemetryOrWarn,
  type OpenTelemetryOptions,
  type OpenTelemetryTracing,
  openTelemetryEnabled,
  openTelemetryFromEnv,
  type SpanDeliveryReport,
} from "./tracing/opentelemetry.js";
/**
 * Opt-in, for a process with more than eight filter types in one graph: raises Node's default
 * listener limit so LangGraph's shared abort signal does not warn (see the file). The library
 * never does it on its own; the CLI and the Studio entry, whose processes they are, do.
 */
export { allowAbortListenersFor } from "./workflow/abort-listeners.js";
// The graph, for a caller who composes it into a larger one
export { type BuildOptions, buildGraph, compileGraph } from "./workflow/build.js";
export { type CheckedQuery, checkQuery, MAX_QUERY_LENGTH, UnusableQueryError } from "./workflow/query-check.js";
export type { BranchError, Contradiction, Warning } from "./workflow/state.js";
