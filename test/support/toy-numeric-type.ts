/**
 * A test-only numeric filter type, `protein_g` (protein per serving in grams), written as a new
 * numeric type must be: this one file, with its unit words, what it measures and its prompt
 * parts — no edit in src/language/. Tests hand it to the extractor in their own registry.
 */
import { defineNumericFilterType } from "../../src/filters/numeric-filter-type.js";

const column = "protein_g";

export const protein = defineNumericFilterType({
  name: "protein",
  column,
  unit: "grams",
  description: "Protein per serving in grams (test only).",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 300 },
  unitWords: {
    canonical: "g",
    words: ["g", "グラム", "grams", "gram"],
    names: ["タンパク質", "たんぱく質", "蛋白質", "protein"],
  },
  dimension: "mass",
  reads: "perServing",
  examples: [
    { query: "タンパク質20g以上の主菜", filters: [{ column, operator: ">=", value: 20 }] },
    { query: "鶏むね肉200gで作る", filters: [] },
  ],
  prompt: {
    meaning: "protein per serving in grams",
    unitRules: "Only grams of protein (タンパク質20g, 30g of protein) are this column; other grams are not.",
  },
});
