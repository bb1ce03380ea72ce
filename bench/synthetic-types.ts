import type { Filter, FilterType } from "../src/filters/filter-type.js";
import { FILTER_TYPES } from "../src/filters/index.js";

const retarget = (filters: readonly Filter[], column: string) => filters.map((f) => ({ ...f, column }));
// HEAD's toFilters answers { filter, quotes } pairs; the pinned baseline's answers bare filters.
type ModelFilters = ReturnType<FilterType<any>["toFilters"]>;
const retargetAnswer = (found: ModelFilters, column: string): ModelFilters =>
  (found as unknown[]).map((item) =>
    item && typeof item === "object" && "filter" in item
      ? { ...item, filter: { ...(item.filter as Filter), column } }
      : { ...(item as Filter), column },
  ) as ModelFilters;

/**
 * N interchangeable filter types for the benchmark: each is the registry's cooking-time type
 * under another column, so the stand-in can answer every one of them and every branch does
 * the same work. Copied from the registry's entry (not declared anew), so the same bench code
 * measures builds whose type-declaring helpers differ (bench/baseline.ts).
 */
export function syntheticFilterTypes(n: number): FilterType<any>[] {
  const base = FILTER_TYPES.find((t) => t.column === "cooking_time_min");
  if (!base) throw new Error("the registry has no cooking_time_min type to copy");
  return Array.from({ length: n }, (_, i): FilterType<any> => {
    const column = `synthetic_${i + 1}`;
    return {
      ...base,
      name: column,
      column,
      description: `Synthetic benchmark type ${i + 1} (the cooking time).`,
      answerName: `${column}_conditions`,
      examples: base.examples.map((e) => ({ ...e, filters: retarget(e.filters, column) })),
      toFilters: (answer) => retargetAnswer(base.toFilters(answer), column),
      extractOffline: (query, registry) => retarget(base.extractOffline(query, registry), column),
    };
  });
}
