import {
  type Comparator,
  Comparators,
  Comparison,
  type FilterDirective,
  Operation,
  type Operator,
  Operators,
  StructuredQuery,
} from "@langchain/core/structured_query";
import { z } from "zod";
import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator, valuesOf } from "./columns.js";

const COMPARATORS: Record<Exclude<Filter["operator"], "in">, Comparator> = {
  "=": Comparators.eq,
  "<": Comparators.lt,
  "<=": Comparators.lte,
  ">": Comparators.gt,
  ">=": Comparators.gte,
};

/** One filter as IR: a comparison, or for `in` an `or` of `eq`s (LangChain's IR has no `in` every translator knows). */
function toIr(f: Filter): Comparison | Operation {
  const values = valuesOf(f);
  if (f.operator !== "in")
    return new Comparison(translateOperator(COMPARATORS, f, "a StructuredQuery comparator"), f.column, values[0]);
  const equalities = values.map((v) => new Comparison(Comparators.eq, f.column, v));
  return equalities.length === 1 ? equalities[0] : new Operation(Operators.or, equalities);
}

/**
 * LangChain's own query IR: one `Comparison` per filter, AND-ed in an `Operation` when
 * there are several, so a LangChain translator (the functional one for in-memory stores,
 * Chroma, Pinecone, Weaviate, Supabase, Vectara …) turns it into its store's filter.
 * `query` is the residual — the search text with the filters' words cut out, as LangChain's
 * self-query prompt asks — so a vector store embeds only what the filters could not say;
 * the whole query when the result carries no residual.
 */
export function toStructuredQuery(
  result: { query: string; residual?: string; filters: readonly Filter[] },
  options: FormatOptions,
): StructuredQuery {
  checkColumns(result.filters, options);
  const comparisons = result.filters.map(toIr);
  const filter =
    comparisons.length === 0
      ? undefined
      : comparisons.length === 1
        ? comparisons[0]
        : new Operation(Operators.and, comparisons);
  return new StructuredQuery(result.residual ?? result.query, filter);
}

// The JSON that `--format structured-query` prints (JSON.stringify of the IR objects).
const ComparisonJson = z
  .object({
    exprName: z.literal("Comparison").optional().describe("Set by LangChain's class; optional when written by hand."),
    comparator: z.enum(["eq", "ne", "lt", "lte", "gt", "gte"]).describe("LangChain comparator name."),
    attribute: z.string().describe("Metadata column the comparison reads."),
    value: z.union([z.number(), z.string(), z.boolean()]).describe("Value compared against."),
  })
  .describe("One comparison on one metadata column.");

type FilterDirectiveJson = z.infer<typeof ComparisonJson> | { operator: Operator; args?: FilterDirectiveJson[] };

const OperationJson = z
  .object({
    exprName: z.literal("Operation").optional().describe("Set by LangChain's class; optional when written by hand."),
    operator: z.enum(["and", "or", "not"]).describe("LangChain logical operator name."),
    get args() {
      return z.array(FilterDirectiveJson).optional().describe("The operands: comparisons or nested operations.");
    },
  })
  .describe("A logical operation over comparisons.");

const FilterDirectiveJson: z.ZodType<FilterDirectiveJson> = z
  .union([ComparisonJson, OperationJson])
  .describe("A comparison or an operation.");

const StructuredQueryJson = z
  .object({
    exprName: z
      .literal("StructuredQuery")
      .optional()
      .describe("Set by LangChain's class; optional when written by hand."),
    query: z.string().describe("The search text."),
    filter: FilterDirectiveJson.optional().describe("The metadata filter; absent when the query has none."),
  })
  .describe("A LangChain StructuredQuery as JSON.");

/** JSON that is not a StructuredQuery this package can read back. */
export class InvalidStructuredQueryError extends Error {
  override name = "InvalidStructuredQueryError";
}

/**
 * The inverse of `--format structured-query`: its JSON (a string, or already parsed) back
 * into `@langchain/core` `StructuredQuery` / `Operation` / `Comparison` objects, which a
 * translator can visit (plain JSON has no `accept`). Attributes must be registry columns,
 * as in every store format.
 */
export function fromStructuredQueryJson(json: unknown, options: FormatOptions): StructuredQuery {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InvalidStructuredQueryError(`not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = StructuredQueryJson.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidStructuredQueryError(
      `not a StructuredQuery: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  const revive = (directive: FilterDirectiveJson): FilterDirective => {
    if ("comparator" in directive) {
      // The attribute becomes a store's filter key: the same registry check as every format (only the column is read).
      checkColumns([{ column: directive.attribute }], options);
      return new Comparison(directive.comparator, directive.attribute, directive.value);
    }
    return new Operation(directive.operator, directive.args?.map(revive));
  };
  const { query, filter } = parsed.data;
  return new StructuredQuery(query, filter === undefined ? undefined : revive(filter));
}
