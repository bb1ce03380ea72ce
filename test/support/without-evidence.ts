import type { Filter } from "../../src/filters/filter.js";

/** Filters without the words they were read from: for assertions about what was read, not where. */
export const withoutEvidence = (filters: readonly Filter[]): Filter[] => filters.map(({ evidence: _, ...f }) => f);
