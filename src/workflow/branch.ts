import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { FilterType, ReadAlongside } from "../filters/filter-type.js";
import { askModel, type ModelRun } from "../model/index.js";
import type { Redactor } from "../secrets/redact.js";
import type { RunDecider } from "../settings/run.js";
import { offlineBranch, ownColumnOnly } from "./offline.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export interface BranchOptions {
  /** The node's attempt timeout; passed to the HTTP client too, so a hung request is aborted, not just abandoned. */
  timeoutMs: number;
  /** How many attempts follow a failed one; a Retry-After is only waited out when one does. */
  maxRetries: number;
  /** The operator's settings; the run's choice among its endpoints is in the state, decided at the edge. */
  runs: RunDecider;
  /** The secrets the edge knows, cut out of every answer and error beside the model client's own. */
  redactor: Redactor;
}

/** The model, endpoint, temperature and key for this run, as its edge decided them (a lookup, not a decision). */
function modelRun(state: RecipeFiltersStateValue, options: BranchOptions): ModelRun {
  return {
    ...options.runs.modelSettings(state),
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    redactor: options.redactor,
  };
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline rules. The node's config is passed on to
 * the model call, so its run nests under this branch in the trace.
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions, registry: ReadAlongside) {
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    if (state.extractor !== "llm") return offlineBranch(filterType, state.query, registry);
    const filters = await askModel(filterType, state.query, modelRun(state, options), config);
    return ownColumnOnly(filterType, filters);
  };
}
