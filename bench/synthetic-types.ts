import type { FilterType } from "../src/filters/filter-type.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { TIME_IN_MINUTES } from "../src/language/units.js";

/**
 * N interchangeable filter types for the benchmark: each reads the query's time, so the
 * stand-in can answer every one of them and every branch does the same work.
 */
export function syntheticFilterTypes(n: number): FilterType<any>[] {
  return Array.from({ length: n }, (_, i) =>
    defineNumericFilterType({
      name: `synthetic_${i + 1}`,
      column: `synthetic_${i + 1}`,
      unit: "minutes",
      description: `Synthetic benchmark type ${i + 1}.`,
      operators: [">", ">=", "<", "<="],
      range: { min: 0, max: 1440 },
      unitWords: TIME_IN_MINUTES,
      prompt: `Synthetic filter type ${i + 1}: extract the cooking time in minutes.`,
    }),
  );
}
