import { Overwrite } from "@langchain/langgraph";
import { loadModelSeam } from "../model/index.js";
import { type OperatorSettings, type RecipeFiltersContext, resolveRun } from "./configuration.js";
import { checkQuery } from "./query-check.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export const PREPARE_NODE = "prepare";

/**
 * The graph's first node, before the branches. It
 * - refuses a query no extractor can use (empty, blank, invisible, too long): the run fails
 *   with one clear error and no branch, so no model call;
 * - decides the run's extractor, model and endpoint, once, from the run's context and the
 *   operator's settings (a context naming an endpoint the operator did not allow is refused);
 * - starts the run's own accumulators afresh. On a thread (Studio, the LangGraph API) the
 *   checkpoint keeps the last run's state, and the append reducers of `candidates`, `errors`
 *   and `warnings` would add this run's items to it; `Overwrite` bypasses the reducer once.
 *   This is LangGraph's own device for it, and it keeps the reducers plain concatenation,
 *   which the branches of one superstep need;
 * - for a run that asks the model, loads the model client here, untimed, so no branch's
 *   attempt timeout pays for it.
 */
/** An empty list that replaces the channel's value instead of being appended to it. Cast: the
 * zod registry's UpdateType does not list `Overwrite` for these channels, though LangGraph accepts it. */
const afresh = <T>() => new Overwrite<T[]>([]) as unknown as T[];

export function makePrepareNode(operator: OperatorSettings) {
  return async (
    state: Pick<RecipeFiltersStateValue, "query">,
    config: { context?: Partial<RecipeFiltersContext> },
  ): Promise<RecipeFiltersUpdate> => {
    checkQuery(state.query);
    const run = resolveRun(config.context, operator);
    if (run.extractor === "llm") await loadModelSeam();
    return {
      ...run,
      candidates: afresh(),
      errors: afresh(),
      warnings: afresh(),
      filters: [],
      contradictions: [],
      residual: "",
    };
  };
}
