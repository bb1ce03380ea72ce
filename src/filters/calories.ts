import { canonicalizeCalories } from "../language/units.js";
import { defineNumericFilterType } from "./filter-type.js";
import { numericPrompt } from "./prompts.js";

const column = "calories_kcal";

export const calories = defineNumericFilterType({
  name: "calories",
  column,
  unit: "kcal",
  description: "Energy per serving in kcal.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 3000 },
  canonicalize: canonicalizeCalories,
  // "1800kcal/期" is a daily total (language/qualified-amounts.ts), not a serving's energy.
  symbol: "kcal(?!/)",
  prompt: numericPrompt({
    column,
    meaning: "energy per serving in kcal",
    unitRules: `Values are kcal per serving: 300kcal, 300キロカロリー, 300カロリー, カロリー300以下, "300 calories" are all 300.
低カロリー, ヘルシー, カロリー控えめ, カロリーオフ, light, healthy, low-calorie state no number: no condition.`,
    notAbout: "卵2個, 3品, 2人分, 200g, 10分, 500円",
    examples: [
      '「300kcal以下で15分以内の副菜」 → [{operator: "<=", value: 300}]',
      '「500キロカロリー未満のランチ」 → [{operator: "<", value: 500}]',
      '「カロリー400以内の夕飯」 → [{operator: "<=", value: 400}]',
      '"under 300 calories in 20 minutes" → [{operator: "<", value: 300}]',
      '"at least 600 kcal post-workout meal" → [{operator: ">=", value: 600}]',
      "「低カロリーでヘルシーな主菜」 → []",
      "「卵2個で作るおかず」 → []",
    ],
  }),
});
