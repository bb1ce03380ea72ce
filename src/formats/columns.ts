import type { Filter, FilterType } from "../filters/filter-type.js";
import { FILTER_TYPES } from "../filters/index.js";

/** What a format needs to know about the registry: which columns exist (and, for reading, their units). */
export type KnownColumns = readonly (Pick<FilterType, "column"> & Partial<Pick<FilterType, "unit">>)[];

export interface FormatOptions {
  /** The columns a filter may name; the filter-type registry unless a caller has its own. */
  registry?: KnownColumns;
}

/** A filter a store format refuses to write: an unknown column, an unknown operator, or something the target cannot express. */
export class UnwritableFilterError extends Error {
  override name = "UnwritableFilterError";
}

/**
 * Every filter must name a registry column. Column names end up as keys or SQL
 * identifiers, so nothing else — whatever a model or a caller put there — gets through.
 */
export function checkColumns(filters: readonly Filter[], options: FormatOptions = {}): void {
  const known = new Set((options.registry ?? FILTER_TYPES).map((t) => t.column));
  for (const filter of filters)
    if (!known.has(filter.column))
      throw new UnwritableFilterError(
        `unknown column ${JSON.stringify(filter.column)}: not in the filter-type registry`,
      );
}

/** Looks an operator up in a target's fixed table; the filter's own text never reaches the output. */
export function translateOperator<T>(
  table: Readonly<Partial<Record<Filter["operator"], T>>>,
  filter: Filter,
  target: string,
): T {
  if (!Object.hasOwn(table, filter.operator))
    throw new UnwritableFilterError(`operator ${JSON.stringify(filter.operator)} cannot be written as ${target}`);
  return table[filter.operator] as T;
}

/** A filter's value as a reader sees it: a number or a word, or an `in` list as "主菜, 副菜". */
export const valueText = (value: Filter["value"]): string => (Array.isArray(value) ? value.join(", ") : String(value));
