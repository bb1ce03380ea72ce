// Tables keyed by the registry — catalog/generate.ts's sample values per built-in column, its
// style words per dish category — are checked by the compiler: the built-in columns and the
// category values are literal types, so a new type without its table line fails
// `npm run typecheck`. The `@ts-expect-error` lines below fail the typecheck if either widens
// to `string` (then nothing would be checked).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import type { DishCategory } from "../catalog/recipe-templates.js";
import { dishCategory } from "../src/filters/dish-category.js";
import { BUILT_IN_REGISTRY, type BuiltInColumn } from "../src/filters/index.js";

it("a table keyed by the built-in columns must name every one of them", () => {
  // @ts-expect-error one column does not cover the registry
  const partial: Record<BuiltInColumn, true> = { servings: true };
  const whole = Object.fromEntries(BUILT_IN_REGISTRY.columns.map((c) => [c, true] as const)) as Record<
    BuiltInColumn,
    true
  >;
  assert.deepEqual(Object.keys(whole), [...BUILT_IN_REGISTRY.columns]);
  assert.ok(partial);
});

it("the catalog's category union is the category type's declared values", () => {
  // @ts-expect-error a word that is not a declared category
  const notACategory: DishCategory = "前菜";
  const declared: readonly DishCategory[] = dishCategory.values;
  assert.deepEqual([...declared], [...dishCategory.values]);
  assert.ok(notACategory);
});
