/**
 * A test-only filter type, `cuisine` (和食 / 洋食 / 中華), in a registry of its own beside the
 * built-in types — the way a real type is added: one more entry in the list. Every part that
 * is handed this registry — the graph, the reducer, the formats, the CLI, the catalog, the
 * evaluation — meets a type that nothing else in the code base knows about.
 */
import { defineCategoryFilterType } from "../../src/filters/category-filter-type.js";
import { createRegistry, FILTER_TYPES } from "../../src/filters/index.js";

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

/** The built-in types and the toy one, last. */
export const TOY_REGISTRY = createRegistry([...FILTER_TYPES, cuisine]);
