import type { Filter, FilterType, Operator } from "../filters/filter-type.js";
import { bareNumbersIn } from "../language/numerals.js";
import { residualOf } from "../query/residual.js";
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
  const value = filter.value;
  if (filter.operator === "in" ? !Array.isArray(value) || value.length === 0 : Array.isArray(value))
    return filter.operator === "in"
      ? `in needs a non-empty list of values, not ${JSON.stringify(value)}`
      : `operator ${filter.operator} takes one value, not a list`;
  if (type.values) {
    const outside = [value].flat().filter((v) => !type.values?.includes(String(v)));
    return outside.length === 0
      ? undefined
      : `value ${JSON.stringify(outside[0])} is not one of ${type.values.join(", ")}`;
  }
  if (typeof value !== "number" || !Number.isFinite(value))
    return `value ${typeof value === "number" ? value : JSON.stringify(value)} is not a finite number`;
  if (value < 0) return `value ${value} is negative`;
  if (type.range && (value < type.range.min || value > type.range.max))
    return `value ${value} is outside the plausible range ${type.range.min}–${type.range.max} ${type.unit}`;
  return undefined;
}

/** The values a string filter allows: one for `=`, the list for `in`. */
const allowed = (f: Filter) => [f.value].flat().map(String);

/** Two conditions on one column that no value satisfies together (`< 5` and `> 10`; `= 主菜` and `in [副菜, 汁物]`). */
function conflict(a: Filter, b: Filter): boolean {
  if (typeof a.value !== "number" || typeof b.value !== "number") {
    const other = new Set(allowed(b));
    return !allowed(a).some((v) => other.has(v));
  }
  const [x, y] = [a.value, b.value];
  const upperLower = (u: Filter, l: Filter, uv: number, lv: number) =>
    (UPPER.includes(u.operator) || u.operator === "=") &&
    (LOWER.includes(l.operator) || l.operator === "=") &&
    (lv > uv || (lv === uv && (u.operator === "<" || l.operator === ">")));
  return upperLower(a, b, x, y) || upperLower(b, a, y, x);
}

const describe = (f: Filter) => `${f.operator} ${Array.isArray(f.value) ? `[${f.value.join(", ")}]` : f.value}`;

/** The tighter of two filters with one column and operator, or undefined when neither contains the other. */
function tighter(filter: Filter, previous: Filter): Filter | undefined {
  if (UPPER.includes(filter.operator)) return filter.value < previous.value ? filter : previous;
  if (LOWER.includes(filter.operator)) return filter.value > previous.value ? filter : previous;
  if (filter.operator === "in") {
    // Both lists must hold: their common values, when they have any.
    const other = new Set(allowed(previous));
    const common = allowed(filter).filter((v) => other.has(v));
    return common.length === 0
      ? undefined
      : { ...previous, value: allowed(previous).filter((v) => common.includes(v)) };
  }
  return filter.value === previous.value ? previous : undefined;
}

const sortKey = (value: Filter["value"]) => (Array.isArray(value) ? value.join("\u0000") : value);

/**
 * Merges the branches' candidates as filter-semantics.md says: invalid or ungrounded
 * filters are dropped with a warning; the same column and operator twice keeps the
 * tighter bound (two `in` lists keep their common values); contradictions are reported
 * (and the filters kept); the order is registry, then operator, then value.
 *
 * Grounding is by unit: a value is grounded when this column's type finds it stated with
 * its own unit (or implied by a rule), or when the number is stated bare and no column
 * claims it — so 「500円以下」 never grounds `calories_kcal <= 500`.
 */
export function mergeFilters(candidates: Filter[], registry: readonly FilterType<any>[], query: string): MergeResult {
  const warnings: Warning[] = [];
  const byColumn = new Map(registry.map((t) => [t.column, t]));
  const kept = new Map<string, Filter>();
  const grounding = new Map<string, (number | string)[]>();
  const groundingOf = (type: FilterType<any>) => {
    const known = grounding.get(type.column);
    if (known) return known;
    const values = type.groundingValues(query, registry);
    grounding.set(type.column, values);
    return values;
  };
  let bare: number[] | undefined;
  const bareNumbers = () => {
    if (!bare) {
      const claimed = new Set(registry.flatMap((t) => (t.values ? [] : groundingOf(t))));
      bare = bareNumbersIn(query).filter((n) => !claimed.has(n));
    }
    return bare;
  };
  const isGrounded = (filter: Filter, type: FilterType<any>) =>
    [filter.value]
      .flat()
      .every(
        (v) => groundingOf(type).includes(v) || (!type.values && typeof v === "number" && bareNumbers().includes(v)),
      );
  for (const filter of candidates) {
    const type = byColumn.get(filter.column);
    const reason = invalidReason(filter, type);
    if (reason || !type) {
      warnings.push({ branch: type?.name ?? "reduce", filter, message: `dropped: ${reason}` });
      continue;
    }
    if (!isGrounded(filter, type)) {
      warnings.push({
        branch: type.name,
        filter,
        message: `dropped: ${Array.isArray(filter.value) ? filter.value.join(", ") : filter.value} is not stated in the query (ungrounded)`,
      });
      continue;
    }
    const key = `${filter.column}\u0000${filter.operator}`;
    const previous = kept.get(key);
    if (!previous) {
      kept.set(key, filter);
      continue;
    }
    const merged = tighter(filter, previous);
    if (merged) kept.set(key, merged);
    else kept.set(`${key}\u0000${JSON.stringify(filter.value)}`, filter);
  }

  const rank = (f: Filter) => {
    const typeIndex = registry.findIndex((t) => t.column === f.column);
    return [typeIndex, registry[typeIndex].operators.indexOf(f.operator)];
  };
  const filters = [...kept.values()].sort((a, b) => {
    const [ta, oa] = rank(a);
    const [tb, ob] = rank(b);
    const [va, vb] = [sortKey(a.value), sortKey(b.value)];
    return ta - tb || oa - ob || (va < vb ? -1 : va > vb ? 1 : 0);
  });

  const contradictions: Contradiction[] = [];
  for (let i = 0; i < filters.length; i++)
    for (let j = i + 1; j < filters.length; j++)
      if (filters[i].column === filters[j].column && conflict(filters[i], filters[j]))
        contradictions.push({
          column: filters[i].column,
          filters: [filters[i], filters[j]],
          message: `no ${filters[i].column} is ${describe(filters[i])} and ${describe(filters[j])}`,
        });
  return { filters, warnings, contradictions };
}

/** The reducer node: every branch's candidates in, one merged filter list out. */
export function makeReduceNode(registry: readonly FilterType<any>[]) {
  return (state: RecipeFiltersStateValue): RecipeFiltersUpdate => {
    const { filters, warnings, contradictions } = mergeFilters(state.candidates, registry, state.query);
    return { filters, warnings, contradictions, residual: residualOf(state.query, filters, { registry }) };
  };
}
