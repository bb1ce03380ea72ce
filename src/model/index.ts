/**
 * The model seam, loaded on demand: the offline path (no key) never needs the OpenAI client,
 * and it is a large part of a cold start. An edge that will ask the model calls `loadModelSeam`
 * before any timed attempt, so the first call of a process does not pay the load inside its
 * timeout; `askModel` then finds it loaded.
 */
import type { RunnableConfig } from "@langchain/core/runnables";
import type { FilterType } from "../filters/filter-type.js";
import type { GroundedAnswer } from "./evidence-grounding.js";
import type { ModelRun } from "./model-run.js";

let seam: Promise<typeof import("./ask-model.js")> | undefined;

export const loadModelSeam = () => {
  seam ??= import("./ask-model.js");
  return seam;
};

export async function askModel(
  filterType: FilterType<any>,
  query: string,
  run: ModelRun,
  config: RunnableConfig,
): Promise<GroundedAnswer> {
  return (await loadModelSeam()).askModel(filterType, query, run, config);
}

export type { GroundedAnswer, UngroundedCondition } from "./evidence-grounding.js";
export { type ModelRun, type ModelSettings, OPENAI_BASE_URL } from "./model-run.js";
