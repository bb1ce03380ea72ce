import {
  type Comparator,
  Comparators,
  Comparison,
  Operation,
  Operators,
  StructuredQuery,
} from "@langchain/core/structured_query";
import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator } from "./columns.js";

const COMPARATORS: Record<Filter["operator"], Comparator> = {
  "=": Comparators.eq,
  "<": Comparators.lt,
  "<=": Comparators.lte,
  ">": Comparators.gt,
  ">=": Comparators.gte,
};

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
  const comparisons = result.filters.map(
    (f) => new Comparison(translateOperator(COMPARATORS, f, "a StructuredQuery comparator"), f.column, f.value),
  );
  const filter =
    comparisons.length === 0
      ? undefined
      : comparisons.length === 1
        ? comparisons[0]
        : new Operation(Operators.and, comparisons);
  return new StructuredQuery(result.query, filter);
}
