import { Command, END, START, StateGraph } from "@langchain/langgraph";
import type { FilterType } from "../filters/filter-type.js";
import { allowAbortListenersFor } from "./abort-listeners.js";
import { makeBranchNode } from "./branch.js";
import { toBranchError } from "./branch-errors.js";
import { RecipeFiltersContext, SettingsError } from "./configuration.js";
import { makeReduceNode } from "./reduce.js";
import { retryPolicy } from "./retry.js";
import { RecipeFiltersInput, RecipeFiltersOutput, RecipeFiltersState } from "./state.js";

export const REDUCE_NODE = "reduce_filters";

export interface BuildOptions {
  /** Retries after the first attempt for retryable failures (429, 5xx, network). Default 2. */
  maxRetries?: number;
  /** Per-branch attempt timeout; also aborts the HTTP request. Default 20000. */
  timeoutMs?: number;
  /** First backoff interval; doubles each retry. Default 500. */
  retryInitialIntervalMs?: number;
  /** Cap on one backoff interval. Default 10000. */
  retryMaxIntervalMs?: number;
  /** Up to 1 s at random added to each interval (LangGraph's jitter). Default true; tests turn it off. */
  retryJitter?: boolean;
}

export const DEFAULT_BUILD_OPTIONS: Required<BuildOptions> = {
  maxRetries: 2,
  timeoutMs: 20_000,
  retryInitialIntervalMs: 500,
  retryMaxIntervalMs: 10_000,
  retryJitter: true,
};

/** Sane bounds for the two environment knobs; outside them the setting is refused, not clamped. */
const ENV_LIMITS = {
  RECIPE_FILTERS_MAX_RETRIES: { option: "maxRetries", min: 0, max: 10 },
  RECIPE_FILTERS_TIMEOUT_MS: { option: "timeoutMs", min: 1, max: 600_000 },
} as const;

/** Reads the reliability knobs from the environment (documented in .env.example); a bad value is a SettingsError. */
export function buildOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BuildOptions {
  const options: BuildOptions = {};
  for (const [variable, { option, min, max }] of Object.entries(ENV_LIMITS)) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= min && value <= max))
      throw new SettingsError(`invalid setting ${variable}: expected a whole number from ${min} to ${max}`);
    options[option] = value;
  }
  return options;
}

/**
 * START ─┬─ <one branch per filter type> ─┬─ reduce_filters ─ END
 *        └─ …                            ─┘
 * Static edges, so Studio draws one node per filter type, and the branches run in the
 * same superstep (in parallel, under one parent run in the trace).
 */
export function buildGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  const settings = { ...DEFAULT_BUILD_OPTIONS, ...definedOnly(options) };
  const { maxRetries, timeoutMs } = settings;
  const policy = retryPolicy({
    maxRetries,
    initialIntervalMs: settings.retryInitialIntervalMs,
    maxIntervalMs: settings.retryMaxIntervalMs,
    jitter: settings.retryJitter,
  });
  allowAbortListenersFor(registry.length);
  const names = new Set<string>();
  let graph = new StateGraph({
    state: RecipeFiltersState,
    input: RecipeFiltersInput,
    output: RecipeFiltersOutput,
    context: RecipeFiltersContext,
  });
  for (const type of registry) {
    if (names.has(type.name) || type.name === REDUCE_NODE) throw new Error(`duplicate filter type name: ${type.name}`);
    names.add(type.name);
    graph = graph.addNode(type.name, makeBranchNode(type, { timeoutMs, maxRetries }), {
      retryPolicy: policy,
      timeout: timeoutMs,
      // After the retries: the failure becomes an error record and the run goes on to the
      // reducer. The handler's update does not follow the failed node's edges, so it routes
      // there itself — otherwise a query whose every branch fails would never be merged.
      errorHandler: (_state, nodeError) =>
        new Command({ update: { errors: [toBranchError(type.name, nodeError.error)] }, goto: REDUCE_NODE }),
    }) as typeof graph;
  }
  graph = graph.addNode(REDUCE_NODE, makeReduceNode(registry)) as typeof graph;
  for (const type of registry)
    graph = graph.addEdge(START, type.name as any).addEdge(type.name as any, REDUCE_NODE as any);
  return graph.addEdge(REDUCE_NODE as any, END);
}

const definedOnly = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

export function compileGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  return buildGraph(registry, options).compile({ name: "recipe-filters" });
}
