/**
 * THE REGISTRY: every filter type, in output order. The graph gets one parallel branch
 * per entry. Adding a filter type = one file in this folder + one line here (a new catalog
 * column also needs its sample values in catalog/generate.ts: README, "Adding a filter type").
 */
import { calories } from "./calories.js";
import { cookingCost } from "./cooking-cost.js";
import { cookingTime } from "./cooking-time.js";
import { costPerServing } from "./cost-per-serving.js";
import { dishCategory } from "./dish-category.js";
import type { FilterType } from "./filter-type.js";
import { servings } from "./servings.js";

export const FILTER_TYPES: readonly FilterType<any>[] = [
  cookingTime,
  cookingCost,
  calories,
  servings,
  dishCategory,
  costPerServing,
];

/** The registry entry for a column, if it has one. */
export const filterTypeOf = <T extends { column: string }>(column: string, registry: readonly T[]): T | undefined =>
  registry.find((t) => t.column === column);

/** A column's unit ("minutes", "yen" …), "" for a column outside the registry. */
export const unitOf = (column: string, registry: readonly { column: string; unit?: string }[] = FILTER_TYPES) =>
  filterTypeOf(column, registry)?.unit ?? "";

export type { Filter, FilterType, Operator } from "./filter-type.js";
