import type { Filter, FilterType, Operator } from "../filters/filter-type.js";
import { valueShapeProblem } from "../filters/filter-type.js";
import type { Registry } from "../filters/registry.js";
import { bareNumbersIn } from "../language/numerals.js";
import { residualOf } from "../query/residual.js";
import type { Contradiction, RecipeFiltersStateValue, RecipeFiltersUpdate, Warning } from "./state.js";

/**
 * THE REDUCER'S RULE (docs/filter-semantics.md), as a pipeline of named steps, each its own
 * function below:
 * 1. `validate`  — a filter on an unknown column, with an operator its column lacks, a value
 *                  of the wrong shape or outside the column's values or plausible range is
 *                  dropped with a warning;
 * 2. `ground`    — a value the query does not state is dropped with a warning (grounding is
 *                  by unit: a value is grounded when its own column's type finds it stated with
 *                  its unit or implied by a rule, or when the number is stated bare and no
 *                  column claims it — so 「500円以下」 never grounds `calories_kcal <= 500`);
 * 3. `tighten`   — the same column and operator twice keeps the tighter bound (two `in` lists
 *                  keep their common values; two that share none are both kept);
 * 4. `order`     — registry order, then the column's operator order, then value;
 * 5. `contradictions` — conditions on one column that no value satisfies together are
 *                  reported; the filters are kept.
 */
export interface MergeResult {
  filters: Filter[];
  warnings: Warning[];
  contradictions: Contradiction[];
}

/** What a step that drops filters gives: those it kept, and a warning for each it dropped. */
export interface Kept {
  filters: Filter[];
  warnings: Warning[];
}

export function mergeFilters(candidates: readonly Filter[], registry: Registry, query: string): MergeResult {
  const valid = validate(candidates, registry);
  const grounded = ground(valid.filters, registry, query);
  const filters = order(tighten(grounded.filters), registry);
  return { filters, warnings: [...valid.warnings, ...grounded.warnings], contradictions: contradictions(filters) };
}

/** The reducer node: every branch's candidates in, one merged filter list out; the run is complete. */
export function makeReduceNode(registry: Registry) {
  return (state: RecipeFiltersStateValue): RecipeFiltersUpdate => {
    const merged = mergeFilters(state.candidates, registry, state.query);
    return { ...merged, residual: residualOf(state.query, merged.filters, { registry }), complete: true };
  };
}

// 1. validate

export function validate(candidates: readonly Filter[], registry: Registry): Kept {
  const kept: Kept = { filters: [], warnings: [] };
  for (const filter of candidates) {
    const type = registry.byColumn(filter.column);
    const reason = type ? invalidReason(filter, type) : `unknown column ${JSON.stringify(filter.column)}`;
    if (reason) kept.warnings.push({ branch: type?.name ?? "reduce", filter, message: `dropped: ${reason}` });
    else kept.filters.push(filter);
  }
  return kept;
}

/** Why a filter cannot be applied to its type's column, or undefined when it can. */
function invalidReason(filter: Filter, type: FilterType<any>): string | undefined {
  if (!type.operators.includes(filter.operator)) return `operator ${filter.operator} is not allowed on ${type.column}`;
  const shape = valueShapeProblem(filter);
  if (shape) return shape;
  const value = filter.value;
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

// 2. ground

/** Drops the filters whose values the query does not state; every filter here is valid for a registry column. */
export function ground(filters: readonly Filter[], registry: Registry, query: string): Kept {
  const grounding = new Map<string, (number | string)[]>();
  const groundingOf = (type: FilterType<any>) => {
    const known = grounding.get(type.column);
    if (known) return known;
    const values = type.groundingValues(query, registry.types);
    grounding.set(type.column, values);
    return values;
  };
  let bare: number[] | undefined;
  /** The numbers stated bare that no numeric column claims with its own unit. */
  const unclaimed = () => {
    if (!bare) {
      const claimed = new Set(registry.types.flatMap((t) => (t.values ? [] : groundingOf(t))));
      bare = bareNumbersIn(query).filter((n) => !claimed.has(n));
    }
    return bare;
  };
  const kept: Kept = { filters: [], warnings: [] };
  for (const filter of filters) {
    const type = registry.byColumn(filter.column) as FilterType<any>;
    const stated = (v: number | string) =>
      groundingOf(type).includes(v) || (!type.values && typeof v === "number" && unclaimed().includes(v));
    if ([filter.value].flat().every(stated)) kept.filters.push(filter);
    else
      kept.warnings.push({
        branch: type.name,
        filter,
        message: `dropped: ${Array.isArray(filter.value) ? filter.value.join(", ") : filter.value} is not stated in the query (ungrounded)`,
      });
  }
  return kept;
}

// 3. tighten

const UPPER: Operator[] = ["<", "<="];
const LOWER: Operator[] = [">", ">="];

/** The values a string filter allows: one for `=`, the list for `in`. */
const allowed = (f: Filter) => [f.value].flat().map(String);

/** One filter per column and operator where one contains the other: the tighter. */
export function tighten(filters: readonly Filter[]): Filter[] {
  const kept = new Map<string, Filter>();
  for (const filter of filters) {
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
  return [...kept.values()];
}

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

// 4. order

const sortKey = (value: Filter["value"]) => (Array.isArray(value) ? value.join("\u0000") : value);

/** Registry order, then the column's operator order, then value: the same filters always come out alike. */
export function order(filters: readonly Filter[], registry: Registry): Filter[] {
  const rank = (f: Filter) => [
    registry.order(f.column),
    registry.byColumn(f.column)?.operators.indexOf(f.operator) ?? -1,
  ];
  return [...filters].sort((a, b) => {
    const [ta, oa] = rank(a);
    const [tb, ob] = rank(b);
    const [va, vb] = [sortKey(a.value), sortKey(b.value)];
    return ta - tb || oa - ob || (va < vb ? -1 : va > vb ? 1 : 0);
  });
}

// 5. contradictions

/** Every pair of filters on one column that no value satisfies together. */
export function contradictions(filters: readonly Filter[]): Contradiction[] {
  const found: Contradiction[] = [];
  for (let i = 0; i < filters.length; i++)
    for (let j = i + 1; j < filters.length; j++)
      if (filters[i].column === filters[j].column && conflict(filters[i], filters[j]))
        found.push({
          column: filters[i].column,
          filters: [filters[i], filters[j]],
          message: `no ${filters[i].column} is ${describe(filters[i])} and ${describe(filters[j])}`,
        });
  return found;
}

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
