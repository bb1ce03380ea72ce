import { canonicalizeTime } from "../language/units.js";
import { defineNumericFilterType } from "./filter-type.js";
import { numericPrompt } from "./prompts.js";

const column = "cooking_time_min";

export const cookingTime = defineNumericFilterType({
  name: "cooking_time",
  column,
  unit: "minutes",
  description: "Total cooking time in minutes.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 24 * 60 },
  canonicalize: canonicalizeTime,
  symbol: "分",
  // 3分クッキング is a programme title, 2分ルール a name; 3分の1 a fraction; 5分づき rice polish; 腹八分目 a
  // measure of fullness (but 10分目安 is a time); 4分割 a division; 5分咲き a bloom.
  notThisColumn:
    /^\s*(?:クッキング|ルール|rules?\b|cooking\s*(?:show|program(?:me)?)|の\s*\d|づき|搗き|目(?!安)|割|咲)/,
  prompt: numericPrompt({
    column,
    meaning: "total cooking time in minutes",
    unitRules: `Convert every time to minutes: 1時間 = 60, 1時間半 = 90, 1.5時間 = 90, 90秒 = 1.5, an hour and a half = 90, half an hour = 30.
Kanji and full-width numerals count: 十分 = 10, 二十五分 = 25, １０分 = 10. 半日 is not a bound.`,
    examples: [
      '「10分以内に500円未満で作れる副菜」 → [{operator: "<=", value: 10}]',
      '「15分未満」 → [{operator: "<", value: 15}]',
      '「1時間以上かけて煮込む」 → [{operator: ">=", value: 60}]',
      '「20〜30分で作れる主菜」 → [{operator: ">=", value: 20}, {operator: "<=", value: 30}]',
      '"dinner in under 20 minutes" → [{operator: "<", value: 20}]',
      "「時短で簡単な副菜」 → []",
      "「3分クッキングの人気レシピ」 → []",
    ],
  }),
});
