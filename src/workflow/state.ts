import { registry, type UpdateType } from "@langchain/langgraph/zod";
import { z } from "zod";
import { FilterSchema } from "../filters/filter.js";
import { type BranchError, BranchErrorSchema } from "../model/branch-errors.js";
import { everyFieldPassingOn, passingOn } from "../settings/passing-on.js";
import { MAX_QUERY_LENGTH } from "./query-check.js";

export const WarningSchema = z
  .object({
    branch: z.string().describe("The branch or node that raised the warning."),
    message: z.string().describe("What was dropped or doubtful, and why."),
    filter: FilterSchema.optional().describe("The filter the warning is about, when there is one."),
  })
  .describe("A filter dropped by validation or grounding, or another non-fatal note.");

export const ContradictionSchema = z
  .object({
    column: z.string().describe("The column whose conditions cannot all hold."),
    filters: z.array(FilterSchema).describe("The conflicting filters (all kept in `filters`)."),
    message: z.string().describe("Why no value can satisfy them."),
  })
  .describe("Filters on one column that no value satisfies together.");

export type { Filter as FilterRecord } from "../filters/filter.js";
export { type BranchError, BranchErrorSchema, FilterSchema };
export type Warning = z.infer<typeof WarningSchema>;
export type Contradiction = z.infer<typeof ContradictionSchema>;

/**
 * Appended to by every branch in the same superstep; the reducer node reads the union. On a
 * thread (Studio, the LangGraph API) the channel would carry the earlier runs' items into the
 * next run: the graph's first node resets it with an `Overwrite` (see prepare.ts).
 */
const appended = <T extends z.ZodTypeAny>(item: T, description: string) =>
  z
    .array(item)
    .describe(description)
    .register(registry, {
      reducer: { schema: z.array(item), fn: (current: z.infer<T>[], update: z.infer<T>[]) => current.concat(update) },
      default: () => [],
    });

/*
 * Plain zod objects (with LangGraph's registry for the reducers) rather than StateSchema:
 * the LangGraph API server (langgraphjs dev, Platform) publishes the context schema to
 * Studio only for zod-defined graphs — its StateSchema path drops it (langgraph-api 1.5.1).
 */
const ExtractorUsed = z
  .enum(["llm", "rules"])
  .describe("Which extractor answered: the chat model or the offline rules.");
const ModelUsed = z.string().nullable().describe("The chat model that answered; null for the offline rules.");

const Complete = z
  .boolean()
  .describe(
    "True once the reducer merged every branch. False when the run stopped before (interrupted, cancelled, failed): its filters are not the query's.",
  );

export const RecipeFiltersState = z.object({
  // Passed on whatever it is: the first node refuses a query that is not a usable string in one line.
  query: passingOn(z.string().describe("The recipe-search query, Japanese or English.")),
  extractor: ExtractorUsed.default("rules"),
  model: ModelUsed.default(null),
  endpoint: z
    .string()
    .nullable()
    .default(null)
    .describe("The endpoint the model is asked at, credentials redacted; null for the offline rules."),
  temperature: z.number().nullable().default(null).describe("The sampling temperature; null for the offline rules."),
  candidates: appended(FilterSchema, "Filters proposed by the branches, before merging and validation."),
  errors: appended(BranchErrorSchema, "Branches that failed; their columns have no filters."),
  warnings: appended(WarningSchema, "Filters dropped by validation or grounding."),
  filters: z
    .array(FilterSchema)
    .default(() => [])
    .describe("The merged, validated filters, AND-ed, in stable order."),
  contradictions: z
    .array(ContradictionSchema)
    .default(() => [])
    .describe("Conditions on one column that cannot all hold."),
  residual: z
    .string()
    .default("")
    .describe("The query minus every filter's evidence and the words it stranded: what a search ranks by."),
  // A channel with a default, so even a run stopped before its first node has written
  // anything shows `complete: false` (a plain field would be absent until written).
  complete: Complete.register(registry, {
    reducer: { schema: z.boolean(), fn: (_previous: boolean, next: boolean) => next },
    default: () => false,
  }),
});

const Query = z
  .string()
  .describe(
    `The recipe-search query, e.g. 10分以内に500円未満で作れる副菜教えて (not blank, at most ${MAX_QUERY_LENGTH} characters).`,
  );

/**
 * The input of a graph that decides its run itself, from its context (Studio, the LangGraph
 * API). It passes any value on: the graph's first node refuses a bad query in one line.
 */
export const RecipeFiltersInput = everyFieldPassingOn(z.object({ query: Query }));

/** The input of a graph whose caller decided the run (createExtractor): the checked query and the run. */
export const DecidedRunInput = RecipeFiltersState.pick({
  query: true,
  extractor: true,
  model: true,
  endpoint: true,
  temperature: true,
});

export const RecipeFiltersOutput = z.object({
  query: z.string().describe("The query the filters were extracted from."),
  extractor: ExtractorUsed,
  model: ModelUsed,
  filters: z.array(FilterSchema).describe("The merged, validated filters, AND-ed, in stable order."),
  errors: z.array(BranchErrorSchema).describe("Branches that failed."),
  warnings: z.array(WarningSchema).describe("Filters dropped by validation or grounding."),
  contradictions: z.array(ContradictionSchema).describe("Conditions on one column that cannot all hold."),
  residual: z
    .string()
    .describe("The query minus every filter's evidence and the words it stranded: what a search ranks by."),
  complete: Complete,
});

export type RecipeFiltersStateValue = z.infer<typeof RecipeFiltersState>;
export type RecipeFiltersUpdate = UpdateType<typeof RecipeFiltersState>;
export type RecipeFiltersOutputValue = z.infer<typeof RecipeFiltersOutput>;
/** The output's keys: what runs/wait and the `values` stream return (see build.ts). */
export const OUTPUT_KEYS = Object.keys(RecipeFiltersOutput.shape) as (keyof RecipeFiltersOutputValue)[];
