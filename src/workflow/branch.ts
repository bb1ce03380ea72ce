import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { LengthFinishReasonError } from "openai/core/error";
import { answerGate, type GateVerdict } from "../filters/answer-gate.js";
import type { Filter, FilterType } from "../filters/filter-type.js";
import { BranchFailure } from "./branch-errors.js";
import { findEndpoint, type ModelSettings, type OperatorSettings } from "./configuration.js";
import { filtersFromAnswer } from "./model-answer.js";
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
  /** The operator's key and endpoints; the run's choice among them is in the state (see prepare.ts). */
  operator: OperatorSettings;
}

/** The model, endpoint, temperature and key for this run, as the graph's first node decided them. */
function modelSettings(state: RecipeFiltersStateValue, operator: OperatorSettings): ModelSettings {
  const endpoint = findEndpoint(state.endpoint ?? "", operator);
  return {
    model: state.model ?? "",
    baseUrl: endpoint.url,
    apiKey: operator.apiKey,
    temperature: state.temperature ?? 0,
  };
}

/**
 * One branch node: the filters of ONE filter type for the query, from the chat model
 * (structured output) or from the type's offline extractor. The node's config is passed
 * on to the model call, so its run nests under this branch in the trace.
 */
export function makeBranchNode(filterType: FilterType<any>, options: BranchOptions) {
  const gate = answerGate(filterType);
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    if (state.extractor === "llm") {
      const verdict = gate(state.query);
      if (!verdict.ask) return noteNoModelCall(verdict, state.query, config);
    }
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

/**
 * The type's answer gate found nothing the query could state for its column: no filter, no
 * model call. A run of its own under the branch says so in the trace, and why.
 */
async function noteNoModelCall(
  verdict: GateVerdict,
  query: string,
  config: LangGraphRunnableConfig,
): Promise<RecipeFiltersUpdate> {
  const { RunnableLambda } = await import("@langchain/core/runnables");
  await RunnableLambda.from(() => ({ model_called: false, why: verdict.why })).invoke(
    { query },
    { callbacks: config.callbacks, runName: "answer_gate", metadata: { answer_gate: "no model call" } },
  );
  return { candidates: [], warnings: [] };
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
