import type { RecipeFiltersOutputValue } from "../workflow/state.js";

/**
 * What one query yields: exactly the graph's output (workflow/state.ts, `RecipeFiltersOutput`),
 * whichever path ran it. The CLI's --json document is this.
 */
export type ExtractionResult = RecipeFiltersOutputValue;
