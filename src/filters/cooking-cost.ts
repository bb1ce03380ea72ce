import { MONEY_IN_YEN } from "../language/units.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";

const column = "cooking_cost_yen";

export const cookingCost = defineNumericFilterType({
  name: "cooking_cost",
  column,
  unit: "yen",
  description: "Total ingredient cost of the recipe in yen.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 1_000_000 },
  unitWords: MONEY_IN_YEN,
  dimension: "money",
  // 100円ショップ / 100円均一 / 100円グッズ / 100円ローソン are shops, not a recipe's cost.
  notThisColumn: /^\s*(?:ショップ|均|ストア|グッズ|ローソン|shops?\b|stores?\b)/,
  fixedPhrases: [{ pattern: /ワンコイン|one[- ]coin/, operator: "<=", value: 500 }],
  examples: [
    { query: "10分以内に500円未満で作れる副菜", filters: [{ column, operator: "<", value: 500 }] },
    { query: "300円以下の節約おかず", filters: [{ column, operator: "<=", value: 300 }] },
    { query: "千円以上の贅沢ディナー", filters: [{ column, operator: ">=", value: 1000 }] },
    { query: "ワンコインで作れる丼", filters: [{ column, operator: "<=", value: 500 }] },
    { query: "budget dinner under 800 yen", filters: [{ column, operator: "<", value: 800 }] },
    { query: "安い食材で節約レシピ", filters: [] },
    { query: "100均グッズで作るお弁当", filters: [] },
    {
      query: "100円台の副菜",
      filters: [
        { column, operator: ">=", value: 100 },
        { column, operator: "<", value: 200 },
      ],
    },
    { query: "2人分で500円以内", filters: [{ column, operator: "<=", value: 500 }] },
    { query: "1人分100円の副菜", filters: [] },
    { query: "月2万円の食費でやりくり", filters: [] },
    { query: "dinners under $10", filters: [] },
    { query: "豚こま100g 128円の特売日に作る主菜", filters: [] },
    { query: "外食をやめて月5000円浮いた", filters: [] },
    { query: "食費200円未満のレシピ", filters: [{ column, operator: "<", value: 200 }] },
    { query: "食費2万円で暮らす", filters: [] },
    { query: "300円弱の副菜", filters: [{ column, operator: "<", value: 300 }] },
    { query: "Avocados are 98 yen each at the market this week", filters: [] },
  ],
  prompt: {
    meaning: "total cost of the recipe's ingredients in yen",
    unitRules: `Convert every cost to yen: 1万円 = 10000, 3千円 = 3000, 五百円 = 500, ¥1,000 = 1000. "ワンコイン" means "<=" 500.
A cost for one person (1人分100円, 1人前300円, 一人あたり200円, 1食150円, "per serving", "a head", "a portion") is another column: no condition here. A count above one makes a total: 2人分で500円以内 → "<=" 500.
Only the cost of the whole dish: a price of an ingredient or a bought thing, a wage, a saving, a utility bill, a budget for a period or a household's 食費 is no condition (see above). A budget dish word is not a saving: 300円以下の節約おかず → "<=" 300.`,
  },
});
