import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator, UnwritableFilterError, valuesOf } from "./columns.js";

/** A Databricks Vector Search filter dictionary (standard endpoints): keys are AND-ed. */
export type DatabricksFilters = Record<string, number | string | string[]>;

/** The arguments of a Databricks `similarity_search`: the text to embed and the filter dictionary. */
export interface DatabricksQuery {
  query_text: string;
  filters: DatabricksFilters;
}

// The key is "<column> <op>"; equality is the bare column name, and so is `in`: a list
// value under a bare key means "any of these" to Databricks.
const KEY_SUFFIX: Record<Filter["operator"], string> = {
  "=": "",
  "<": " <",
  "<=": " <=",
  ">": " >",
  ">=": " >=",
  in: "",
};

/**
 * `{"cooking_time_min <=": 10, "dish_category": ["主菜", "副菜"]}`. Two conditions on one column
 * (a range) are two keys: `{"cooking_time_min >=": 20, "cooking_time_min <=": 30}`. One key
 * cannot hold two values — a list would mean OR — so the same column and operator twice
 * (never in a merged result except `=` with two values, a reported contradiction) is refused.
 */
export function toDatabricksFilters(filters: readonly Filter[], options: FormatOptions): DatabricksFilters {
  checkColumns(filters, options);
  const dictionary: DatabricksFilters = {};
  for (const filter of filters) {
    const key = `${filter.column}${translateOperator(KEY_SUFFIX, filter, "a Databricks filter key")}`;
    if (Object.hasOwn(dictionary, key))
      throw new UnwritableFilterError(
        `${key.trim()} appears twice (${dictionary[key]} and ${filter.value}); a Databricks filter dictionary holds one value per key`,
      );
    valuesOf(filter); // a list goes with `in`, and only there
    dictionary[key] = filter.value;
  }
  return dictionary;
}

/**
 * `{ "query_text": "鶏むね肉を使った", "filters": {…} }`: what Databricks' `similarity_search`
 * takes. The text is the residual — the query without the words the filters came from — so
 * the embedding compares what the filters could not say.
 */
export function toDatabricksQuery(
  result: { query: string; residual?: string; filters: readonly Filter[] },
  options: FormatOptions,
): DatabricksQuery {
  return { query_text: result.residual ?? result.query, filters: toDatabricksFilters(result.filters, options) };
}
