import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { FilterType } from "../filters/filter-type.js";
import { FILTER_TYPES } from "../filters/index.js";
import { type BuildOptions, compileGraph } from "../workflow/build.js";
import { chooseExtractor, type RecipeFiltersSettings, resolveSettings } from "../workflow/configuration.js";
import { createDirectRunner } from "../workflow/run-nodes-directly.js";
import { type ExtractionEvent, type FinalState, toExtractionEvents } from "./events.js";
import { checkQuery } from "./query-check.js";
import type { ExtractionResult } from "./result.js";

export interface ExtractOptions {
  context?: Partial<RecipeFiltersSettings>;
  callbacks?: Callbacks;
  signal?: AbortSignal;
}

export interface Extractor {
  extract(query: string, options?: ExtractOptions): Promise<ExtractionResult>;
  /** The same extraction as events: each branch's filters as it finishes, then the result (see extraction-events.ts). */
  stream(query: string, options?: ExtractOptions): AsyncGenerator<ExtractionEvent>;
}

function toResult(query: string, settings: RecipeFiltersSettings, state: FinalState): ExtractionResult {
  return {
    query,
    extractor: chooseExtractor(settings),
    filters: state.filters,
    errors: state.errors,
    warnings: state.warnings,
    contradictions: state.contradictions,
  };
}

export interface ExtractorOptions {
  registry?: readonly FilterType<any>[];
  build?: BuildOptions;
  /**
   * Offline (rules) queries without callbacks run the graph's node functions directly,
   * skipping the scheduler's per-invoke cost (see graph/run-nodes-directly.ts). Default true;
   * with callbacks (tracing, trace view) the graph always runs, so the trace exists.
   */
  offlineFastPath?: boolean;
}

/** The graph as a reusable extractor: compile once, invoke per query. */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const registry = options.registry ?? FILTER_TYPES;
  const graph = compileGraph(registry, options.build);
  const runDirectly = createDirectRunner(registry);
  const runConfig = (request: ExtractOptions, settings: RecipeFiltersSettings) => ({
    context: settings,
    callbacks: request.callbacks,
    signal: request.signal,
    runName: "recipe-filters",
  });
  return {
    async extract(query, request = {}) {
      const settings = resolveSettings(request.context);
      checkQuery(query);
      const direct = options.offlineFastPath !== false && !request.callbacks && chooseExtractor(settings) === "rules";
      const state = direct
        ? await runDirectly(query, settings)
        : await graph.invoke({ query }, runConfig(request, settings));
      return toResult(query, settings, state);
    },
    async *stream(query, request = {}) {
      const settings = resolveSettings(request.context);
      const chunks = await graph.stream(
        { query: checkQuery(query) },
        { ...runConfig(request, settings), streamMode: ["updates", "values"] },
      );
      yield* toExtractionEvents(chunks, (state) => toResult(query, settings, state));
    },
  };
}
