import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { LengthFinishReasonError } from "openai/core/error";
import type { Filter, FilterType } from "../filters/filter-type.js";
import type { ModelSettings, RunDecider } from "../settings/run.js";
import { BranchFailure } from "./branch-errors.js";
import { filtersFromAnswer } from "./model-answer.js";
import { offlineBranch, ownColumnOnly } from "./offline.js";
import { waitOutRetryAfter } from "./retry.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";

/**
 * The OpenAI client is loaded on the first model call, not at start-up: the offline path
 * (no key) never needs it, and it is a large part of the CLI's cold start.
 */
let modelModule: Promise<typeof import("../model/filter-model-call.js")> | undefined;
const loadModelModule = () => {
  modelModule ??= import("../model/filter-model-call.js");
  return modelModule;
};

export interface BranchOptions {
  /** The node's attempt timeout; passed to the HTTP client too, so a hung request is aborted, not just abandoned. */
  timeoutMs: number;
  /** How many attempts follow a failed one; a Retry-After is only waited out when one does. */
  maxRetries: number;
  /** The operator's settings; the run's choice among its endpoints is in the state, decided at the edge. */
  runs: RunDecider;
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline rules. The node's config is passed on to
 * the model call, so its run nests under this branch in the trace.
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions) {
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    if (state.extractor !== "llm") return offlineBranch(filterType, state.query);
    const filters = await askModel(filterType, state.query, options.runs.modelSettings(state), options, config);
    return ownColumnOnly(filterType, filters);
  };
}

async function askModel(
  filterType: FilterType<any>,
  query: string,
  settings: ModelSettings,
  options: BranchOptions,
  config: LangGraphRunnableConfig,
): Promise<Filter[]> {
  const startedAt = Date.now();
  const { filterModelCall } = await loadModelModule();
  try {
    const message = await filterModelCall(filterType, settings, { timeoutMs: options.timeoutMs }).invoke(query, config);
    return filtersFromAnswer(message, filterType);
  } catch (error) {
    const attempt = config.executionInfo?.nodeAttempt ?? 1;
    if (attempt <= options.maxRetries)
      await waitOutRetryAfter(error, { leftMs: options.timeoutMs - (Date.now() - startedAt), signal: config.signal });
    throw answerCutOff(error) ?? error;
  }
}

/**
 * The OpenAI SDK checks a whole json_schema answer itself and throws when the token limit
 * cut it off; that is an answer that is not JSON.
 */
function answerCutOff(error: unknown): BranchFailure | undefined {
  if (!(error instanceof LengthFinishReasonError)) return undefined;
  return new BranchFailure("parse", "the answer was cut off at the token limit and is not JSON", { cause: error });
}
