/** A registry of `count` test-only numeric filter types (「3個」 gives each of them `<= 3`), for fan-out tests. */
import type { FilterType } from "../../src/filters/filter-type.js";
import { defineNumericFilterType } from "../../src/filters/numeric-filter-type.js";

export function manyFilterTypes(count: number): FilterType<any>[] {
  return Array.from({ length: count }, (_, i) =>
    defineNumericFilterType({
      name: `widget_${i}`,
      column: `widget_${i}_count`,
      unit: "pieces",
      description: `Test-only type ${i}.`,
      operators: ["<="],
      range: { min: 0, max: 100 },
      unitWords: { canonical: "個", words: ["個"] },
      prompt: `Count widgets of kind ${i}.`,
    }),
  );
}
