/**
 * Streaming an extraction: one event the moment each branch finishes (from the graph's
 * `updates` stream), then one with the merged result. The CLI's `--stream --json` prints
 * these events as they are, one JSON document per line.
 */

import { REDUCE_NODE } from "../workflow/build.js";
import { PREPARE_NODE } from "../workflow/prepare.js";
import {
  type BranchError,
  type FilterRecord,
  OUTPUT_KEYS,
  type RecipeFiltersOutputValue,
  type RecipeFiltersUpdate,
  type Warning,
} from "../workflow/state.js";
import type { ExtractionResult } from "./result.js";

/** One branch (one filter type) finished: the filters it proposes, before the reducer validates and merges them. */
export interface BranchFinished {
  type: "branch";
  branch: string;
  filters: FilterRecord[];
  warnings: Warning[];
  /** Why the branch produced nothing, when it failed after its retries; otherwise null. */
  error: BranchError | null;
  /** Milliseconds since the extraction started. */
  elapsedMs: number;
}

/** The whole extraction finished: the same document `--json` prints. Always the last event. */
export interface ExtractionFinished {
  type: "result";
  result: ExtractionResult;
  elapsedMs: number;
}

export type ExtractionEvent = BranchFinished | ExtractionFinished;

type GraphChunk = ["updates", Record<string, RecipeFiltersUpdate | undefined>] | ["values", RecipeFiltersOutputValue];

/**
 * Graph chunks (stream modes `updates` and `values`) in, extraction events out. An update
 * from any node but the reducer is a branch's; a failed branch's comes from its error
 * handler node and names the branch in its error record.
 */
export async function* toExtractionEvents(chunks: AsyncIterable<GraphChunk>): AsyncGenerator<ExtractionEvent> {
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  let last: RecipeFiltersOutputValue | undefined;
  for await (const [mode, chunk] of chunks) {
    if (mode === "values") {
      last = chunk;
      continue;
    }
    for (const [node, update] of Object.entries(chunk)) {
      if (node === REDUCE_NODE || node === PREPARE_NODE || !update) continue;
      const error = update.errors?.[0] ?? null;
      yield {
        type: "branch",
        branch: error?.branch ?? node,
        filters: update.candidates ?? [],
        warnings: update.warnings ?? [],
        error,
        elapsedMs: elapsedMs(),
      };
    }
  }
  if (!last) throw new Error("the graph ended without a final state");
  // The values stream carries `candidates` too (asked for by the extractor): the result is the output's fields.
  const result = Object.fromEntries(OUTPUT_KEYS.map((key) => [key, last[key]])) as ExtractionResult;
  yield { type: "result", result, elapsedMs: elapsedMs() };
}
