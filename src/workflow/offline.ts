import type { Filter, FilterType, ReadAlongside } from "../filters/filter-type.js";
import type { Registry } from "../filters/registry.js";
import { toBranchError } from "../model/branch-errors.js";
import { residualOf } from "../query/residual.js";
import type { Redactor } from "../secrets/redact.js";
import type { RunSettings } from "../settings/run.js";
import { mergeFilters } from "./reduce.js";
import type { BranchError, RecipeFiltersOutputValue, Warning } from "./state.js";

/** What one branch adds to the run: its own column's filters, and a warning for each it dropped. */
export interface BranchOutcome {
  candidates: Filter[];
  warnings: Warning[];
}

/** A branch speaks for its own column only, whatever the model or the rules say. */
export function ownColumnOnly(type: FilterType<any>, filters: readonly Filter[]): BranchOutcome {
  const outcome: BranchOutcome = { candidates: [], warnings: [] };
  for (const filter of filters)
    if (filter.column === type.column) outcome.candidates.push(filter);
    else
      outcome.warnings.push({
        branch: type.name,
        filter,
        message: `dropped: not this branch's column (${type.column})`,
      });
  return outcome;
}

/**
 * One branch, offline: the type's rules (its offline grammar), read beside the registry's other
 * types (a count skips a 1人分 that labels another column's amount). The graph's branch node
 * calls this for a `rules` run.
 */
export const offlineBranch = (type: FilterType<any>, query: string, registry: ReadAlongside): BranchOutcome =>
  ownColumnOnly(type, type.extractOffline(query, registry));

/**
 * A decided `rules` run without the graph's scheduler: every branch, then the reducer, in
 * graph order, with the same outcome as the graph (a test compares them). LangGraph's
 * per-invoke scheduling costs ~2–4 ms, which would cap the offline extractor near 300–500
 * queries/s, and offline branches need nothing it adds (no I/O to overlap, no retries,
 * timeouts or streaming). Only an untraced run takes it: a traced one runs the graph, so the
 * trace is whole. A branch that throws becomes an error record, as the graph's does.
 */
export function runOffline(
  registry: Registry,
  query: string,
  run: RunSettings,
  redactor: Redactor,
): RecipeFiltersOutputValue {
  const candidates: Filter[] = [];
  const warnings: Warning[] = [];
  const errors: BranchError[] = [];
  for (const type of registry.types) {
    try {
      const outcome = offlineBranch(type, query, registry.types);
      candidates.push(...outcome.candidates);
      warnings.push(...outcome.warnings);
    } catch (error) {
      errors.push(toBranchError(type.name, error, redactor));
    }
  }
  const merged = mergeFilters(candidates, registry, query);
  // `warnings` is an appending channel in the graph: the reducer's follow the branches'.
  return {
    query,
    extractor: run.extractor,
    model: run.model,
    filters: merged.filters,
    errors,
    warnings: [...warnings, ...merged.warnings],
    contradictions: merged.contradictions,
    residual: residualOf(query, merged.filters, { registry }),
    complete: true,
  };
}
