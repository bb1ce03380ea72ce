import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { Filter, FilterType } from "../filters/filter-type.js";
import { findEndpoint, type ModelSettings, type OperatorSettings } from "./configuration.js";
import { waitOutRetryAfter } from "./retry.js";
import type { RecipeFiltersStateValue, RecipeFiltersUpdate } from "./state.js";
import { unusableAnswer } from "./unusable-answer.js";

/**
 * The OpenAI client is loaded on the first model call, not at start-up: the offline path
 * (no key) never needs it, and it is a large part of the CLI's cold start.
 */
const loadModelModule = () => import("../model/chat-model.js");

export interface BranchOptions {
  /** The node's attempt timeout; passed to the HTTP client too, so a hung request is aborted, not just abandoned. */
  timeoutMs: number;
  /** How many attempts follow a failed one; a Retry-After is only waited out when one does. */
  maxRetries: number;
  /** The operator's key and endpoints; the run's choice among them is in the state (see prepare.ts). */
  operator: OperatorSettings;
}

/** The model, endpoint and key for this run, as the graph's first node decided them. */
function modelSettings(state: RecipeFiltersStateValue, operator: OperatorSettings): ModelSettings {
  const endpoint = findEndpoint(state.endpoint ?? "", operator);
  return { model: state.model ?? "", baseUrl: endpoint.url, apiKey: operator.apiKey };
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline extractor. The node's config is passed
 * on to the model call, so its run nests under this branch in the trace.
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions) {
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    const filters =
      state.extractor === "llm"
        ? await askModel(filterType, state.query, modelSettings(state, options.operator), options, config)
        : filterType.extractOffline(state.query);
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

type StructuredExtractor = Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: unknown }>;

/**
 * One structured-output runnable per filter type and model settings, built on first use:
 * building it converts the answer schema to JSON schema and sets up an HTTP client, which
 * cost more CPU than the call itself once many queries run at once (see the benchmark).
 * The runnable holds no per-call state; the call's config (callbacks, signal) is passed on invoke.
 */
const extractors = new WeakMap<FilterType<any>, Map<string, Promise<StructuredExtractor>>>();

function structuredExtractor(
  filterType: FilterType<any>,
  settings: ModelSettings,
  options: BranchOptions,
): Promise<StructuredExtractor> {
  const byType = extractors.get(filterType) ?? new Map<string, Promise<StructuredExtractor>>();
  extractors.set(filterType, byType);
  // The API key is part of the identity; it stays in memory only.
  const key = JSON.stringify([settings.model, settings.baseUrl, options.timeoutMs, settings.apiKey ?? ""]);
  let extractor = byType.get(key);
  if (!extractor) {
    extractor = loadModelModule().then(
      ({ createChatModel }) =>
        createChatModel(settings, { timeoutMs: options.timeoutMs })
          // includeRaw: on a failed parse the raw message says why (refusal, nothing, not JSON, wrong shape).
          .withStructuredOutput(filterType.answerSchema, {
            name: filterType.answerName,
            includeRaw: true,
          }) as StructuredExtractor,
    );
    byType.set(key, extractor);
  }
  return extractor;
}

async function askModel(
  filterType: FilterType<any>,
  query: string,
  settings: ModelSettings,
  options: BranchOptions,
  config: LangGraphRunnableConfig,
): Promise<Filter[]> {
  const startedAt = Date.now();
  const extractor = await structuredExtractor(filterType, settings, options);
  try {
    const { raw, parsed } = (await extractor.invoke(
      [
        { role: "system", content: filterType.prompt },
        { role: "user", content: query },
      ],
      config,
    )) as { raw: BaseMessage; parsed: unknown };
    if (parsed == null) throw unusableAnswer(raw, filterType.answerSchema);
    return filterType.toFilters(parsed);
  } catch (error) {
    const attempt = config.executionInfo?.nodeAttempt ?? 1;
    if (attempt <= options.maxRetries)
      await waitOutRetryAfter(error, { leftMs: options.timeoutMs - (Date.now() - startedAt), signal: config.signal });
    throw error;
  }
}
