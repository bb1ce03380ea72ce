import { Overwrite } from "@langchain/langgraph";
import { loadModelSeam } from "../model/index.js";
import type { RecipeFiltersContext, RunDecider } from "../settings/run.js";
import { checkQuery } from "./query-check.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export const PREPARE_NODE = "prepare";

/** An empty list that replaces the channel's value instead of being appended to it. Cast: the
 * zod registry's UpdateType does not list `Overwrite` for these channels, though LangGraph accepts it. */
const afresh = <T>() => new Overwrite<T[]>([]) as unknown as T[];

/**
 * The first node of a graph that is its own edge (Studio, the LangGraph API, a caller who
 * composes the graph into its own): the run arrives as a query and a context, so here
 * - a query no extractor can use (empty, blank, invisible, too long) is refused: the run
 *   fails with one clear error and no branch, so no model call;
 * - the run's extractor, model and endpoint are decided, once (a context naming an endpoint
 *   the operator did not allow is refused);
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
    config: { context?: Partial<RecipeFiltersContext> },
  ): Promise<RecipeFiltersUpdate> => {
    checkQuery(state.query);
    const run = runs.decide(config.context);
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
