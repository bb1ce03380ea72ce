/**
 * What the sample catalog is made of: real Japanese home-cooking dishes, as combinations
 * that a recipe site would actually carry (an ingredient with the methods that suit it),
 * each with the ranges its cooking time, cost and calories plausibly fall in.
 * Costs are per serving (yen); the catalog multiplies by servings for the recipe's total.
 */
import type { dishCategory } from "../src/filters/dish-category.js";

/** The dish categories the registry declares (src/filters/dish-category.ts): every table keyed by them is checked against it. */
export type DishCategory = (typeof dishCategory.values)[number];

export interface DishTemplate {
  category: DishCategory;
  title: string;
  minutes: [number, number];
  yenPerServing: [number, number];
  kcal: [number, number];
}

type Method = { name: string; minutes: [number, number]; yen: number; kcal: number };
type Ingredient = { name: string; yen: number; kcal: number; methods: string[] };

function combine(
  category: DishCategory,
  ingredients: Ingredient[],
  methods: Method[],
  title: (i: string, m: string) => string,
): DishTemplate[] {
  return ingredients.flatMap((ingredient) =>
    ingredient.methods.map((methodName) => {
      const method = methods.find((m) => m.name === methodName);
      if (!method) throw new Error(`unknown method ${methodName}`);
      const yen = ingredient.yen + method.yen;
      const kcal = ingredient.kcal + method.kcal;
      return {
        category,
        title: title(ingredient.name, method.name),
        minutes: method.minutes,
        yenPerServing: [Math.round(yen * 0.8), Math.round(yen * 1.25)],
        kcal: [Math.round(kcal * 0.85), Math.round(kcal * 1.15)],
      };
    }),
  );
}

const MAIN_METHODS: Method[] = [
  { name: "生姜焼き", minutes: [15, 20], yen: 30, kcal: 120 },
  { name: "照り焼き", minutes: [15, 25], yen: 30, kcal: 110 },
  { name: "甘辛炒め", minutes: [10, 15], yen: 30, kcal: 120 },
  { name: "味噌煮", minutes: [20, 35], yen: 30, kcal: 90 },
  { name: "塩焼き", minutes: [15, 20], yen: 10, kcal: 30 },
  { name: "唐揚げ", minutes: [25, 40], yen: 40, kcal: 220 },
  { name: "ホイル焼き", minutes: [20, 30], yen: 60, kcal: 60 },
  { name: "トマト煮込み", minutes: [30, 50], yen: 90, kcal: 120 },
  { name: "南蛮漬け", minutes: [25, 35], yen: 60, kcal: 160 },
  { name: "レンジ蒸し", minutes: [8, 12], yen: 40, kcal: 40 },
  { name: "チーズ焼き", minutes: [15, 20], yen: 80, kcal: 150 },
  { name: "角煮", minutes: [90, 150], yen: 40, kcal: 200 },
  { name: "麻婆", minutes: [15, 20], yen: 60, kcal: 150 },
  { name: "ハンバーグ", minutes: [30, 40], yen: 50, kcal: 180 },
  { name: "フライ", minutes: [25, 35], yen: 50, kcal: 230 },
];
const MAIN_INGREDIENTS: Ingredient[] = [
  {
    name: "豚こま",
    yen: 130,
    kcal: 250,
    methods: ["生姜焼き", "甘辛炒め", "レンジ蒸し", "チーズ焼き", "トマト煮込み"],
  },
  { name: "豚バラ", yen: 160, kcal: 380, methods: ["角煮", "甘辛炒め", "レンジ蒸し", "味噌煮"] },
  {
    name: "鶏もも",
    yen: 140,
    kcal: 250,
    methods: ["照り焼き", "唐揚げ", "トマト煮込み", "南蛮漬け", "塩焼き", "チーズ焼き"],
  },
  { name: "鶏むね", yen: 80, kcal: 150, methods: ["照り焼き", "唐揚げ", "レンジ蒸し", "南蛮漬け", "甘辛炒め"] },
  { name: "合いびき肉", yen: 120, kcal: 270, methods: ["ハンバーグ", "麻婆", "トマト煮込み"] },
  { name: "牛こま", yen: 220, kcal: 300, methods: ["甘辛炒め", "生姜焼き", "トマト煮込み", "チーズ焼き"] },
  {
    name: "鮭",
    yen: 180,
    kcal: 160,
    methods: ["塩焼き", "ホイル焼き", "南蛮漬け", "照り焼き", "フライ", "チーズ焼き"],
  },
  { name: "さば", yen: 150, kcal: 250, methods: ["味噌煮", "塩焼き", "南蛮漬け", "照り焼き"] },
  { name: "ぶり", yen: 230, kcal: 260, methods: ["照り焼き", "塩焼き"] },
  { name: "えび", yen: 260, kcal: 90, methods: ["チーズ焼き", "フライ", "甘辛炒め"] },
  { name: "豆腐", yen: 40, kcal: 80, methods: ["麻婆", "ハンバーグ", "照り焼き", "レンジ蒸し"] },
  { name: "厚揚げ", yen: 60, kcal: 150, methods: ["甘辛炒め", "味噌煮", "チーズ焼き"] },
  { name: "たら", yen: 170, kcal: 80, methods: ["ホイル焼き", "フライ", "レンジ蒸し", "南蛮漬け"] },
];

const SIDE_METHODS: Method[] = [
  { name: "おひたし", minutes: [5, 10], yen: 10, kcal: 10 },
  { name: "ごま和え", minutes: [5, 10], yen: 20, kcal: 40 },
  { name: "きんぴら", minutes: [10, 15], yen: 20, kcal: 60 },
  { name: "ナムル", minutes: [5, 10], yen: 15, kcal: 45 },
  { name: "浅漬け", minutes: [3, 10], yen: 10, kcal: 5 },
  { name: "白和え", minutes: [10, 20], yen: 40, kcal: 60 },
  { name: "サラダ", minutes: [5, 10], yen: 40, kcal: 70 },
  { name: "炒め", minutes: [5, 12], yen: 20, kcal: 70 },
  { name: "煮びたし", minutes: [10, 15], yen: 20, kcal: 20 },
  { name: "マリネ", minutes: [10, 20], yen: 30, kcal: 50 },
  { name: "煮物", minutes: [20, 35], yen: 30, kcal: 50 },
  { name: "チーズ焼き", minutes: [10, 15], yen: 60, kcal: 90 },
];
const SIDE_INGREDIENTS: Ingredient[] = [
  { name: "ほうれん草", yen: 60, kcal: 20, methods: ["おひたし", "ごま和え", "白和え", "ナムル", "炒め"] },
  { name: "小松菜", yen: 50, kcal: 15, methods: ["おひたし", "煮びたし", "ごま和え", "炒め"] },
  { name: "もやし", yen: 15, kcal: 15, methods: ["ナムル", "炒め", "ごま和え"] },
  { name: "キャベツ", yen: 30, kcal: 20, methods: ["浅漬け", "サラダ", "炒め", "マリネ"] },
  { name: "きゅうり", yen: 30, kcal: 10, methods: ["浅漬け", "サラダ", "ナムル"] },
  { name: "にんじん", yen: 25, kcal: 30, methods: ["きんぴら", "サラダ", "マリネ", "ナムル"] },
  { name: "ごぼう", yen: 50, kcal: 50, methods: ["きんぴら", "サラダ", "煮物"] },
  { name: "なす", yen: 45, kcal: 20, methods: ["煮びたし", "炒め", "浅漬け", "マリネ", "チーズ焼き"] },
  { name: "ピーマン", yen: 35, kcal: 15, methods: ["きんぴら", "炒め", "おひたし"] },
  { name: "ブロッコリー", yen: 60, kcal: 30, methods: ["サラダ", "ごま和え", "チーズ焼き"] },
  { name: "大根", yen: 30, kcal: 20, methods: ["煮物", "サラダ", "浅漬け", "きんぴら"] },
  { name: "かぼちゃ", yen: 60, kcal: 90, methods: ["煮物", "サラダ", "チーズ焼き"] },
  { name: "トマト", yen: 70, kcal: 20, methods: ["サラダ", "マリネ"] },
  { name: "れんこん", yen: 70, kcal: 60, methods: ["きんぴら", "炒め", "煮物"] },
  { name: "白菜", yen: 30, kcal: 15, methods: ["浅漬け", "煮びたし", "サラダ"] },
  { name: "アスパラ", yen: 90, kcal: 20, methods: ["ごま和え", "炒め", "チーズ焼き"] },
  { name: "ひじき", yen: 40, kcal: 40, methods: ["煮物", "サラダ", "マリネ"] },
];

const STAPLE_METHODS: Method[] = [
  { name: "炒飯", minutes: [10, 15], yen: 60, kcal: 450 },
  { name: "パスタ", minutes: [15, 20], yen: 70, kcal: 520 },
  { name: "丼", minutes: [10, 20], yen: 60, kcal: 550 },
  { name: "うどん", minutes: [10, 15], yen: 60, kcal: 400 },
  { name: "焼きそば", minutes: [10, 15], yen: 60, kcal: 480 },
  { name: "炊き込みご飯", minutes: [50, 70], yen: 50, kcal: 330 },
  { name: "リゾット", minutes: [20, 30], yen: 80, kcal: 400 },
  { name: "おにぎり", minutes: [5, 10], yen: 30, kcal: 250 },
  { name: "ドリア", minutes: [25, 35], yen: 90, kcal: 600 },
];
const STAPLE_INGREDIENTS: Ingredient[] = [
  { name: "鮭", yen: 120, kcal: 60, methods: ["炒飯", "炊き込みご飯", "おにぎり", "パスタ"] },
  { name: "ツナ", yen: 60, kcal: 70, methods: ["パスタ", "おにぎり", "炒飯", "丼"] },
  { name: "きのこ", yen: 70, kcal: 20, methods: ["パスタ", "炊き込みご飯", "リゾット", "うどん", "ドリア"] },
  { name: "明太子", yen: 120, kcal: 40, methods: ["パスタ", "うどん", "おにぎり"] },
  { name: "豚キムチ", yen: 110, kcal: 150, methods: ["炒飯", "丼", "うどん", "焼きそば"] },
  { name: "鶏そぼろ", yen: 70, kcal: 120, methods: ["丼", "おにぎり"] },
  { name: "ベーコン", yen: 80, kcal: 110, methods: ["パスタ", "リゾット", "炒飯", "ドリア"] },
  { name: "しらす", yen: 90, kcal: 30, methods: ["丼", "炒飯", "パスタ", "おにぎり"] },
  { name: "えび", yen: 180, kcal: 50, methods: ["ドリア", "炒飯", "リゾット", "焼きそば"] },
  { name: "牛肉", yen: 220, kcal: 200, methods: ["丼", "うどん", "炒飯"] },
  { name: "トマト", yen: 70, kcal: 20, methods: ["パスタ", "リゾット"] },
];

const SOUP_METHODS: Method[] = [
  { name: "味噌汁", minutes: [5, 15], yen: 20, kcal: 40 },
  { name: "すまし汁", minutes: [5, 15], yen: 20, kcal: 20 },
  { name: "コンソメスープ", minutes: [10, 20], yen: 20, kcal: 40 },
  { name: "中華スープ", minutes: [5, 15], yen: 20, kcal: 40 },
  { name: "ポタージュ", minutes: [25, 35], yen: 60, kcal: 140 },
  { name: "豚汁", minutes: [20, 30], yen: 80, kcal: 150 },
];
const SOUP_INGREDIENTS: Ingredient[] = [
  { name: "豆腐とわかめ", yen: 50, kcal: 40, methods: ["味噌汁", "すまし汁", "中華スープ"] },
  { name: "大根と油揚げ", yen: 50, kcal: 50, methods: ["味噌汁"] },
  { name: "なめこ", yen: 60, kcal: 15, methods: ["味噌汁"] },
  { name: "じゃがいもと玉ねぎ", yen: 40, kcal: 60, methods: ["味噌汁", "コンソメスープ", "ポタージュ"] },
  { name: "かぼちゃ", yen: 60, kcal: 80, methods: ["ポタージュ", "味噌汁"] },
  { name: "卵", yen: 25, kcal: 40, methods: ["中華スープ", "すまし汁", "コンソメスープ"] },
  { name: "キャベツとベーコン", yen: 60, kcal: 80, methods: ["コンソメスープ"] },
  { name: "根菜たっぷり", yen: 70, kcal: 60, methods: ["豚汁"] },
  { name: "白菜と春雨", yen: 45, kcal: 50, methods: ["中華スープ"] },
  { name: "とうもろこし", yen: 70, kcal: 90, methods: ["ポタージュ", "コンソメスープ"] },
  { name: "あさり", yen: 120, kcal: 30, methods: ["味噌汁", "すまし汁"] },
];

const DESSERT_METHODS: Method[] = [
  { name: "プリン", minutes: [30, 60], yen: 50, kcal: 150 },
  { name: "ゼリー", minutes: [15, 30], yen: 40, kcal: 80 },
  { name: "パンナコッタ", minutes: [15, 30], yen: 70, kcal: 200 },
  { name: "蒸しパン", minutes: [20, 30], yen: 30, kcal: 180 },
  { name: "マフィン", minutes: [35, 50], yen: 40, kcal: 250 },
  { name: "クッキー", minutes: [40, 60], yen: 30, kcal: 160 },
  { name: "チーズケーキ", minutes: [60, 90], yen: 120, kcal: 320 },
  { name: "白玉", minutes: [15, 20], yen: 30, kcal: 140 },
];
const DESSERT_INGREDIENTS: Ingredient[] = [
  {
    name: "抹茶",
    yen: 60,
    kcal: 10,
    methods: ["プリン", "パンナコッタ", "蒸しパン", "クッキー", "白玉", "チーズケーキ"],
  },
  { name: "チョコ", yen: 50, kcal: 80, methods: ["マフィン", "クッキー", "プリン", "蒸しパン"] },
  { name: "いちご", yen: 90, kcal: 20, methods: ["ゼリー", "パンナコッタ", "チーズケーキ"] },
  { name: "バナナ", yen: 30, kcal: 50, methods: ["マフィン", "蒸しパン", "クッキー"] },
  { name: "かぼちゃ", yen: 40, kcal: 50, methods: ["プリン", "蒸しパン", "マフィン", "チーズケーキ"] },
  { name: "紅茶", yen: 30, kcal: 5, methods: ["ゼリー", "クッキー", "パンナコッタ"] },
  { name: "きなこ", yen: 20, kcal: 40, methods: ["白玉", "クッキー", "プリン"] },
  { name: "りんご", yen: 60, kcal: 40, methods: ["ゼリー", "マフィン", "蒸しパン"] },
  { name: "コーヒー", yen: 30, kcal: 5, methods: ["ゼリー", "プリン"] },
];

const no = (i: string, m: string) => `${i}の${m}`;

export const DISH_TEMPLATES: DishTemplate[] = [
  ...combine("主菜", MAIN_INGREDIENTS, MAIN_METHODS, no),
  ...combine("副菜", SIDE_INGREDIENTS, SIDE_METHODS, no),
  ...combine("主食", STAPLE_INGREDIENTS, STAPLE_METHODS, (i, m) => `${i}${m}`),
  ...combine("汁物", SOUP_INGREDIENTS, SOUP_METHODS, no),
  ...combine("デザート", DESSERT_INGREDIENTS, DESSERT_METHODS, (i, m) => `${i}${m}`),
];
