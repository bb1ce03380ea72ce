/** Only a type: no value carries it, so a CheckedQuery is a plain string at run time. */
declare const checked: unique symbol;
/**
 * A query `checkQuery` accepted. An edge that checked a query hands it down as this type
 * (`extractor.extract(query, { run })`), so what is below it need not check it again.
 */
export type CheckedQuery = string & { readonly [checked]: true };

export class UnusableQueryError extends Error {
  override name = "UnusableQueryError";
}

/** The longest query accepted; longer is a usage error, not a silent truncation. */
export const MAX_QUERY_LENGTH = 2000;

/**
 * Characters that show nothing: white space, control characters and the default-ignorable
 * ones (zero-width space and joiners, word joiner, BOM, bidi marks, variation selectors,
 * Hangul fillers). A query made only of these is blank, however long.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * Rejects what no extractor can use (empty, blank or invisible, too long), with a message for
 * one line of stderr. The graph's first node runs it, so Studio and the LangGraph API refuse
 * the same queries as the CLI, before any model call.
 */
export function checkQuery(query: unknown): CheckedQuery {
  if (typeof query !== "string") throw new UnusableQueryError("the query must be a string");
  if (query === "") throw new UnusableQueryError("the query is empty");
  if (INVISIBLE_ONLY.test(query))
    throw new UnusableQueryError("the query is blank: it holds only spaces or invisible characters");
  if (query.length > MAX_QUERY_LENGTH)
    throw new UnusableQueryError(`the query is ${query.length} characters long; the maximum is ${MAX_QUERY_LENGTH}`);
  return query as CheckedQuery;
}
