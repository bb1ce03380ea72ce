import type { Callbacks } from "@langchain/core/callbacks/manager";
import { LRUCache } from "lru-cache";
import { BUILT_IN_REGISTRY } from "../filters/index.js";
import type { Registry } from "../filters/registry.js";
import { loadModelSeam } from "../model/index.js";
import { createRedactor, type Redactor } from "../secrets/redact.js";
import { type OperatorSettings, withoutTrailingSlash } from "../settings/operator.js";
import { createRunDecider, type RecipeFiltersContext, type RunDecider, type RunSettings } from "../settings/run.js";
import { runMetadata, runTags } from "../tracing/run-metadata.js";
import { isTraced } from "../tracing/traced-run.js";
import type { BuildOptions, compileGraph } from "../workflow/build.js";
import { runOffline } from "../workflow/offline.js";
import { type CheckedQuery, checkQuery } from "../workflow/query-check.js";
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
  /** A decided run goes only with a checked query (see DecidedExtractOptions). */
  run?: never;
}

/** Reads a DecidedRun's variant: only this module can. */
let variantOf: (run: DecidedRun) => Variant;

/**
 * A run an extractor decided (`extractor.decide(context)`), for an edge that runs many
 * queries under one decision (the CLI, a batch): decided once, handed down with each checked
 * query. The settings it was decided by (and their key) stay private: logging one shows only
 * `settings`, and only the extractor that decided it runs it.
 */
export class DecidedRun {
  readonly #variant: Variant;
  constructor(
    /** What the run uses: extractor, model, endpoint, temperature. */
    readonly settings: RunSettings,
    variant: Variant,
  ) {
    this.#variant = variant;
  }
  static {
    variantOf = (run) => run.#variant;
  }
}

/** For a query whose run the edge already decided: the decision instead of a context. */
export interface DecidedExtractOptions extends Omit<ExtractOptions, "context" | "run"> {
  run: DecidedRun;
}

export interface Extractor {
  /** The filter types this extractor knows: hand it to the formats and the catalog search. */
  readonly registry: Registry;
  /** The operator's settings this extractor decides its runs by (the `runs` it was given, or built from `settings`). */
  readonly runs: RunDecider;
  /**
   * Decides a run from a context, once: a bad setting or an endpoint the settings do not allow
   * is a SettingsError here. Hand the result to `extract`/`stream` with a checked query.
   */
  decide(context?: Partial<RecipeFiltersContext>): DecidedRun;
  /** Checks the query (`checkQuery`), decides its run from `options.context`, and extracts. */
  extract(query: string, options?: ExtractOptions): Promise<ExtractionResult>;
  /** A query the edge checked (`checkQuery`), under a run it decided (`decide`): neither is done again. */
  extract(query: CheckedQuery, options: DecidedExtractOptions): Promise<ExtractionResult>;
  /** The same extraction as events: each branch's filters as it finishes, then the result (see events.ts). */
  stream(query: string, options?: ExtractOptions): AsyncGenerator<ExtractionEvent>;
  stream(query: CheckedQuery, options: DecidedExtractOptions): AsyncGenerator<ExtractionEvent>;
}

export interface ExtractorOptions {
  /** The filter types (`createRegistry(types)`); the built-in ones by default. */
  registry?: Registry;
  /**
   * The operator's settings: API key, endpoints, default model and extractor. The library
   * never reads the environment; an edge reads it (`settingsFromEnv(process.env)`) and passes
   * it here. Default: no key, no endpoint — the offline rules.
   */
  settings?: OperatorSettings;
  /**
   * The edge's own RunDecider (`createRunDecider(settings)`), when it has one already: the
   * extractor decides by it instead of building a second one. Give either this or `settings`.
   */
  runs?: RunDecider;
  /** Retries, timeouts and backoff of the branches (the operator settings go in `settings`). */
  build?: Omit<BuildOptions, "runs" | "redactor" | "decidedBy">;
  /** What cuts secrets out of error records. Default: the settings' key and URL credentials. */
  redactor?: Redactor;
  /** Tags and metadata on every query's trace, beside the package's own (see tracing/run-metadata.ts). */
  tags?: string[];
  metadata?: Record<string, unknown>;
}

/**
 * How many caller-named endpoints keep their settings and compiled graph. A library caller
 * without a key may name any endpoint of its own (see `operatorFor`); each one needs its own
 * graph, and only the most recently used few are kept.
 */
export const MAX_CACHED_GRAPHS = 8;

/** The operator's settings a run is decided by (the extractor's own, or a caller-named endpoint's), and the graph built for them (compiled when first needed). */
interface Variant {
  runs: RunDecider;
  graph?: ReturnType<typeof compileGraph>;
}

/**
 * The settings one query runs under. A `context.baseUrl` the settings do not allow is refused
 * (when its run is decided, before any request) when the extractor holds an API key: the key
 * goes only where the operator said. Without a key nothing secret can leave, and the endpoint
 * a library caller names is its own configuration, so it becomes the run's endpoint.
 */
function operatorFor(
  base: RunDecider,
  context: Partial<RecipeFiltersContext> | undefined,
): OperatorSettings | undefined {
  const wanted = context?.baseUrl;
  if (!wanted || base.operator.apiKey) return undefined;
  const known = base.endpoints.some((e) => e.url === withoutTrailingSlash(wanted) || e.label === wanted);
  return known ? undefined : { ...base.operator, baseUrl: wanted };
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

/**
 * The graph as a reusable extractor: the library's edge. Each query's run is decided here,
 * once, and handed to the graph with the query; an offline query that nobody traces skips the
 * graph's scheduler (workflow/offline.ts) and gives the same result.
 */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const registry = options.registry ?? BUILT_IN_REGISTRY;
  if (options.runs && options.settings)
    throw new TypeError("createExtractor takes either `runs` or `settings`, not both");
  const base: Variant = { runs: options.runs ?? createRunDecider(options.settings ?? {}) };
  // The variants this extractor made: a DecidedRun names one, and only these run here.
  const mine = new WeakSet<Variant>([base]);
  // Only a keyless extractor makes variants (see operatorFor): each caller-named endpoint its own.
  const named = new LRUCache<string, Variant>({ max: MAX_CACHED_GRAPHS });
  const variantFor = (context: ExtractOptions["context"]): Variant => {
    const own = operatorFor(base.runs, context);
    if (!own?.baseUrl) return base;
    const known = named.get(own.baseUrl);
    if (known) return known;
    const variant: Variant = { runs: createRunDecider(own) };
    mine.add(variant);
    named.set(own.baseUrl, variant);
    return variant;
  };
  const graphOf = async (variant: Variant) => {
    const [{ compileGraph }] = await loadWorkflow();
    variant.graph ??= compileGraph(registry, {
      ...options.build,
      runs: variant.runs,
      redactor: options.redactor ?? createRedactor(variant.runs.secrets),
      decidedBy: "input",
    });
    return variant.graph;
  };
  const redact = options.redactor ?? createRedactor(base.runs.secrets);
  const decide = (context?: Partial<RecipeFiltersContext>): DecidedRun => {
    const variant = variantFor(context);
    return new DecidedRun(variant.runs.decide(context), variant);
  };
  /**
   * The query's one decision: the edge's, handed down with a query it checked, or made here
   * (the query checked, the run decided from the context) for a caller that hands down neither.
   */
  const decideQuery = (text: string, request: ExtractOptions | DecidedExtractOptions) => {
    if (!request.run) {
      const query = checkQuery(text);
      const variant = variantFor(request.context);
      return { query, run: variant.runs.decide(request.context), variant };
    }
    const variant = request.run instanceof DecidedRun ? variantOf(request.run) : undefined;
    if (!variant || !mine.has(variant)) throw new TypeError("this run was decided by another extractor");
    return { query: text, run: request.run.settings, variant };
  };
  // A run that asks the model loads the model client first, untimed, so no branch's attempt timeout pays for it.
  const ready = async (run: RunSettings) => {
    if (run.extractor === "llm") await loadModelSeam();
  };
  const runConfig = (request: Omit<ExtractOptions, "context" | "run">, run: RunSettings) => ({
    callbacks: request.callbacks,
    signal: request.signal,
    runName: "recipe-filters",
    tags: [...runTags(run), ...(options.tags ?? []), ...(request.tags ?? [])],
    metadata: { ...runMetadata(run), ...options.metadata, ...request.metadata },
  });
  return {
    registry,
    runs: base.runs,
    decide,
    async extract(text: string, request: ExtractOptions | DecidedExtractOptions = {}) {
      const { query, run, variant } = decideQuery(text, request);
      if (run.extractor === "rules" && !(await isTraced(request.callbacks)))
        return runOffline(registry, query, run, redact);
      await ready(run);
      return (await (
        await graphOf(variant)
      ).invoke({ query, ...run }, runConfig(request, run))) as RecipeFiltersOutputValue;
    },
    async *stream(text: string, request: ExtractOptions | DecidedExtractOptions = {}) {
      const { query, run, variant } = decideQuery(text, request);
      await ready(run);
      const [[, { OUTPUT_KEYS }], { toExtractionEvents }] = await Promise.all([loadWorkflow(), import("./events.js")]);
      const chunks = await (await graphOf(variant)).stream(
        { query, ...run },
        // The branches' own proposals (`candidates`) are internal to the graph's API, but the
        // events show them as each branch finishes: this stream asks for them explicitly.
        { ...runConfig(request, run), streamMode: ["updates", "values"], outputKeys: [...OUTPUT_KEYS, "candidates"] },
      );
      yield* toExtractionEvents(chunks as AsyncIterable<any>);
    },
  };
}
