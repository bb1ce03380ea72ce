import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { FilterType, ReadAlongside } from "../filters/filter-type.js";
import { askModel, type ModelRun } from "../model/index.js";
import { findEndpoint, type OperatorSettings } from "./configuration.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export interface BranchOptions {
  /** The node's attempt timeout; passed to the HTTP client too, so a hung request is aborted, not just abandoned. */
  timeoutMs: number;
  /** How many attempts follow a failed one; a Retry-After is only waited out when one does. */
  maxRetries: number;
  /** The operator's key and endpoints; the run's choice among them is in the state (see prepare.ts). */
  operator: OperatorSettings;
}

/** The model, endpoint, temperature and key for this run, as the graph's first node decided them. */
function modelRun(state: RecipeFiltersStateValue, options: BranchOptions): ModelRun {
  const endpoint = findEndpoint(state.endpoint ?? "", options.operator);
  return {
    model: state.model ?? "",
    baseUrl: endpoint.url,
    apiKey: options.operator.apiKey,
    temperature: state.temperature ?? 0,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
  };
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline extractor. The node's config is passed
 * on to the model call, so its run nests under this branch in the trace. `registry`: the types
 * read beside it, which its offline grammar may consult (a count skips 1人分 labelling another's amount).
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions, registry: ReadAlongside) {
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    const filters =
      state.extractor === "llm"
        ? await askModel(filterType, state.query, modelRun(state, options), config)
        : filterType.extractOffline(state.query, registry);
    // A branch speaks for its own column only, whatever the model or the query says.
    const own = filters.filter((f) => f.column === filterType.column);
    const foreign = filters.filter((f) => f.column !== filterType.column);
    return {
      candidates: own,
      warnings: foreign.map((filter) => ({
        branch: filterType.name,
        filter,
        message: `dropped: not this branch's column (${filterType.column})`,
      })),
    };
  };
}
