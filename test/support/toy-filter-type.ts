/**
 * A test-only filter type, `cuisine` (和食 / 洋食 / 中華), added to the registry the way a real
 * type is: one more entry in the list. Importing this file registers it, in this process (or,
 * through the CLI run in-process by runCli), so every part that reads the registry — the
 * graph, the reducer, the formats, the CLI, the catalog, the evaluation — meets a type that
 * nothing else in the code base knows about.
 */
import { defineCategoryFilterType } from "../../src/filters/category-filter-type.js";
import type { FilterType } from "../../src/filters/filter-type.js";
import { FILTER_TYPES } from "../../src/filters/index.js";

const column = "cuisine";

export const cuisine = defineCategoryFilterType({
  name: "cuisine",
  column,
  noun: "cuisine",
  description: "Cuisine: one of 和食 洋食 中華 (test only).",
  values: ["和食", "洋食", "中華"],
  synonyms: { 和食: ["和食", "japanese food"], 洋食: ["洋食", "western food"], 中華: ["中華", "chinese food"] },
  notAValue: "A dish name (カレー, ラーメン) names NO cuisine.",
  examples: [
    { query: "10分以内の中華の主菜", filters: [{ column, operator: "=", value: "中華" }] },
    { query: "簡単な副菜", filters: [] },
  ],
});

if (!FILTER_TYPES.includes(cuisine)) (FILTER_TYPES as FilterType<any>[]).push(cuisine);
