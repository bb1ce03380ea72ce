import { canonicalizeCost } from "../language/units.js";
import { defineNumericFilterType } from "./filter-type.js";
import { numericPrompt } from "./prompts.js";

const column = "cooking_cost_yen";

export const cookingCost = defineNumericFilterType({
  name: "cooking_cost",
  column,
  unit: "yen",
  description: "Total ingredient cost of the recipe in yen.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 1_000_000 },
  canonicalize: canonicalizeCost,
  // "100円/人" is a per-person cost and "20000円/期" a period budget (language/qualified-amounts.ts): not the recipe's total.
  symbol: "円(?!/)",
  // 100円ショップ / 100円均一 / 100円グッズ / 100円ローソン are shops, not a recipe's cost.
  notThisColumn: /^\s*(?:ショップ|均|ストア|グッズ|ローソン|shops?\b|stores?\b)/,
  fixedPhrases: [{ pattern: /ワンコイン|one[- ]coin/, operator: "<=", value: 500 }],
  prompt: numericPrompt({
    column,
    meaning: "total cost of the recipe's ingredients in yen",
    unitRules: `Convert every cost to yen: 1万円 = 10000, 3千円 = 3000, 五百円 = 500, ¥1,000 = 1000. "ワンコイン" means "<=" 500.`,
    examples: [
      '「10分以内に500円未満で作れる副菜」 → [{operator: "<", value: 500}]',
      '「300円以下の節約おかず」 → [{operator: "<=", value: 300}]',
      '「千円以上の贅沢ディナー」 → [{operator: ">=", value: 1000}]',
      '「ワンコインで作れる丼」 → [{operator: "<=", value: 500}]',
      '"budget dinner under 800 yen" → [{operator: "<", value: 800}]',
      "「安い食材で節約レシピ」 → []",
      "「100均グッズで作るお弁当」 → []",
    ],
  }),
});
