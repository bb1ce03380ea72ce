import { Command, END, START, StateGraph } from "@langchain/langgraph";
import type { FilterType } from "../filters/filter-type.js";
import { toBranchError } from "../model/branch-errors.js";
import { secretsInUrls, treatAsSecret } from "../secrets/redact.js";
import { allowAbortListenersFor } from "./abort-listeners.js";
import { makeBranchNode } from "./branch.js";
import { allowedEndpoints, contextSchema, type OperatorSettings } from "./configuration.js";
import { makePrepareNode, PREPARE_NODE } from "./prepare.js";
import { makeReduceNode } from "./reduce.js";
import { retryPolicy } from "./retry.js";
import { OUTPUT_KEYS, RecipeFiltersInput, RecipeFiltersOutput, RecipeFiltersState } from "./state.js";

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
  /**
   * The operator's key, endpoints and defaults (see configuration.ts). Default: none — no key,
   * api.openai.com the only endpoint, so `auto` means the offline rules.
   */
  operator?: OperatorSettings;
}

export const DEFAULT_BUILD_OPTIONS: Required<BuildOptions> = {
  maxRetries: 2,
  timeoutMs: 20_000,
  retryInitialIntervalMs: 500,
  retryMaxIntervalMs: 10_000,
  retryJitter: true,
  operator: {},
};

/**
 * START ─ prepare ─┬─ <one branch per filter type> ─┬─ reduce_filters ─ END
 *                  └─ …                            ─┘
 * Static edges, so Studio draws one node per filter type, and the branches run in the
 * same superstep (in parallel, under one parent run in the trace). `prepare` checks the
 * query and the run's settings and starts the run's accumulators afresh (prepare.ts).
 */
export function buildGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  const settings = { ...DEFAULT_BUILD_OPTIONS, ...definedOnly(options) };
  const { maxRetries, timeoutMs, operator } = settings;
  // The key and any credentials in the endpoint URLs are cut out of every message and trace.
  treatAsSecret(operator.apiKey, ...allowedEndpoints(operator).flatMap((e) => secretsInUrls(e.url)));
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
    context: contextSchema(operator),
  }).addNode(PREPARE_NODE, makePrepareNode(operator));
  for (const type of registry) {
    if (names.has(type.name) || type.name === REDUCE_NODE || type.name === PREPARE_NODE)
      throw new Error(`duplicate filter type name: ${type.name}`);
    names.add(type.name);
    graph = graph.addNode(type.name, makeBranchNode(type, { timeoutMs, maxRetries, operator }, registry), {
      // In the trace, each branch's run says which filter type and column it speaks for.
      metadata: { filter_type: type.name, filter_column: type.column },
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
  graph = graph.addEdge(START, PREPARE_NODE as any);
  for (const type of registry)
    graph = graph.addEdge(PREPARE_NODE as any, type.name as any).addEdge(type.name as any, REDUCE_NODE as any);
  return graph.addEdge(REDUCE_NODE as any, END);
}

const definedOnly = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * The compiled graph. Its `values` stream (what runs/wait returns, and Studio shows) carries
 * the output schema's fields only: LangGraph streams every state channel unless `outputKeys`
 * says otherwise, and the internal `candidates` and `endpoint` are not part of the API.
 */
export function compileGraph(registry: readonly FilterType<any>[], options: BuildOptions = {}) {
  return buildGraph(registry, options).compile({ name: "recipe-filters" }).withConfig({ outputKeys: OUTPUT_KEYS });
}
