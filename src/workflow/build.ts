import { Command, END, START, StateGraph } from "@langchain/langgraph";
import type { Registry } from "../filters/registry.js";
import { toBranchError } from "../model/branch-errors.js";
import { createRedactor, type Redactor } from "../secrets/redact.js";
import type { ReliabilitySettings } from "../settings/environment.js";
import { createRunDecider, type RunDecider } from "../settings/run.js";
import { makeBranchNode } from "./branch.js";
import { makePrepareNode, PREPARE_NODE } from "./prepare.js";
import { makeReduceNode } from "./reduce.js";
import { retryPolicy } from "./retry.js";
import { DecidedRunInput, OUTPUT_KEYS, RecipeFiltersInput, RecipeFiltersOutput, RecipeFiltersState } from "./state.js";

export const REDUCE_NODE = "reduce_filters";

export interface BuildOptions extends ReliabilitySettings {
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
   * The operator's settings, checked (`createRunDecider(settings)`). Default: none — no key,
   * api.openai.com the only endpoint, so `auto` means the offline rules.
   */
  runs?: RunDecider;
  /** What cuts secrets out of a failed branch's error record. Default: the operator's key and URL credentials. */
  redactor?: Redactor;
  /**
   * Where a run is decided. "context" (the default): the graph is its own edge — its first
   * node checks the query and decides the run from the run's context (Studio, the LangGraph
   * API, a larger graph). "input": the caller checked the query and decided the run, and
   * passes both as the input (`createExtractor`); the graph has no first node.
   */
  decidedBy?: "context" | "input";
}

/**
 * START ─ [prepare] ─┬─ <one branch per filter type> ─┬─ reduce_filters ─ END
 *                    └─ …                            ─┘
 * Static edges, so Studio draws one node per filter type, and the branches run in the
 * same superstep (in parallel, under one parent run in the trace). Building changes nothing
 * outside the graph (no process-wide default, no module state).
 */
export function buildGraph(registry: Registry, options: BuildOptions = {}) {
  const { maxRetries = 2, timeoutMs = 20_000, decidedBy = "context" } = options;
  const runs = options.runs ?? createRunDecider({});
  const redactor = options.redactor ?? createRedactor(runs.secrets);
  const policy = retryPolicy({
    maxRetries,
    initialIntervalMs: options.retryInitialIntervalMs ?? 500,
    maxIntervalMs: options.retryMaxIntervalMs ?? 10_000,
    jitter: options.retryJitter ?? true,
  });
  for (const type of registry.types)
    if (type.name === REDUCE_NODE || type.name === PREPARE_NODE)
      throw new Error(`a filter type cannot be named ${type.name}: the graph has a node of that name`);
  // Typed loosely: the nodes are named by the registry, which the compiler does not know.
  let graph: StateGraph<any, any, any, any, any, any, any> =
    decidedBy === "context"
      ? new StateGraph({
          state: RecipeFiltersState,
          input: RecipeFiltersInput,
          output: RecipeFiltersOutput,
          context: runs.contextSchema,
        }).addNode(PREPARE_NODE, makePrepareNode(runs))
      : new StateGraph({ state: RecipeFiltersState, input: DecidedRunInput, output: RecipeFiltersOutput });
  const first = decidedBy === "context" ? PREPARE_NODE : START;
  if (decidedBy === "context") graph = graph.addEdge(START, PREPARE_NODE);
  for (const type of registry.types)
    graph = graph.addNode(type.name, makeBranchNode(type, { timeoutMs, maxRetries, runs, redactor }, registry.types), {
      // In the trace, each branch's run says which filter type and column it speaks for.
      metadata: { filter_type: type.name, filter_column: type.column },
      retryPolicy: policy,
      timeout: timeoutMs,
      // After the retries: the failure becomes an error record and the run goes on to the
      // reducer. The handler's update does not follow the failed node's edges, so it routes
      // there itself — otherwise a query whose every branch fails would never be merged.
      errorHandler: (_state: unknown, nodeError: { error: unknown }) =>
        new Command({ update: { errors: [toBranchError(type.name, nodeError.error, redactor)] }, goto: REDUCE_NODE }),
    });
  graph = graph.addNode(REDUCE_NODE, makeReduceNode(registry));
  for (const type of registry.types) graph = graph.addEdge(first, type.name).addEdge(type.name, REDUCE_NODE);
  return graph.addEdge(REDUCE_NODE, END);
}

/**
 * The compiled graph. Its `values` stream (what runs/wait returns, and Studio shows) carries
 * the output schema's fields only: LangGraph streams every state channel unless `outputKeys`
 * says otherwise, and the internal `candidates` and `endpoint` are not part of the API.
 */
export function compileGraph(registry: Registry, options: BuildOptions = {}) {
  return buildGraph(registry, options).compile({ name: "recipe-filters" }).withConfig({ outputKeys: OUTPUT_KEYS });
}
