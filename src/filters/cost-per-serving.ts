import { MONEY_IN_YEN } from "../language/units.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";

const column = "cost_per_serving_yen";

/** A cost stated per person (1人分100円, 一人あたり200円, 1食150円, "300 yen a head"): not the recipe's total. */
export const costPerServing = defineNumericFilterType({
  name: "cost_per_serving",
  column,
  unit: "yen per person",
  description: "Ingredient cost of one serving in yen.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 100_000 },
  unitWords: MONEY_IN_YEN,
  dimension: "money",
  // Only the amounts language/measures.ts finds stated for one person.
  reads: "perPerson",
  examples: [
    { query: "1人分100円の副菜", filters: [{ column, operator: "<=", value: 100 }] },
    { query: "1人前300円以下の主菜", filters: [{ column, operator: "<=", value: 300 }] },
    { query: "一人あたり200円未満", filters: [{ column, operator: "<", value: 200 }] },
    {
      query: "1食200円台",
      filters: [
        { column, operator: ">=", value: 200 },
        { column, operator: "<", value: 300 },
      ],
    },
    { query: "per serving under 300 yen", filters: [{ column, operator: "<", value: 300 }] },
    { query: "300 yen a head", filters: [{ column, operator: "<=", value: 300 }] },
    { query: "2人分で500円以内", filters: [] },
    { query: "1日1人1500円の節約", filters: [] },
    { query: "材料費 1人前あたり 180円", filters: [{ column, operator: "<=", value: 180 }] },
    { query: "1食につき250円以内", filters: [{ column, operator: "<=", value: 250 }] },
    { query: "300 yen a portion", filters: [{ column, operator: "<=", value: 300 }] },
  ],
  prompt: {
    meaning: "ingredient cost of ONE serving in yen",
    unitRules: `Only a cost stated for one person is this column: 1人分100円, 1人前300円以下, 1人100円, 一人あたり200円, ひとりあたり, 1食150円, 1食につき, 一食あたり, 1人当たりの材料費, "per serving under 300 yen", "300 yen a head / per person / a portion", and a price field's per-serving label wherever it stands (材料費 1人前あたり 180円, 材料費（1人分）180円). Convert to yen like 1千円 = 1000.
A cost for the whole recipe or for more people ("500円以内", "2人分で500円") is NOT this column: no condition.
A budget for a period (月2万円, 1週間5000円, 1日1人1500円, "a week", "per month", "daily") or the price of a bought thing is no recipe cost: no condition.`,
    notAbout: "卵2個, 3品, 2人分, 200g, 10分, 500円 for the whole recipe",
  },
});
