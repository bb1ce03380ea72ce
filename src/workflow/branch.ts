import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { answerGate, type GateVerdict } from "../filters/answer-gate.js";
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
  const gate = answerGate(filterType, registry);
  return async (state: RecipeFiltersStateValue, config: LangGraphRunnableConfig): Promise<RecipeFiltersUpdate> => {
    if (state.extractor !== "llm") return offlineBranch(filterType, state.query, registry);
    const verdict = gate(state.query);
    if (!verdict.ask) return noteNoModelCall(verdict, state.query, config);
    // The model's conditions come grounded by the words it quoted; those it could not ground are warnings.
    const { filters, dropped } = await askModel(filterType, state.query, modelRun(state, options), config);
    const outcome = ownColumnOnly(filterType, filters);
    return { ...outcome, warnings: [...dropped, ...outcome.warnings] };
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
