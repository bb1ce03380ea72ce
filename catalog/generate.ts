/**
 * The bundled sample catalog, reproducibly: the same seed always gives the same recipes.
 * Each dish template yields one or two recipes (a site carries several versions of a
 * dish), differing in servings, title style, time, cost and calories within the
 * template's plausible ranges.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { BUILT_IN_REGISTRY, type BuiltInColumn } from "../src/filters/index.js";
import type { Registry } from "../src/filters/registry.js";
import { DISH_TEMPLATES, type DishCategory, type DishTemplate } from "./recipe-templates.js";

export const CATALOG_SEED = 20261125;

/**
 * One generated recipe: id, title, a value for every registry column, the searchable text
 * (`ingredients`, `method`, `keywords`: what the catalog file stores for `--search` to rank by)
 * and, for the judged search queries only, the keys of its main ingredients and its dish
 * (`ingredient_keys` space-separated, `dish_key`), which the catalog file does not store.
 */
export type Recipe = {
  id: number;
  title: string;
  ingredients: string;
  method: string;
  keywords: string;
  ingredient_keys: string;
  dish_key: string;
} & Record<string, number | string>;

/** What one version of a dish drew; every column's value is read from it. */
interface Draw {
  template: DishTemplate;
  servings: number;
  minutes: number;
  yenPerServing: number;
  kcal: number;
}

/**
 * How the sample catalog fills each registry column. The schema comes from the registry
 * (src/search/catalog-schema.ts); a new built-in filter type adds its line here (the compiler
 * asks for it), and a registry with another column is refused when the catalog is generated.
 */
const COLUMN_VALUES: Record<BuiltInColumn, (draw: Draw) => number | string> = {
  dish_category: (d) => d.template.category,
  /** Total time, minutes. */
  cooking_time_min: (d) => (d.minutes > 10 ? Math.round(d.minutes / 5) * 5 : d.minutes),
  /** Total ingredient cost of the recipe (all servings), yen. */
  cooking_cost_yen: (d) => Math.max(10, Math.round((d.yenPerServing * d.servings) / 10) * 10),
  /** Per serving, kcal. */
  calories_kcal: (d) => Math.round(d.kcal / 5) * 5,
  servings: (d) => d.servings,
  /** Per person, yen: the total divided by the servings, so the two never disagree. */
  cost_per_serving_yen: (d) => Math.round((COLUMN_VALUES.cooking_cost_yen(d) as number) / d.servings),
};

const STYLES: Record<DishCategory, string[]> = {
  主菜: ["", "簡単", "定番", "ご飯がすすむ", "やみつき", "お弁当に", "節約", "絶品", "ヘルシー"],
  副菜: ["", "簡単", "作り置き", "箸休めに", "節約", "5分で", "お弁当に", "ヘルシー", "定番"],
  主食: ["", "簡単", "ランチに", "節約", "がっつり", "定番", "絶品", "休日の"],
  汁物: ["", "ほっとする", "具だくさん", "簡単", "定番", "節約", "朝ごはんに"],
  デザート: ["", "おうちで", "簡単", "ひんやり", "しっとり", "ふわふわ", "定番", "ヘルシー"],
};

/** What a style word adds to a recipe's searchable keywords: itself and an English gloss. */
const STYLE_WORDS: Record<string, string[]> = {
  簡単: ["easy"],
  定番: ["classic"],
  ご飯がすすむ: ["ご飯のおかず"],
  やみつき: [],
  お弁当に: ["お弁当", "弁当", "bento", "lunch box"],
  節約: ["budget"],
  絶品: [],
  ヘルシー: ["healthy"],
  作り置き: ["make-ahead", "meal prep"],
  箸休めに: ["箸休め"],
  "5分で": ["時短", "quick"],
  ランチに: ["ランチ", "lunch"],
  がっつり: ["hearty"],
  休日の: ["weekend"],
  ほっとする: ["comforting"],
  具だくさん: ["hearty"],
  朝ごはんに: ["朝ごはん", "breakfast"],
  おうちで: ["homemade"],
  ひんやり: ["chilled"],
  しっとり: ["moist"],
  ふわふわ: ["fluffy"],
};

const SERVINGS = [1, 2, 2, 2, 3, 4, 4];

/** The sample catalog for a registry's columns; the same seed always gives the same recipes. */
export function generateCatalog(seed = CATALOG_SEED, registry: Registry = BUILT_IN_REGISTRY): Recipe[] {
  const unknown = registry.columns.filter((c) => !Object.hasOwn(COLUMN_VALUES, c));
  if (unknown.length) throw new Error(`catalog/generate.ts has no values for the column(s) ${unknown.join(", ")}`);
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
  const recipes: Recipe[] = [];
  const titles = new Set<string>();
  for (const template of DISH_TEMPLATES) {
    const versions = int(4, 7); // a site carries several versions of a dish
    for (let v = 0; v < versions; v++) {
      const style = v === 0 ? "" : pick(STYLES[template.category].filter(Boolean));
      // "5分で" would lie about a dish that takes longer.
      if (style === "5分で" && template.minutes[0] > 5) continue;
      const title = style
        ? `${style}${template.category === "主食" || template.category === "デザート" ? " " : "！"}${template.title}`
        : template.title;
      if (titles.has(title)) continue;
      titles.add(title);
      // Drawn in this order whatever the registry, so the same seed keeps giving the same values.
      const servings = pick(SERVINGS);
      const minutes = style === "5分で" ? 5 : int(...template.minutes);
      const yenPerServing = int(...template.yenPerServing);
      const kcal = int(...template.kcal);
      const draw: Draw = { template, servings, minutes, yenPerServing, kcal };
      const values = Object.fromEntries(
        registry.columns.map((column) => [column, COLUMN_VALUES[column as BuiltInColumn](draw)]),
      );
      recipes.push({
        id: recipes.length + 1,
        title,
        ...values,
        ingredients: template.ingredientWords.join(" "),
        method: template.methodWords.join(" "),
        keywords: [...new Set([...template.keywords, ...(style ? [style, ...STYLE_WORDS[style]] : [])])].join(" "),
        ingredient_keys: template.ingredientKeys.join(" "),
        dish_key: template.dishKey,
      });
    }
  }
  return recipes;
}
