/**
 * THE REGISTRY: every filter type, in output order. The graph gets one parallel branch
 * per entry. Adding a filter type = one file in this folder + one line here (a new catalog
 * column also needs its sample values in catalog/generate.ts, which the compiler asks for).
 * Only the edges (the CLI, `createExtractor` without a registry, the Studio graph) take
 * this built-in list; everything below them is handed a `Registry`.
 */
import { calories } from "./calories.js";
import { cookingCost } from "./cooking-cost.js";
import { cookingTime } from "./cooking-time.js";
import { costPerServing } from "./cost-per-serving.js";
import { dishCategory } from "./dish-category.js";
import { createRegistry } from "./registry.js";
import { servings } from "./servings.js";

/** The built-in filter types, read-only: a caller with other types builds its own registry. */
export const FILTER_TYPES = Object.freeze([
  cookingTime,
  cookingCost,
  calories,
  servings,
  dishCategory,
  costPerServing,
] as const);

/** The built-in registry: what an edge hands down when its caller names none. */
export const BUILT_IN_REGISTRY = createRegistry(FILTER_TYPES);

/** A column of the built-in registry: the key of every table that must cover each of them. */
export type BuiltInColumn = (typeof FILTER_TYPES)[number]["column"];

export type { Filter, FilterType, Operator } from "./filter-type.js";
export { createRegistry, type Registry } from "./registry.js";
