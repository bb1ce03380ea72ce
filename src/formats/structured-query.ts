import {
  type Comparator,
  Comparators,
  Comparison,
  Operation,
  Operators,
  StructuredQuery,
} from "@langchain/core/structured_query";
import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator, UnwritableFilterError } from "./columns.js";

const COMPARATORS: Record<Exclude<Filter["operator"], "in">, Comparator> = {
  "=": Comparators.eq,
  "<": Comparators.lt,
  "<=": Comparators.lte,
  ">": Comparators.gt,
  ">=": Comparators.gte,
};

/** One filter as IR: a comparison, or for `in` an `or` of `eq`s (LangChain's IR has no `in` every translator knows). */
function toIr(f: Filter): Comparison | Operation {
  if (f.operator !== "in") {
    if (Array.isArray(f.value))
      throw new UnwritableFilterError(`${f.column} ${f.operator} takes one value, not a list`);
    return new Comparison(translateOperator(COMPARATORS, f, "a StructuredQuery comparator"), f.column, f.value);
  }
  if (!Array.isArray(f.value) || f.value.length === 0)
    throw new UnwritableFilterError(`${f.column} in takes a non-empty list of values`);
  const equalities = f.value.map((v) => new Comparison(Comparators.eq, f.column, v));
  return equalities.length === 1 ? equalities[0] : new Operation(Operators.or, equalities);
}

/**
 * LangChain's own query IR: one `Comparison` per filter, AND-ed in an `Operation` when
 * there are several, so any LangChain translator (Chroma, Pinecone, Qdrant, the
 * functional one …) turns it into its store's filter. `query` is the search text as
 * the user wrote it; the filters are not cut out of it.
 */
export function toStructuredQuery(
  result: { query: string; filters: readonly Filter[] },
  options: FormatOptions = {},
): StructuredQuery {
  checkColumns(result.filters, options);
  const comparisons = result.filters.map(toIr);
  const filter =
    comparisons.length === 0
      ? undefined
      : comparisons.length === 1
        ? comparisons[0]
        : new Operation(Operators.and, comparisons);
  return new StructuredQuery(result.query, filter);
}
