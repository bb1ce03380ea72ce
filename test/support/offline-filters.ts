import type { Filter } from "../../src/filters/filter-type.js";
import { BUILT_IN_REGISTRY } from "../../src/filters/index.js";
import type { Registry } from "../../src/filters/registry.js";
import { mergeFilters } from "../../src/workflow/reduce.js";

/**
 * The filters a query yields when every branch answers like the offline extractor (what the
 * stand-in's `answerLikeTheExtractor` does): each type's offline proposal through the reducer.
 * Tests compare with this instead of assuming how many filters a query has. With evidence:
 * the model quotes the words the offline grammar read, and the seam locates them.
 */
export const offlineFilters = (query: string, registry: Registry = BUILT_IN_REGISTRY): Filter[] =>
  mergeFilters(
    registry.types.flatMap((t) => t.extractOffline(query, registry.types)),
    registry,
    query,
  ).filters;
