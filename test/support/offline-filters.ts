import type { Filter } from "../../src/filters/filter-type.js";
import { FILTER_TYPES } from "../../src/filters/index.js";
import { mergeFilters } from "../../src/workflow/reduce.js";
import { withoutEvidence } from "./without-evidence.js";

/**
 * The filters a query yields when every branch answers like the offline extractor (what the
 * stand-in's `answerLikeTheExtractor` does): each type's offline proposal through the reducer.
 * Tests compare with this instead of assuming how many filters a query has. Without evidence:
 * a model's answer names no span.
 */
export const offlineFilters = (query: string, registry = FILTER_TYPES): Filter[] =>
  withoutEvidence(
    mergeFilters(
      registry.flatMap((t) => t.extractOffline(query, registry)),
      registry,
      query,
    ).filters,
  );
