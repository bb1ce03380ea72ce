import { END, START, StateGraph, type RetryPolicy } from "@langchain/langgraph";
import type { FilterType } from "../filters/filter-type.js";
import { makeBranchNode } from "./branch.js";
import { isRetryable, toBranchError } from "./branch-errors.js";
import { RecipeFiltersContext } from "./configuration.js";
import { makeReduceNode } from "./reduce.js";
import { RecipeFiltersInput, RecipeFiltersOutput, RecipeFiltersState } from "./state.js";

export const REDUCE_NODE = "reduce_filters";

export interface BuildOptions {
  /** Retries after the first attempt for retryable failures (429, 5xx, network). */
  maxRetries?: number;
  /** Per-branch attempt timeout; also aborts the HTTP request. */
  timeoutMs?: number;
  /** First backoff interval; doubles each retry, with jitter. */
  retryInitialIntervalMs?: number;
}

/** Reads the reliability knobs from the environment (documented in .env.example). */
export function buildOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BuildOptions {
  const int = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
  return { maxRetries: int(env.RECIPE_FILTERS_MAX_RETRIES), timeoutMs: int(env.RECIPE_FILTERS_TIMEOUT_MS) };
}

/**
 * START ─┬─ <one branch per filter type> ─┬─ reduce_filters ─ END
 *        └─ …                            ─┘
 * Static edges, so Studio draws one node per filter type, and the branches run in the
 * same superstep (in parallel, under one parent run in the trace).
 */
export function buildGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  const { maxRetries = 2, timeoutMs = 20_000, retryInitialIntervalMs = 500 } = options;
  const retryPolicy: RetryPolicy = {
    maxAttempts: maxRetries + 1,
    initialInterval: retryInitialIntervalMs,
    backoffFactor: 2,
    jitter: true,
    retryOn: isRetryable,
    logWarning: false,
  };
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
    graph = graph.addNode(type.name, makeBranchNode(type, { timeoutMs }), {
      retryPolicy,
      timeout: timeoutMs,
      // After the retries: the failure becomes an error record, and the other branches carry on.
      errorHandler: (_state, nodeError) => ({ errors: [toBranchError(type.name, nodeError.error)] }),
    }) as typeof graph;
  }
  graph = graph.addNode(REDUCE_NODE, makeReduceNode(registry)) as typeof graph;
  for (const type of registry) graph = graph.addEdge(START, type.name as any).addEdge(type.name as any, REDUCE_NODE as any);
  return graph.addEdge(REDUCE_NODE as any, END);
}

export function compileGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  return buildGraph(registry, options).compile({ name: "recipe-filters" });
}
