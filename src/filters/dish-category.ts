import { z } from "zod";
import type { Filter, FilterType } from "./filter-type.js";
import { NEVER_INVENT } from "./prompts.js";

const column = "dish_category";

export const DISH_CATEGORIES = ["主菜", "副菜", "主食", "汁物", "デザート"] as const;
export type DishCategory = (typeof DISH_CATEGORIES)[number];

/**
 * The synonym table (filter-semantics.md): a category word or a clear synonym names the
 * category. Matched on NFKC-normalized, lower-cased text, longest phrase first, so
 * スープパスタ is a pasta (主食), not a soup. Deliberately absent, because they do not
 * name one category: おかず, ご飯 (alone), サラダ, 低カロリー, ヘルシー, そば (also "near").
 */
export const CATEGORY_SYNONYMS: Record<DishCategory, readonly string[]> = {
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
    "side dishes",
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
    "soups",
    "miso soup",
  ],
  デザート: ["デザート", "スイーツ", "おやつ", "お菓子", "dessert", "desserts", "sweets"],
};

const PHRASES = Object.entries(CATEGORY_SYNONYMS)
  .flatMap(([category, words]) => words.map((word) => ({ word, category: category as DishCategory })))
  .sort((a, b) => b.word.length - a.word.length);

/** English words must stand alone ("mains" is not inside "remains"). */
const isAscii = (word: string) => /^[\x20-\x7e]+$/.test(word);

/** The categories a query names, in registry order, each once. */
export function categoriesIn(query: string): DishCategory[] {
  let text = query.normalize("NFKC").toLowerCase();
  const found = new Set<DishCategory>();
  for (const { word, category } of PHRASES) {
    const pattern = isAscii(word) ? new RegExp(`\\b${word.replace(/\s+/g, "\\s+")}\\b`, "g") : new RegExp(word, "g");
    if (!pattern.test(text)) continue;
    found.add(category);
    text = text.replace(pattern, (m) => " ".repeat(m.length)); // consumed: スープパスタ must not also be a スープ
  }
  return DISH_CATEGORIES.filter((c) => found.has(c));
}

const answerSchema = z
  .object({
    categories: z
      .array(z.enum(DISH_CATEGORIES).describe("A dish category the query explicitly asks for."))
      .describe("Dish categories named in the query by a category word or a clear synonym. Empty when none is named."),
  })
  .describe("Dish categories found in a recipe-search query.");

const synonymLines = Object.entries(CATEGORY_SYNONYMS)
  .map(([category, words]) => `- ${category}: ${words.join(", ")}`)
  .join("\n");

export const dishCategory: FilterType<z.infer<typeof answerSchema>> = {
  name: "dish_category",
  column,
  unit: "category",
  description: `Dish category: one of ${DISH_CATEGORIES.join(" ")}.`,
  operators: ["="],
  values: DISH_CATEGORIES,
  answerSchema,
  answerName: "dish_category_values",
  prompt: `You extract the dish category a recipe-search query (Japanese or English) asks for, as one of: ${DISH_CATEGORIES.join(", ")}.
A category word or one of these clear synonyms names a category:
${synonymLines}
A dish name that is not in this list (ハンバーグ, 唐揚げ), an ambiguous word (おかず, ご飯のお供), or a diet word (低カロリー, ヘルシー) names NO category.
${NEVER_INVENT()}

Examples:
- 「10分以内に500円未満で作れる副菜教えて」 → ["副菜"]
- 「メインになる鶏肉料理」 → ["主菜"]
- 「簡単な味噌汁」 → ["汁物"]
- 「ワンコインで作れる丼」 → ["主食"]
- 「ヘルシーなおかず」 → []`,
  toFilters: (answer) => answer.categories.map((value): Filter => ({ column, operator: "=", value })),
  toAnswer: (filters) => ({ categories: filters.map((f) => f.value as DishCategory) }),
  extractOffline: (query) => categoriesIn(query).map((value): Filter => ({ column, operator: "=", value })),
  groundingValues: (query) => categoriesIn(query),
};
