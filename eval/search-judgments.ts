/**
 * The judged search queries (eval/search-queries.jsonl) and what makes a recipe relevant to
 * one: it has one of the asked main ingredients (by the generator's stable key), is one of the
 * asked dishes when the query names a dish, and satisfies every filter the query means. The
 * judgments name keys, never recipe ids, so a regenerated catalog keeps them.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Recipe } from "../catalog/generate.js";
import { type Filter, FilterSchema } from "../src/filters/filter.js";

export const SEARCH_QUERIES = new URL("./search-queries.jsonl", import.meta.url);

export const SearchCaseSchema = z
  .object({
    query: z.string().min(1).describe("A recipe-search query as a user types it."),
    relevant: z
      .object({
        ingredients: z
          .array(z.string().describe("A main-ingredient key of catalog/recipe-templates.ts."))
          .optional()
          .describe("A relevant recipe has at least one of these main ingredients."),
        dishes: z
          .array(z.string().describe("A dish (method) key of catalog/recipe-templates.ts."))
          .optional()
          .describe("A relevant recipe is one of these dishes."),
      })
      .describe("What the query asks for besides its filters."),
    filters: z.array(FilterSchema).describe("The filters the query means (filter-semantics.md)."),
  })
  .describe("One judged search query.");
export type SearchCase = z.infer<typeof SearchCaseSchema>;

export function loadSearchCases(file: URL | string = SEARCH_QUERIES): SearchCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = SearchCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${String(file)}:${i + 1}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

/** Whether a recipe's value satisfies a filter (independent of the SQL translator). */
export function satisfies(recipe: Record<string, unknown>, filter: Filter): boolean {
  const actual = recipe[filter.column];
  const value = filter.value;
  switch (filter.operator) {
    case "=":
      return actual === value;
    case "in":
      return Array.isArray(value) && value.includes(String(actual));
    case "<":
      return Number(actual) < Number(value);
    case "<=":
      return Number(actual) <= Number(value);
    case ">":
      return Number(actual) > Number(value);
    case ">=":
      return Number(actual) >= Number(value);
  }
}

export function isRelevant(recipe: Recipe, judged: SearchCase): boolean {
  const { ingredients, dishes } = judged.relevant;
  const keys = recipe.ingredient_keys.split(" ");
  if (ingredients && !ingredients.some((k) => keys.includes(k))) return false;
  if (dishes && !dishes.includes(recipe.dish_key)) return false;
  return judged.filters.every((f) => satisfies(recipe, f));
}
