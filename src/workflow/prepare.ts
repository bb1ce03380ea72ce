import { Overwrite } from "@langchain/langgraph";
import { loadModelSeam } from "../model/index.js";
import type { RecipeFiltersContext, RunDecider, RunSettings } from "../settings/run.js";
import { checkQuery } from "./query-check.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export const PREPARE_NODE = "prepare";

/** An empty list that replaces the channel's value instead of being appended to it. Cast: the
 * zod registry's UpdateType does not list `Overwrite` for these channels, though LangGraph accepts it. */
const afresh = <T>() => new Overwrite<T[]>([]) as unknown as T[];

/** Where an edge that decided the run before the graph starts hands the decision to `prepare`. */
export const HANDED_RUN_KEY = "recipe_filters_handed_run";

const CONTEXT_FIELDS = ["extractor", "model", "temperature", "baseUrl"] as const;

/**
 * A run decided before the graph starts (the Studio factory decides it for the trace's
 * metadata) and the context it was decided from. Only an instance made here, by the graph's
 * own decider, is taken: a `configurable` value a request sends is plain JSON and never one,
 * and the private field keeps the decider (and its key) out of any serialised config.
 */
class HandedRun {
  readonly #runs: RunDecider;
  constructor(
    runs: RunDecider,
    readonly settings: RunSettings,
    readonly context: Partial<RecipeFiltersContext> | undefined,
  ) {
    this.#runs = runs;
  }
  /** Whether this is `runs`' decision for this very context (a run with another context decides its own). */
  answers(runs: RunDecider, context: Partial<RecipeFiltersContext> | undefined): boolean {
    return this.#runs === runs && CONTEXT_FIELDS.every((field) => this.context?.[field] === context?.[field]);
  }
}

/**
 * Decides a run for its context before the graph starts, and the `configurable` that hands the
 * decision to the graph's `prepare` node, which then does not decide it again. A context the
 * operator does not allow is a SettingsError here, as it would be in `prepare`.
 */
export function decideBeforeTheGraph(runs: RunDecider, context: Partial<RecipeFiltersContext> | undefined) {
  const run = runs.decide(context);
  return { run, configurable: { [HANDED_RUN_KEY]: new HandedRun(runs, run, context) } };
}

/**
 * The first node of a graph that is its own edge (Studio, the LangGraph API, a caller who
 * composes the graph into its own): the run arrives as a query and a context, so here
 * - a query no extractor can use (empty, blank, invisible, too long) is refused: the run
 *   fails with one clear error and no branch, so no model call;
 * - the run's extractor, model and endpoint are decided, once (a context naming an endpoint
 *   the operator did not allow is refused), unless the edge decided it already and handed it
 *   here (`decideBeforeTheGraph`);
 * - the run's own accumulators start afresh. On a thread the checkpoint keeps the last run's
 *   state, and the append reducers of `candidates`, `errors` and `warnings` would add this
 *   run's items to it; `Overwrite` bypasses the reducer once. This is LangGraph's own device
 *   for it, and it keeps the reducers plain concatenation, which the branches of one
 *   superstep need. `complete` goes back to false until this run's reducer sets it;
 * - for a run that asks the model, the model client is loaded here, untimed, so no branch's
 *   attempt timeout pays for it.
 * `createExtractor` decides its runs itself and builds the graph without this node.
 */
export function makePrepareNode(runs: RunDecider) {
  return async (
    state: Pick<RecipeFiltersStateValue, "query">,
    config: { context?: Partial<RecipeFiltersContext>; configurable?: Record<string, unknown> },
  ): Promise<RecipeFiltersUpdate> => {
    checkQuery(state.query);
    const handed = config.configurable?.[HANDED_RUN_KEY];
    const run =
      handed instanceof HandedRun && handed.answers(runs, config.context)
        ? handed.settings
        : runs.decide(config.context);
    if (run.extractor === "llm") await loadModelSeam();
    return {
      ...run,
      candidates: afresh(),
      errors: afresh(),
      warnings: afresh(),
      filters: [],
      contradictions: [],
      residual: "",
      complete: false,
    };
  };
}
