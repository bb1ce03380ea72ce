// calories_kcal and servings: the offline extractor, rule by rule, and the extensions to
// the numeric grammar they needed (a per-type bare operator, operators a column lacks).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { calories } from "../src/filters/calories.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { servings } from "../src/filters/servings.js";
import { extractBounds } from "../src/language/bounds.js";
import { withoutEvidence } from "./support/without-evidence.js";

const show = (type: typeof calories, q: string) =>
  type.extractOffline(q, FILTER_TYPES).map((f) => `${f.operator} ${f.value}`);

describe("calories_kcal offline", () => {
  const cases: [string, string[]][] = [
    ["300kcal以下の夕飯", ["<= 300"]],
    ["500キロカロリー未満のランチ", ["< 500"]],
    ["200カロリー以下のおやつ", ["<= 200"]],
    ["カロリー300以下の副菜", ["<= 300"]],
    ["カロリーが400以内", ["<= 400"]],
    ["600kcal以上", [">= 600"]],
    ["800kcalを超える", ["> 800"]],
    ["300〜500kcalの主菜", [">= 300", "<= 500"]],
    ["350kcalくらい", ["<= 350"]],
    ["150キロカロリーのデザート", ["<= 150"]],
    ["５００ｋｃａｌ以下", ["<= 500"]],
    ["四百キロカロリー未満", ["< 400"]],
    ["under 400 calories", ["< 400"]],
    ["500 kcal or less", ["<= 500"]],
    ["at least 600 calories", [">= 600"]],
    ["between 400 and 600 kcal", [">= 400", "<= 600"]],
    ["no more than 350 kcal", ["<= 350"]],
    ["three hundred calories", ["<= 300"]],
    // no value stated
    ["低カロリーな主菜", []],
    ["ヘルシーな夕飯", []],
    ["カロリー控えめのおやつ", []],
    ["カロリーハーフのマヨネーズ", []],
    ["low calorie dinner", []],
    ["healthy side dish", []],
    // numbers that are something else
    ["卵2個で作る低カロリーおかず", []],
    ["300円以下で10分", []],
    ["2人分の夕飯", []],
    ["カロリー2倍", []],
    ["カロリー30%オフ", []],
  ];
  for (const [query, wanted] of cases) it(query, () => assert.deepEqual(show(calories, query), wanted));

  it("grounding reads the same numbers the extractor reads", () => {
    assert.ok(calories.groundingValues("カロリー300以下", FILTER_TYPES).includes(300));
    assert.ok(calories.groundingValues("四百キロカロリー未満", FILTER_TYPES).includes(400));
  });
});

describe("servings offline", () => {
  const cases: [string, string[]][] = [
    ["2人分の夕飯", ["= 2"]],
    ["2人前のパスタ", ["= 2"]],
    ["一人分の味噌汁", ["= 1"]],
    ["三人分の豚汁", ["= 3"]],
    ["ふたり分の朝ごはん", ["= 2"]],
    ["2名分のおつまみ", ["= 2"]],
    ["2人用の鍋", ["= 2"]],
    ["2人向けの献立", ["= 2"]],
    ["4人家族の夕飯", ["= 4"]],
    ["4人以上で食べられる料理", [">= 4"]],
    ["5人分以上の作り置き", [">= 5"]],
    ["3人までの作り置き", ["<= 3"]],
    ["6人以下のホームパーティー", ["<= 6"]],
    ["2〜3人分の副菜", [">= 2", "<= 3"]],
    ["2人前〜", [">= 2"]],
    ["4人くらいで食べる鍋", ["= 4"]],
    ["約4人分", ["= 4"]],
    ["for 2 people", ["= 2"]],
    ["dinner for four people", ["= 4"]],
    ["serves 4", ["= 4"]],
    ["serves four", ["= 4"]],
    ["serves 4-6", [">= 4", "<= 6"]],
    ["4 servings of soup", ["= 4"]],
    ["at least 6 people", [">= 6"]],
    ["up to 3 people", ["<= 3"]],
    ["for 8 people or more", [">= 8"]],
    ["dinner for 2", ["= 2"]],
    ["dinner for two under 1000 yen", ["= 2"]],
    ["family of 4 dinner", ["= 4"]],
    // a count bound that needs < or > becomes the next whole number (v3)
    ["4人未満", ["<= 3"]],
    ["more than 4 people", [">= 5"]],
    // the size of a household is a head count (v3), living alone included
    ["一人暮らしの節約レシピ", ["= 1"]],
    ["1人暮らしの作り置き", ["= 1"]],
    ["living alone meal prep", ["= 1"]],
    ["子供2人のお弁当", ["= 2"]],
    // not servings
    ["卵2個で作れるおかず", []],
    ["3品で献立", []],
    ["2品の副菜", []],
    ["2人で作る料理", []],
    ["2 eggs breakfast", []],
    ["simmer for 10 minutes", []],
    ["10分以内に500円未満", []],
    ["一人前の料理人になる", ["= 1"]], // 一人前 is read as one serving: a known limit (eval/README.md)
  ];
  for (const [query, wanted] of cases)
    it(query, () => assert.deepEqual(show(servings as unknown as typeof calories, query), wanted));
});

describe("the bare operator of the numeric grammar", () => {
  it("defaults to <= and can be = per call", () => {
    const read = (...args: Parameters<typeof extractBounds>) =>
      extractBounds(...args).map(({ operator, value }) => ({ operator, value }));
    assert.deepEqual(read("15分", "分"), [{ operator: "<=", value: 15 }]);
    assert.deepEqual(read("15分", "分", { bare: "=" }), [{ operator: "=", value: 15 }]);
    assert.deepEqual(read("15分以上", "分", { bare: "=" }), [{ operator: ">=", value: 15 }]);
  });

  it("a type's bare operator must be one of its operators", () => {
    assert.throws(
      () => defineNumericFilterType({ ...specLike(), operators: ["<=", ">="], bareOperator: "=" }),
      /bare operator = is not one of its operators/,
    );
  });

  it("the answer schema tells the model what a bare count means", () => {
    const json = JSON.stringify(servings.answerSchema.toJSONSchema?.() ?? "");
    assert.match(json, /= when the number has no bound word/);
    assert.match(servings.prompt, /no bound word means "="/);
    assert.match(calories.prompt, /no bound word means "<="/);
    assert.doesNotMatch(
      servings.prompt,
      /\(卵2個, 3品, 2人分/,
      "the servings prompt must not call 2人分 someone else's number",
    );
  });
});

describe("through the extractor", () => {
  it("servings = 2 with time, cost, calories and category, in registry order", async () => {
    const result = await createExtractor().extract("2人分で300kcal以下、15分以内500円未満の副菜", {
      context: { extractor: "rules" },
    });
    assert.deepEqual(withoutEvidence(result.filters), [
      { column: "cooking_time_min", operator: "<=", value: 15 },
      { column: "cooking_cost_yen", operator: "<", value: 500 },
      { column: "calories_kcal", operator: "<=", value: 300 },
      { column: "servings", operator: "=", value: 2 },
      { column: "dish_category", operator: "=", value: "副菜" },
    ]);
    assert.deepEqual(result.contradictions, []);
  });

  it("two different servings counts are a contradiction, not a silent pick", async () => {
    const result = await createExtractor().extract("2人分と4人分", { context: { extractor: "rules" } });
    assert.deepEqual(
      result.filters.map((f) => f.value),
      [2, 4],
    );
    assert.equal(result.contradictions.length, 1);
  });

  it("a servings count outside 1–50 or a calorie value outside 0–3000 is dropped with a warning", async () => {
    const result = await createExtractor().extract("100人分で5000kcal", { context: { extractor: "rules" } });
    assert.deepEqual(result.filters, []);
    assert.equal(result.warnings.length, 2);
  });
});

function specLike() {
  return {
    name: "x",
    column: "x",
    unit: "x",
    description: "x",
    range: { min: 0, max: 1 },
    prompt: "x",
    unitWords: { canonical: "x", words: ["x"] },
  };
}
