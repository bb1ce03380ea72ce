// The stage that decides what each quantity measures (src/language/measures.ts): its rules on
// their own, then the document's examples through the offline extractor.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { MappedText } from "../src/language/mapped-text.js";
import { MARK, markMeasures, ruleFor } from "../src/language/measures.js";

describe("what a quantity measures, rule by rule", () => {
  const cases: [Parameters<typeof ruleFor>, RegExp | "recipe"][] = [
    [["money", "豚こま100g ", ""], /counted or weighed/],
    [["money", "卵1パック", "以上する"], /counted or weighed/],
    [["money", "", " each at the market"], /counted or weighed/],
    [["money", "時給", ""], /wage/],
    [["money", "", "浮いた"], /bought, or money saved/],
    [["money", "", "以上する"], /bought, or money saved/],
    [["money", "食費", "で暮らす"], /household/],
    [["money", "食費", "未満のレシピ"], "recipe"],
    [["money", "", "以下の節約おかず"], "recipe"],
    [["energy", "米100gあたり", ""], /per gram/],
    [["energy", "ウォーキングで消費する", ""], /burnt/],
    [["time", "冷蔵で", "保存できる"], /keeps/],
    [["time", "leave out no longer than ", ""], /keeps/],
    [["time", "", "歩く"], /exercise/],
    [["time", "通勤に", ""], /exercise or a commute/],
    [["time", "朝の支度を", "短縮"], /time saved/],
    [["time", "", "以内で作れる"], "recipe"],
    // A rule of one dimension never decides for another: a storage word does not touch a price.
    [["money", "保存できる", ""], "recipe"],
  ];
  for (const [[dimension, before, after], wanted] of cases)
    it(`${dimension}: …${before}[X]${after}…`, () => {
      const name = ruleFor(dimension, before, after);
      if (wanted === "recipe") assert.equal(name, "recipe");
      else assert.match(name, wanted);
    });

  it("marks a quantity after its canonical unit, a per-person one without its qualifier", () => {
    const mark = (text: string, unit: string, dimension: Parameters<typeof markMeasures>[2]) =>
      markMeasures(MappedText.of(text), unit, dimension).text;
    assert.equal(mark("豚こま100g 128円", "円", "money"), `豚こま100g 128円${MARK.notTheRecipe}`);
    assert.equal(mark("月20000円", "円", "money"), `月20000円${MARK.period}`);
    assert.equal(mark("1人分100円", "円", "money"), `100円${MARK.perPerson}`);
    assert.equal(mark("500円以内", "円", "money"), "500円以内");
    assert.equal(mark("1日1800kcal", "kcal", "energy"), `1日1800kcal${MARK.period}`);
    assert.equal(mark("毎日30分歩く", "分", "time"), `毎日30分${MARK.notTheRecipe}歩く`);
  });
});

describe("the document's examples through the offline extractor", () => {
  const extractor = createExtractor();
  const cases: [string, string[]][] = [
    // What a number measures
    ["豚こま100g 128円", []],
    ["卵1パック230円以上する", []],
    ["a $2 can of beans", []],
    ["外食をやめて月5000円浮いた", []],
    ["leave out no longer than 2 hours", []],
    ["朝の支度を15分短縮", []],
    ["1歳半から", []],
    ["米100gあたり168kcal", []],
    ["under $8 to feed six", ["servings = 6"]],
    // Periods, 食費
    ["ひと月の食費はだいたい2万5千円", []],
    ["1日1人1500円", []],
    ["1日1800kcal", []],
    ["2,000 calories a day", []],
    ["Weekly menu: 450-calorie lunches", ["calories_kcal <= 450"]],
    ["食費200円未満のレシピ", ["cooking_cost_yen < 200"]],
    ["食費2万円で暮らす", []],
    // Head counts
    ["for two", ["servings = 2"]],
    ["dinner for 12", ["servings = 12"]],
    ["lunch for eight", ["servings = 8"]],
    ["Servings: 6", ["servings = 6"]],
    ["人数：3人", ["servings = 3"]],
    ["4皿分", ["servings = 4"]],
    ["3人家族", ["servings = 3"]],
    ["二人暮らし", ["servings = 2"]],
    ["夫婦2人", ["servings = 2"]],
    ["a family of five", ["servings = 5"]],
    ["more than six people", ["servings >= 7"]],
    ["5人未満", ["servings <= 4"]],
    // Labels
    ["エネルギー(1人分) 380kcal", ["calories_kcal <= 380"]],
    ["1人分換算 410kcal", ["calories_kcal <= 410"]],
    ["材料費 1人前あたり 180円", ["cost_per_serving_yen <= 180"]],
    ["数値は1人分のものです", []],
    ["1人分で作れる副菜", ["servings = 1", "dish_category = 副菜"]],
    ["1人当たりの材料費300円", ["cost_per_serving_yen <= 300"]],
    ["300 yen a portion", ["cost_per_serving_yen <= 300"]],
    // Bound forms
    ["40分弱", ["cooking_time_min < 40"]],
    ["400〜500kcal以下", ["calories_kcal >= 400", "calories_kcal <= 500"]],
    ["10分くらい、長くても15分", ["cooking_time_min <= 15"]],
    ["300 or fewer calories", ["calories_kcal <= 300"]],
    ["25 or less minutes", ["cooking_time_min <= 25"]],
    ["<450kcal>", ["calories_kcal <= 450"]],
    ["<20 min>", ["cooking_time_min <= 20"]],
    // Categories
    ["ボルシチ", ["dish_category = 汁物"]],
    ["gazpacho", ["dish_category = 汁物"]],
    ["雑炊", ["dish_category = 主食"]],
    ["ramen", ["dish_category = 主食"]],
    ["Main: roast chicken", ["dish_category = 主菜"]],
    ["カレー", []],
    ["entree", []],
    ["メインの食材", []],
    ["肉がメイン", []],
  ];
  for (const [query, wanted] of cases)
    it(query, async () => {
      const { filters } = await extractor.extract(query, { context: { extractor: "rules" } });
      assert.deepEqual(
        filters.map((f) => `${f.column} ${f.operator} ${f.value}`),
        wanted,
      );
    });
});
