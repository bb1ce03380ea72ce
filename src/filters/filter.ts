import { z } from "zod";

/** Every comparison a filter can make. A filter type allows a subset of these; `in` takes a list ("any of these"). */
export const OPERATORS = ["=", ">", ">=", "<", "<=", "in"] as const;
export type Operator = (typeof OPERATORS)[number];

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
  })
  .describe("One metadata filter; a query's filters are AND-ed.");

export type Filter = z.infer<typeof FilterSchema>;
