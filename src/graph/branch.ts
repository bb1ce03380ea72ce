import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { Filter, FilterType } from "../filters/filter-type.js";
import { createChatModel } from "../model.js";
import { chooseExtractor, resolveSettings, type RecipeFiltersSettings } from "./configuration.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

export interface BranchOptions {
  /** Passed to the HTTP client too, so a hung request is aborted, not just abandoned. */
  timeoutMs?: number;
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline extractor. The node's config is passed
 * on to the model call, so its run nests under this branch in the trace.
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions = {}) {
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig<RecipeFiltersSettings>): Promise<RecipeFiltersUpdate> => {
    const settings = resolveSettings(config.context);
    const filters =
      chooseExtractor(settings) === "llm"
        ? await askModel(filterType, state.query, settings, options, config)
        : filterType.extractOffline(state.query);
    // A branch speaks for its own column only, whatever the model or the query says.
    const own = filters.filter((f) => f.column === filterType.column);
    const foreign = filters.filter((f) => f.column !== filterType.column);
    return {
      candidates: own,
      warnings: foreign.map((filter) => ({ branch: filterType.name, filter, message: `dropped: not this branch's column (${filterType.column})` })),
    };
  };
}

async function askModel(
  filterType: FilterType<any>,
  query: string,
  settings: RecipeFiltersSettings,
  options: BranchOptions,
  config: LangGraphRunnableConfig,
): Promise<Filter[]> {
  const model = createChatModel(settings, { timeoutMs: options.timeoutMs });
  const extractor = model.withStructuredOutput(filterType.answerSchema, { name: filterType.answerName });
  const answer = await extractor.invoke(
    [
      { role: "system", content: filterType.prompt },
      { role: "user", content: query },
    ],
    config,
  );
  if (answer == null) throw Object.assign(new Error("the model returned an empty answer"), { name: "EmptyAnswerError" });
  return filterType.toFilters(answer);
}
