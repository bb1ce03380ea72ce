import { defineCategoryFilterType } from "./category-filter-type.js";

const column = "dish_category";

/**
 * The synonym table (filter-semantics.md): a category word or a clear synonym names the
 * category. Longest phrase first, so スープパスタ is a pasta (主食), not a soup. Deliberately
 * absent, because they do not name one category: おかず, ご飯 (alone), サラダ, 低カロリー, ヘルシー,
 * そば (also "near").
 */
export const dishCategory = defineCategoryFilterType({
  name: "dish_category",
  column,
  noun: "dish category",
  description: "Dish category: one of 主菜 副菜 主食 汁物 デザート.",
  values: ["主菜", "副菜", "主食", "汁物", "デザート"],
  // Several categories named as alternatives ("主菜か副菜") are one `in` filter.
  operators: ["=", "in"],
  synonyms: {
    主菜: [
      "主菜",
      "メインディッシュ",
      "メインおかず",
      "メイン料理",
      "メイン",
      "main dish",
      "main course",
      "mains",
      "entree",
      "entrée",
    ],
    副菜: [
      "副菜",
      "サイドメニュー",
      "サイドディッシュ",
      "付け合わせ",
      "付け合せ",
      "箸休め",
      "小鉢",
      "side dish",
      "sides",
    ],
    主食: [
      "主食",
      "ご飯もの",
      "ごはんもの",
      "ご飯物",
      "丼もの",
      "丼物",
      "どんぶり",
      "丼",
      "スープパスタ",
      "パスタ",
      "麺類",
      "うどん",
      "焼きそば",
      "蕎麦",
      "ラーメン",
      "チャーハン",
      "炒飯",
      "おにぎり",
      "staple",
      "rice bowl",
      "rice dish",
      "pasta",
      "noodles",
      "noodle dish",
    ],
    汁物: [
      "汁物",
      "スープ",
      "味噌汁",
      "みそ汁",
      "お味噌汁",
      "おみそ汁",
      "お吸い物",
      "吸い物",
      "豚汁",
      "ポタージュ",
      "soup",
      "miso soup",
    ],
    デザート: [
      "デザート",
      "スイーツ",
      "おやつ",
      "お菓子",
      "ケーキ",
      "クッキー",
      "プリン",
      "dessert",
      "sweets",
      "cake",
      "cookie",
      "pudding",
    ],
  },
  notAValue:
    "A dish name that is not in this list (ハンバーグ, 唐揚げ), an ambiguous word (おかず, ご飯のお供), or a diet word (低カロリー, ヘルシー) names NO category.",
  examples: [
    { query: "10分以内に500円未満で作れる副菜教えて", filters: [{ column, operator: "=", value: "副菜" }] },
    { query: "メインになる鶏肉料理", filters: [{ column, operator: "=", value: "主菜" }] },
    { query: "簡単な味噌汁", filters: [{ column, operator: "=", value: "汁物" }] },
    { query: "ワンコインで作れる丼", filters: [{ column, operator: "=", value: "主食" }] },
    { query: "主菜か副菜で10分以内", filters: [{ column, operator: "in", value: ["主菜", "副菜"] }] },
    { query: "soups and desserts", filters: [{ column, operator: "in", value: ["汁物", "デザート"] }] },
    { query: "丼とパスタ", filters: [{ column, operator: "=", value: "主食" }] },
    { query: "ヘルシーなおかず", filters: [] },
  ],
});

export const DISH_CATEGORIES = dishCategory.values;
export type DishCategory = (typeof DISH_CATEGORIES)[number];
