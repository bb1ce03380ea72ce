import { z } from "zod";

/** Every comparison a filter can make. A filter type allows a subset of these; `in` takes a list ("any of these"). */
export const OPERATORS = ["=", ">", ">=", "<", "<=", "in"] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * The words of the query a filter was read from: `[start, end)` in UTF-16 code units of the
 * original query (as JavaScript's `slice` counts), and the text there.
 */
export const EvidenceSchema = z
  .object({
    start: z.number().int().min(0).describe("Offset of the first character of the span in the original query."),
    end: z.number().int().min(0).describe("Offset just after the last character of the span."),
    text: z.string().describe("The span's text, exactly query.slice(start, end)."),
  })
  .describe("The span of the query a filter was read from.");
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * The evidence field of every answer schema: the model quotes the words each condition was read
 * from, and the model seam checks the quote is in the query and states the value. First in its
 * object, so the model writes the words before it reads a value from them.
 */
export const EVIDENCE_QUOTE = z
  .string()
  .describe(
    'The words of the query this was read from, copied exactly as written, e.g. 「10分以内」, "under 500 yen".',
  );

/** The words a filter was read from, as an answer quotes them ("" when unknown). */
export const quoteOf = (filter: { evidence?: Evidence }): string => filter.evidence?.text ?? "";

/** One metadata condition, as a vector store or a database applies it; a query's filters are AND-ed. */
export const FilterSchema = z
  .object({
    column: z.string().describe("Metadata column, e.g. cooking_time_min."),
    operator: z.enum(OPERATORS).describe("Comparison applied to the column."),
    value: z
      .union([
        z.number(),
        z.string(),
        z.array(z.string()).describe("The values of an `in` filter, in the column's declared order."),
      ])
      .describe("Value compared against, in the column's unit; a list for `in`."),
    evidence: EvidenceSchema.optional().describe("Where in the query this filter was read from, when known."),
  })
  .describe("One metadata filter; a query's filters are AND-ed.");

export type Filter = z.infer<typeof FilterSchema>;
