/**
 * The test oracle for "every returned filter is valid and grounded", written from the filter
 * types' declarations (column, operators, range, values, grounding), independently of the
 * reducer that is supposed to guarantee it.
 */
import { FILTER_TYPES, type Filter, type FilterType } from "../../src/filters/index.js";

/** Why each filter is not acceptable; empty when all are. */
export function filterProblems(
  filters: readonly Filter[],
  query: string,
  registry: readonly FilterType<any>[] = FILTER_TYPES,
): string[] {
  return filters.flatMap((filter) => {
    const type = registry.find((t) => t.column === filter.column);
    const label = JSON.stringify(filter);
    if (!type) return [`${label}: unknown column`];
    if (!type.operators.includes(filter.operator)) return [`${label}: operator not allowed`];
    if (type.values) {
      const list = [filter.value].flat();
      if (Array.isArray(filter.value) !== (filter.operator === "in") || list.length === 0)
        return [`${label}: a list goes with in, and only there`];
      return list.every((v) => type.values?.includes(String(v))) ? [] : [`${label}: not an allowed value`];
    }
    if (typeof filter.value !== "number" || !Number.isFinite(filter.value)) return [`${label}: not a finite number`];
    if (type.range && (filter.value < type.range.min || filter.value > type.range.max))
      return [`${label}: out of range`];
    if (!type.groundingValues(query, registry).includes(filter.value)) return [`${label}: not stated in the query`];
    return [];
  });
}
