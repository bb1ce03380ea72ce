import { TIME_IN_MINUTES } from "../language/units.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";

const column = "cooking_time_min";

export const cookingTime = defineNumericFilterType({
  name: "cooking_time",
  column,
  unit: "minutes",
  description: "Total cooking time in minutes.",
  operators: [">", ">=", "<", "<="],
  range: { min: 0, max: 24 * 60 },
  unitWords: TIME_IN_MINUTES,
  dimension: "time",
  // 3分クッキング is a programme title, 2分ルール a name; 3分の1 a fraction; 5分づき rice polish; 腹八分目 a
  // measure of fullness (but 10分目安 is a time); 4分割 a division; 5分咲き a bloom.
  notThisColumn:
    /^\s*(?:クッキング|ルール|rules?\b|cooking\s*(?:show|program(?:me)?)|の\s*\d|づき|搗き|目(?!安)|割|咲)/,
  examples: [
    { query: "10分以内に500円未満で作れる副菜", filters: [{ column, operator: "<=", value: 10 }] },
    { query: "15分未満", filters: [{ column, operator: "<", value: 15 }] },
    { query: "1時間以上かけて煮込む", filters: [{ column, operator: ">=", value: 60 }] },
    {
      query: "20〜30分で作れる主菜",
      filters: [
        { column, operator: ">=", value: 20 },
        { column, operator: "<=", value: 30 },
      ],
    },
    { query: "dinner in under 20 minutes", filters: [{ column, operator: "<", value: 20 }] },
    { query: "時短で簡単な副菜", filters: [] },
    { query: "3分クッキングの人気レシピ", filters: [] },
    { query: "2分ルールで片付く作り置き", filters: [] },
    { query: "Week 51 - 30 Minutes or Less", filters: [{ column, operator: "<=", value: 30 }] },
    {
      query: "20分台で作れる夕飯",
      filters: [
        { column, operator: ">=", value: 20 },
        { column, operator: "<", value: 30 },
      ],
    },
    { query: "does not have to take longer than 15 minutes", filters: [{ column, operator: "<=", value: 15 }] },
    { query: "40分弱で作れる夕飯", filters: [{ column, operator: "<", value: 40 }] },
    { query: "10分くらい、長くても15分", filters: [{ column, operator: "<=", value: 15 }] },
    { query: "Dinner ready in 25 or less minutes", filters: [{ column, operator: "<=", value: 25 }] },
    { query: "通勤に片道1時間かかるので15分でできる夕飯", filters: [{ column, operator: "<=", value: 15 }] },
    { query: "常温で2時間以上放置しないでください", filters: [] },
    { query: "Batch cooking on Sunday saves me about 2 hours during the week", filters: [] },
  ],
  prompt: {
    meaning: "total cooking time in minutes",
    unitRules: `Convert every time to minutes: 1時間 = 60, 1時間半 = 90, 1.5時間 = 90, 90秒 = 1.5, an hour and a half = 90, half an hour = 30.
Kanji and full-width numerals count: 十分 = 10, 二十五分 = 25, １０分 = 10. 半日 is not a bound.
Only the time it takes to make the dish: a storage time, exercise, a commute, time saved or a routine per day ("60 minutes a day") is no condition; a dish made in a time next to one of those still is ("After a 1-hour commute I want dinner in 15 minutes or less" → "<=" 15).`,
  },
});
