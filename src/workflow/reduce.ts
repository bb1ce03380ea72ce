import type { Filter, FilterType, Operator } from "../filters/filter-type.js";
import type { Contradiction, RecipeFiltersStateValue, RecipeFiltersUpdate, Warning } from "./state.js";

export interface MergeResult {
  filters: Filter[];
  warnings: Warning[];
  contradictions: Contradiction[];
}

const UPPER: Operator[] = ["<", "<="];
const LOWER: Operator[] = [">", ">="];

/** Why a filter cannot be applied, or undefined when it is valid for its type. */
function invalidReason(filter: Filter, type: FilterType<any> | undefined): string | undefined {
  if (!type) return `unknown column ${JSON.stringify(filter.column)}`;
  if (!type.operators.includes(filter.operator)) return `operator ${filter.operator} is not allowed on ${type.column}`;
  if (type.values)
    return type.values.includes(String(filter.value))
      ? undefined
      : `value ${JSON.stringify(filter.value)} is not one of ${type.values.join(", ")}`;
  const value = filter.value;
  if (typeof value !== "number" || !Number.isFinite(value))
    return `value ${JSON.stringify(value)} is not a finite number`;
  if (value < 0) return `value ${value} is negative`;
  if (type.range && (value < type.range.min || value > type.range.max))
    return `value ${value} is outside the plausible range ${type.range.min}–${type.range.max} ${type.unit}`;
  return undefined;
}

/** Two bounds on one column that no value satisfies together (e.g. `< 5` and `> 10`). */
function conflict(a: Filter, b: Filter): boolean {
  const [x, y] = [a, b].map((f) => f.value as number);
  const upperLower = (u: Filter, l: Filter, uv: number, lv: number) =>
    (UPPER.includes(u.operator) || u.operator === "=") &&
    (LOWER.includes(l.operator) || l.operator === "=") &&
    (lv > uv || (lv === uv && (u.operator === "<" || l.operator === ">")));
  if (typeof a.value === "string" || typeof b.value === "string")
    return a.operator === "=" && b.operator === "=" && a.value !== b.value;
  return upperLower(a, b, x, y) || upperLower(b, a, y, x);
}

/**
 * Merges the branches' candidates as filter-semantics.md says: invalid or ungrounded
 * filters are dropped with a warning; the same column and operator twice keeps the
 * tighter bound; contradictions are reported (and the filters kept); the order is
 * registry, then operator, then value.
 */
export function mergeFilters(candidates: Filter[], registry: readonly FilterType<any>[], query: string): MergeResult {
  const warnings: Warning[] = [];
  const byColumn = new Map(registry.map((t) => [t.column, t]));
  const kept = new Map<string, Filter>();
  const grounding = new Map<string, (number | string)[]>();
  for (const filter of candidates) {
    const type = byColumn.get(filter.column);
    const reason = invalidReason(filter, type);
    if (reason || !type) {
      warnings.push({ branch: type?.name ?? "reduce", filter, message: `dropped: ${reason}` });
      continue;
    }
    const grounded = grounding.get(type.column) ?? type.groundingValues(query);
    grounding.set(type.column, grounded);
    if (!grounded.includes(filter.value)) {
      warnings.push({
        branch: type.name,
        filter,
        message: `dropped: ${filter.value} is not stated in the query (ungrounded)`,
      });
      continue;
    }
    const key = `${filter.column}\u0000${filter.operator}`;
    const previous = kept.get(key);
    if (!previous) kept.set(key, filter);
    else if (
      UPPER.includes(filter.operator)
        ? filter.value < previous.value
        : LOWER.includes(filter.operator)
          ? filter.value > previous.value
          : false
    )
      kept.set(key, filter);
    else if (filter.operator === "=" && filter.value !== previous.value)
      kept.set(`${key}\u0000${filter.value}`, filter);
  }

  const rank = (f: Filter) => {
    const typeIndex = registry.findIndex((t) => t.column === f.column);
    return [typeIndex, registry[typeIndex].operators.indexOf(f.operator)];
  };
  const filters = [...kept.values()].sort((a, b) => {
    const [ta, oa] = rank(a);
    const [tb, ob] = rank(b);
    return ta - tb || oa - ob || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  });

  const contradictions: Contradiction[] = [];
  for (let i = 0; i < filters.length; i++)
    for (let j = i + 1; j < filters.length; j++)
      if (filters[i].column === filters[j].column && conflict(filters[i], filters[j]))
        contradictions.push({
          column: filters[i].column,
          filters: [filters[i], filters[j]],
          message: `no ${filters[i].column} is ${filters[i].operator} ${filters[i].value} and ${filters[j].operator} ${filters[j].value}`,
        });
  return { filters, warnings, contradictions };
}

/** The reducer node: every branch's candidates in, one merged filter list out. */
export function makeReduceNode(registry: readonly FilterType<any>[]) {
  return (state: RecipeFiltersStateValue): RecipeFiltersUpdate => {
    const { filters, warnings, contradictions } = mergeFilters(state.candidates, registry, state.query);
    return { filters, warnings, contradictions };
  };
}
