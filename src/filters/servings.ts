import { PEOPLE } from "../language/units.js";
import type { Operator } from "./filter-type.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";

const column = "servings";
const operators: Operator[] = ["=", ">=", "<="];
/** "2人分" is exactly two servings, not "at most two". */
const bareOperator: Operator = "=";

export const servings = defineNumericFilterType({
  name: "servings",
  column,
  unit: "people",
  description: "Number of people the recipe serves.",
  operators,
  bareOperator,
  range: { min: 1, max: 50 },
  unitWords: PEOPLE,
  dimension: "count",
  sqlType: "INTEGER",
  examples: [
    { query: "2人分の夕飯", filters: [{ column, operator: "=", value: 2 }] },
    { query: "10分で作れる2人前のパスタ", filters: [{ column, operator: "=", value: 2 }] },
    { query: "4人以上向けのパーティー料理", filters: [{ column, operator: ">=", value: 4 }] },
    { query: "3人までの作り置き", filters: [{ column, operator: "<=", value: 3 }] },
    { query: "side dish for 2 people", filters: [{ column, operator: "=", value: 2 }] },
    { query: "serves 4, under 1000 yen", filters: [{ column, operator: "=", value: 4 }] },
    { query: "一人暮らしの節約ごはん", filters: [{ column, operator: "=", value: 1 }] },
    { query: "卵2個で3品", filters: [] },
    { query: "soups that serve four", filters: [{ column, operator: "=", value: 4 }] },
    { query: "1人分で作れる副菜", filters: [{ column, operator: "=", value: 1 }] },
    { query: "1人分100円の副菜", filters: [] },
    { query: "Servings: 6 / Cook time: 25 minutes", filters: [{ column, operator: "=", value: 6 }] },
    { query: "3人家族の夕飯", filters: [{ column, operator: "=", value: 3 }] },
    { query: "dinner for 12", filters: [{ column, operator: "=", value: 12 }] },
    { query: "more than six people", filters: [{ column, operator: ">=", value: 7 }] },
    { query: "5人未満の集まり", filters: [{ column, operator: "<=", value: 4 }] },
    { query: "数値は1人分のものです", filters: [] },
  ],
  prompt: {
    meaning: "number of people the recipe serves",
    unitRules: `A number of people is a servings value when the words count the diners: 2人分, 2人前, 2人用, 2人向け, ふたりぶん, 4皿分, "for 2 people", "for two", "dinner for 12", "lunch for eight", "serves 4", "serve four", "feeds six", "makes 6 servings", "yields 8 portions", a recipe card's "Servings: 6" / 「人数：3人」, and the size of a household: 4人家族, 二人暮らし, 一人暮らし (1), 夫婦2人, "a family of five", "the three of us". An approximate word keeps it "=" ("about 4 servings" → "=" 4).
A count of one that qualifies a cost or calorie value is no servings count: 1人分100円, 1人前300円以下, 1食150円, 1人分 620kcal, a nutrition card's (1人分) → no condition; so is a label alone (数値は1人分のものです). "per serving" / "a head" is never a count. As a request it is: 1人分で作れる副菜 → "=" 1. A count above one with a cost stays: 2人分で500円以内 → "=" 2.
A count stated without a bound word means exactly that many: "=". 4人以上 / at least 4 people → ">=" 4; 3人まで / up to 3 people → "<=" 3; 2〜3人分 → ">=" 2 and "<=" 3. A bound that needs ">" or "<" becomes the next whole number: "more than six people" / 6人を超える → ">=" 7; 5人未満 → "<=" 4.
Not servings: 2人で作る (who cooks), 卵2個, 3品 (number of dishes), 2個, 200g, a money amount ("under $8 to feed six" → only "=" 6).`,
    notAbout: "卵2個, 3品, 2人で作る, 200g, 10分, 500円",
  },
});
