import { canonicalizeServings } from "../language/units.js";
import type { Operator } from "./filter-type.js";
import { defineNumericFilterType } from "./numeric-filter-type.js";
import { numericPrompt } from "./prompts.js";

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
  canonicalize: canonicalizeServings,
  canonicalUnit: "人分",
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
  ],
  prompt: numericPrompt({
    column,
    meaning: "number of people the recipe serves",
    bareOperator,
    operators,
    unitRules: `A number of people is a servings value when the words say so: 2人分, 2人前, 2人用, 2人向け, 4人家族, ふたりぶん, "for 2 people", "serves 4", "serve four", "feeds six", "makes 6 servings", "yields 8 portions", "family of 4", "dinner for 2". An approximate word keeps it "=" ("about 4 servings" → "=" 4).
A count of one that qualifies a cost or calorie value is no servings count: 1人分100円, 1人前300円以下, 1食150円, 1人分 620kcal → no condition. "per serving" / "a head" is never a count. Without a yen or kcal value it is: 1人分で作れる副菜 → "=" 1. A count above one with a cost stays: 2人分で500円以内 → "=" 2.
A count stated without a bound word means exactly that many: "=". 4人以上 / at least 4 people → ">=" 4; 3人まで / up to 3 people → "<=" 3; 2〜3人分 → ">=" 2 and "<=" 3.
Not servings: 一人暮らし (living alone), 2人で作る (who cooks), 子供2人, 卵2個, 3品 (number of dishes), 2個, 200g.`,
    notAbout: "卵2個, 3品, 一人暮らし, 2人で作る, 200g, 10分, 500円",
  }),
});
