import type { RunnableConfig } from "@langchain/core/runnables";
import type { FilterType } from "../filters/filter-type.js";
import { BranchFailure } from "./branch-errors.js";
import { type GroundedAnswer, groundByEvidence } from "./evidence-grounding.js";
import { filterModelCall } from "./filter-model-call.js";
import { filtersFromAnswer } from "./model-answer.js";
import type { ModelRun } from "./model-run.js";
import { waitOutRetryAfter } from "./retry-after.js";
import { type AnswerSlot, isSdkAnswerCheck, withAnswerSlot } from "./upstream.js";

/**
 * The one seam to the chat model: the filters ONE filter type finds in the query, asked of
 * the run's model, each grounded by the words the model quoted for it (evidence-grounding.ts):
 * a condition whose quote is not in the query or does not state its value is dropped, with
 * the reason, for the branch to report as a warning. `config` is passed on to the model call,
 * so its run nests under the caller's in the trace. Fails with an error classify-able by branch-errors.ts (and never
 * one that holds a secret: answer-fetch.ts scrubbed the bytes it was built from); before a
 * failure that will be retried, a server's Retry-After is waited out (retry-after.ts).
 */
export async function askModel(
  filterType: FilterType<any>,
  query: string,
  run: ModelRun,
  config: RunnableConfig,
): Promise<GroundedAnswer> {
  const startedAt = Date.now();
  try {
    const slot: AnswerSlot = {};
    const call = filterModelCall(filterType, run, { timeoutMs: run.timeoutMs, redactor: run.redactor });
    try {
      await withAnswerSlot(slot, () => call.invoke(query, config));
    } catch (error) {
      // The SDK's own check of a json_schema answer (upstream.ts): the answer arrived whole,
      // and is read here like any other, with the precise kind and message.
      if (!(isSdkAnswerCheck(error) && slot.answer)) throw error;
    }
    if (!slot.answer)
      throw new BranchFailure("unexpected", "the model client returned without an answer from the server");
    return groundByEvidence(filtersFromAnswer(slot.answer, filterType), query, filterType);
  } catch (error) {
    const attempt = (config as { executionInfo?: { nodeAttempt?: number } }).executionInfo?.nodeAttempt ?? 1;
    if (attempt <= run.maxRetries)
      await waitOutRetryAfter(error, { leftMs: run.timeoutMs - (Date.now() - startedAt), signal: config.signal });
    throw error;
  }
}
