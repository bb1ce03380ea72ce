import { type Filter, valueShapeProblem } from "../filters/filter-type.js";
import type { Registry } from "../filters/registry.js";

export interface FormatOptions {
  /** The filter types whose columns a filter may name (and whose units a reader sees): the extractor's. */
  registry: Registry;
}

/** A filter a store format refuses to write: an unknown column, an unknown operator, or something the target cannot express. */
export class UnwritableFilterError extends Error {
  override name = "UnwritableFilterError";
}

/**
 * Every filter must name a registry column. Column names end up as keys or SQL
 * identifiers, so nothing else — whatever a model or a caller put there — gets through.
 */
export function checkColumns(filters: readonly Pick<Filter, "column">[], options: FormatOptions): void {
  for (const filter of filters)
    if (!options.registry.byColumn(filter.column))
      throw new UnwritableFilterError(
        `unknown column ${JSON.stringify(filter.column)}: not in the filter-type registry`,
      );
}

/** The filter's values as a store binds them: one, or every value of an `in` list; a list anywhere else is refused. */
export function valuesOf(filter: Filter): (number | string)[] {
  const problem = valueShapeProblem(filter);
  if (problem) throw new UnwritableFilterError(`${filter.column}: ${problem}`);
  return [filter.value].flat();
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
