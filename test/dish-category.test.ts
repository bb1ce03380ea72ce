import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { dishCategory } from "../src/filters/dish-category.js";
import { withoutEvidence } from "./support/without-evidence.js";

const categoriesIn = (query: string) => dishCategory.valuesIn(query);

describe("dish_category offline", () => {
  const cases: [string, string[]][] = [
    ["10分以内に500円未満で作れる副菜教えて", ["副菜"]],
    ["メインディッシュになる鶏料理", ["主菜"]],
    ["メインのおかず", ["主菜"]],
    ["スープパスタ", ["主食"]],
    ["具だくさんの味噌汁", ["汁物"]],
    ["子どものおやつ", ["デザート"]],
    ["ワンコイン丼", ["主食"]],
    ["a quick side dish", ["副菜"]],
    ["easy miso soup", ["汁物"]],
    ["ＤＥＳＳＥＲＴ under 300 yen", ["デザート"]],
    ["ヘルシーなおかず", []],
    ["低カロリーのご飯のお供", []],
    ["ハンバーグ", []],
    ["駅のそばで買える", []],
    ["what remains of the sauce", []],
  ];
  for (const [query, wanted] of cases) it(query, () => assert.deepEqual(categoriesIn(query), wanted));

  it("every synonym names its category (the table is what the prompt and the extractor share)", () => {
    for (const category of dishCategory.values)
      for (const word of dishCategory.synonyms[category])
        assert.ok(categoriesIn(`簡単な${word}を教えて`).includes(category), word);
  });
});

describe("dish_category through the extractor", () => {
  it("the seed query yields time, cost and category", async () => {
    const result = await createExtractor().extract("10分以内に500円未満で作れる副菜教えて", {
      context: { extractor: "rules" },
    });
    assert.deepEqual(withoutEvidence(result.filters), [
      { column: "cooking_time_min", operator: "<=", value: 10 },
      { column: "cooking_cost_yen", operator: "<", value: 500 },
      { column: "dish_category", operator: "=", value: "副菜" },
    ]);
  });

  it("two categories named as alternatives are one `in` filter, in declared order, and no contradiction", async () => {
    const result = await createExtractor().extract("副菜か主菜", { context: { extractor: "rules" } });
    assert.deepEqual(withoutEvidence(result.filters), [
      { column: "dish_category", operator: "in", value: ["主菜", "副菜"] },
    ]);
    assert.deepEqual(result.contradictions, []);
  });
});
