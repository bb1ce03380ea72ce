import { type Runnable, RunnableLambda } from "@langchain/core/runnables";
import type { StructuredQuery } from "@langchain/core/structured_query";
import { toStructuredQuery } from "../formats/structured-query.js";
import type { RecipeFiltersContext } from "../settings/run.js";
import { createExtractor, type ExtractorOptions } from "./extractor.js";

export interface QueryConstructorOptions extends ExtractorOptions {
  /** Settings for every query (extractor, model, baseUrl); unset ones come from the environment, then the defaults. */
  context?: Partial<RecipeFiltersContext>;
  /**
   * A branch that failed leaves its filter out, which widens the search. By default that
   * is an error (the retriever call rejects, naming the branches); true accepts the rest.
   */
  acceptPartial?: boolean;
}

/** A filter branch failed and the query constructor was not told to accept a partial filter. */
export class PartialFilterError extends Error {
  override name = "PartialFilterError";
}

/**
 * The graph as a LangChain query constructor: `{ query }` in, a `StructuredQuery` out —
 * what `SelfQueryRetriever` takes as `queryConstructor`, in place of the LLM chain that
 * `SelfQueryRetriever.fromLLM` would build. The graph runs as a child of the caller's run,
 * so a traced retriever call is still one trace.
 */
export function createQueryConstructor(
  options: QueryConstructorOptions = {},
): Runnable<{ query: string }, StructuredQuery> {
  const extractor = createExtractor(options);
  return RunnableLambda.from(async (input: { query: string }, config) => {
    const result = await extractor.extract(input.query, {
      context: options.context,
      callbacks: config?.callbacks,
      signal: config?.signal,
    });
    if (result.errors.length > 0 && !options.acceptPartial)
      throw new PartialFilterError(
        `filter branch(es) failed, so the filter would be incomplete: ${result.errors.map((e) => `${e.branch}: ${e.message}`).join("; ")}`,
      );
    return toStructuredQuery(result, { registry: extractor.registry });
  }).withConfig({ runName: "recipe_filters_query_constructor" });
}
