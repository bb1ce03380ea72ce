export class UnusableQueryError extends Error {
  override name = "UnusableQueryError";
}

/** The longest query accepted; longer is a usage error, not a silent truncation. */
export const MAX_QUERY_LENGTH = 2000;

/** Rejects what no extractor can use (empty, blank, too long), with a message for one line of stderr. */
export function checkQuery(query: unknown): string {
  if (typeof query !== "string") throw new UnusableQueryError("the query must be a string");
  if (query.trim() === "") throw new UnusableQueryError("the query is empty");
  if (query.length > MAX_QUERY_LENGTH)
    throw new UnusableQueryError(`the query is ${query.length} characters long; the maximum is ${MAX_QUERY_LENGTH}`);
  return query;
}
