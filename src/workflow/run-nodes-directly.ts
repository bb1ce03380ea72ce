import type { FilterType } from "../filters/filter-type.js";
import { toBranchError } from "../model/branch-errors.js";
import { makeBranchNode } from "./branch.js";
import type { RunSettings } from "./configuration.js";
import { checkQuery } from "./query-check.js";
import { makeReduceNode } from "./reduce.js";
import type { RecipeFiltersStateValue } from "./state.js";

/**
 * The graph's own node functions, called in graph order without the Pregel scheduler.
 *
 * Why: LangGraph's per-invoke scheduling costs ~2–4 ms here, which caps the offline
 * (rules) extractor near 300–500 queries/s. Offline branches need none of what the
 * scheduler adds (no I/O to overlap, no retries, timeouts or streaming), so the rules
 * path of `createExtractor` runs the same branch and reduce functions directly; a test
 * checks the results are identical to `graph.invoke` over the evaluation dataset.
 * A failing branch becomes an error record, as the graph's per-node errorHandler does.
 */
export function createDirectRunner(registry: readonly FilterType<any>[]) {
  // Offline branches make no HTTP call, so timeout and retry settings do not apply.
  const branches = registry.map((type) => ({
    type,
    run: makeBranchNode(type, { timeoutMs: 0, maxRetries: 0, operator: {} }, registry),
  }));
  const reduce = makeReduceNode(registry);
  // What the graph's prepare node does, for a run already decided to be offline.
  return async (query: string, run: RunSettings & { extractor: "rules" }): Promise<RecipeFiltersStateValue> => {
    const state: RecipeFiltersStateValue = {
      query: checkQuery(query),
      ...run,
      candidates: [],
      errors: [],
      warnings: [],
      filters: [],
      contradictions: [],
      residual: "",
    };
    for (const { type, run: branch } of branches) {
      try {
        const update = await branch(state, {});
        state.candidates.push(...((update.candidates as typeof state.candidates) ?? []));
        state.warnings.push(...((update.warnings as typeof state.warnings) ?? []));
      } catch (error) {
        state.errors.push(toBranchError(type.name, error));
      }
    }
    const merged = reduce(state);
    // `warnings` is an appending channel in the graph: the reducer's warnings follow the branches'.
    return {
      ...state,
      ...merged,
      warnings: [...state.warnings, ...(merged.warnings ?? [])],
    } as RecipeFiltersStateValue;
  };
}
