import { ENERGY_IN_KCAL } from "../language/units.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";

const column = "calories_kcal";

export const calories = defineNumericFilterType({
  name: "calories",
  column,
  unit: "kcal",
  description: "Energy per serving in kcal.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 3000 },
  unitWords: ENERGY_IN_KCAL,
  dimension: "energy",
  // A calorie value is already per serving: 「1人分 620kcal」 is the serving's energy.
  reads: "perServing",
  examples: [
    { query: "300kcal以下で15分以内の副菜", filters: [{ column, operator: "<=", value: 300 }] },
    { query: "500キロカロリー未満のランチ", filters: [{ column, operator: "<", value: 500 }] },
    { query: "カロリー400以内の夕飯", filters: [{ column, operator: "<=", value: 400 }] },
    { query: "under 300 calories in 20 minutes", filters: [{ column, operator: "<", value: 300 }] },
    { query: "at least 600 kcal post-workout meal", filters: [{ column, operator: ">=", value: 600 }] },
    { query: "低カロリーでヘルシーな主菜", filters: [] },
    { query: "卵2個で作るおかず", filters: [] },
    { query: "1人分 620kcal以下", filters: [{ column, operator: "<=", value: 620 }] },
    { query: "under-300 calorie lunches", filters: [{ column, operator: "<", value: 300 }] },
    { query: "1日1800kcalの献立", filters: [] },
    { query: "エネルギー(1人分) 380kcal", filters: [{ column, operator: "<=", value: 380 }] },
    { query: "米100gあたり168kcal", filters: [] },
    { query: "300 or fewer calories", filters: [{ column, operator: "<=", value: 300 }] },
    { query: "<450kcal> のお弁当", filters: [{ column, operator: "<=", value: 450 }] },
    {
      query: "400〜500kcal以下の定食",
      filters: [
        { column, operator: ">=", value: 400 },
        { column, operator: "<=", value: 500 },
      ],
    },
    { query: "Weekly menu: 450-calorie lunches", filters: [{ column, operator: "<=", value: 450 }] },
  ],
  prompt: {
    meaning: "energy per serving in kcal",
    unitRules: `Values are kcal per serving: 300kcal, 300キロカロリー, 300カロリー, カロリー300以下, "300 calories", a card's "Calories: 480" are all that number.
低カロリー, ヘルシー, カロリー控えめ, カロリーオフ, light, healthy, low-calorie state no number: no condition.
A calorie value is already per serving: 1人分 620kcal以下 → "<=" 620. A daily total (1日1800kcal, "2000 calories a day", "500 calorie fast days"), energy per 100 g of an ingredient or energy burnt gives no condition.
A bare calorie value means "<=" ("400 Calorie Meal Ideas" → "<=" 400); 300kcal台 → ">=" 300 and "<" 400.`,
    notAbout: "卵2個, 3品, 2人分, 200g, 10分, 500円",
  },
});
