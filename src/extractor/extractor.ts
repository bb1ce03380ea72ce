import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { FilterType } from "../filters/filter-type.js";
import { FILTER_TYPES } from "../filters/index.js";
import { runMetadata, runTags } from "../tracing/run-metadata.js";
import type { BuildOptions, compileGraph } from "../workflow/build.js";
import {
  allowedEndpoints,
  type OperatorSettings,
  type RecipeFiltersContext,
  type RunContext,
  type RunSettings,
  resolveRun,
} from "../workflow/configuration.js";
import { createDirectRunner } from "../workflow/run-nodes-directly.js";
import type { RecipeFiltersOutputValue } from "../workflow/state.js";
import type { ExtractionEvent } from "./events.js";
import type { ExtractionResult } from "./result.js";

export interface ExtractOptions {
  /** What this run chooses: extractor, model, endpoint (one the extractor's settings allow). */
  context?: Partial<RecipeFiltersContext>;
  callbacks?: Callbacks;
  signal?: AbortSignal;
  /** Extra tags for this query's trace (the evaluation adds "eval"). */
  tags?: string[];
  /** Extra metadata for this query's trace. */
  metadata?: Record<string, unknown>;
}

export interface Extractor {
  extract(query: string, options?: ExtractOptions): Promise<ExtractionResult>;
  /** The same extraction as events: each branch's filters as it finishes, then the result (see events.ts). */
  stream(query: string, options?: ExtractOptions): AsyncGenerator<ExtractionEvent>;
}

function toResult(state: RecipeFiltersOutputValue): ExtractionResult {
  const { query, extractor, model, filters, errors, warnings, contradictions, residual } = state;
  return { query, extractor, model, filters, errors, warnings, contradictions, residual };
}

export interface ExtractorOptions {
  registry?: readonly FilterType<any>[];
  /**
   * The operator's settings: API key, endpoints, default model and extractor. The library
   * never reads the environment; an edge reads it (`settingsFromEnv(process.env)`) and passes
   * it here. Default: no key, no endpoint — the offline rules.
   */
  settings?: OperatorSettings;
  build?: BuildOptions;
  /** Tags and metadata on every query's trace, beside the package's own (see tracing/run-metadata.ts). */
  tags?: string[];
  metadata?: Record<string, unknown>;
  /**
   * Offline (rules) queries without callbacks run the graph's node functions directly,
   * skipping the scheduler's per-invoke cost (see workflow/run-nodes-directly.ts). Default true;
   * with callbacks (tracing, trace view) the graph always runs, so the trace exists.
   */
  offlineFastPath?: boolean;
}

/**
 * The operator settings one query runs under. A `context.baseUrl` the settings do not allow
 * is refused (by resolveRun, before any request) when the extractor holds an API key: the key
 * goes only where the operator said. Without a key nothing secret can leave, and the endpoint
 * a library caller names is its own configuration, so it becomes the run's endpoint.
 */
function operatorFor(operator: OperatorSettings, context: Partial<RecipeFiltersContext> | undefined): OperatorSettings {
  const wanted = context?.baseUrl;
  if (!wanted || operator.apiKey) return operator;
  const allowed = allowedEndpoints(operator).some((e) => e.url === wanted.replace(/\/+$/, "") || e.label === wanted);
  return allowed ? operator : { ...operator, baseUrl: wanted };
}

/**
 * The graph (LangGraph, @langchain/core) is loaded with the first query that needs it: an
 * offline query on the fast path never does, and they are most of the CLI's cold start.
 */
let workflow: Promise<[typeof import("../workflow/build.js"), typeof import("../workflow/state.js")]> | undefined;
const loadWorkflow = () => {
  workflow ??= Promise.all([import("../workflow/build.js"), import("../workflow/state.js")]);
  return workflow;
};

/** The graph as a reusable extractor: compile once (per endpoint set), invoke per query. */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const registry = options.registry ?? FILTER_TYPES;
  const baseOperator = options.settings ?? options.build?.operator ?? {};
  const graphs = new Map<string, ReturnType<typeof compileGraph>>();
  const graphFor = async (operator: OperatorSettings) => {
    const key = JSON.stringify([operator.baseUrl, operator.allowedBaseUrls]);
    let graph = graphs.get(key);
    if (!graph) {
      const [{ compileGraph }] = await loadWorkflow();
      graph = graphs.get(key) ?? compileGraph(registry, { ...options.build, operator });
      graphs.set(key, graph);
    }
    return graph;
  };
  const runDirectly = createDirectRunner(registry);
  const runConfig = (request: ExtractOptions, run: RunSettings) => ({
    // Typed by LangGraph as the schema's output; the prepare node applies the defaults itself.
    context: request.context as RunContext | undefined,
    callbacks: request.callbacks,
    signal: request.signal,
    runName: "recipe-filters",
    tags: [...runTags(run), ...(options.tags ?? []), ...(request.tags ?? [])],
    metadata: { ...runMetadata(run), ...options.metadata, ...request.metadata },
  });
  // The run's settings are decided here only for the trace's metadata and the offline fast
  // path; the graph's prepare node decides (and checks) them again from the same inputs.
  const operators = new Map<string | undefined, OperatorSettings>();
  const plan = (request: ExtractOptions) => {
    const wanted = request.context?.baseUrl;
    const operator = operators.get(wanted) ?? operatorFor(baseOperator, request.context);
    operators.set(wanted, operator);
    return { operator, run: resolveRun(request.context, operator) };
  };
  return {
    async extract(query, request = {}) {
      const { operator, run } = plan(request);
      if (options.offlineFastPath !== false && !request.callbacks && run.extractor === "rules")
        return toResult(await runDirectly(query, { ...run, extractor: "rules" }));
      return toResult(await (await graphFor(operator)).invoke({ query }, runConfig(request, run)));
    },
    async *stream(query, request = {}) {
      const { operator, run } = plan(request);
      const [[, { OUTPUT_KEYS }], { toExtractionEvents }] = await Promise.all([loadWorkflow(), import("./events.js")]);
      const chunks = await (await graphFor(operator)).stream(
        { query },
        // The branches' own proposals (`candidates`) are internal to the graph's API, but the
        // events show them as each branch finishes: this stream asks for them explicitly.
        { ...runConfig(request, run), streamMode: ["updates", "values"], outputKeys: [...OUTPUT_KEYS, "candidates"] },
      );
      yield* toExtractionEvents(chunks, toResult);
    },
  };
}
