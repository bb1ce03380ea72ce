/**
 * The bundled sample catalog, reproducibly: the same seed always gives the same recipes.
 * Each dish template yields one or two recipes (a site carries several versions of a
 * dish), differing in servings, title style, time, cost and calories within the
 * template's plausible ranges.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { DISH_TEMPLATES, type DishCategory } from "./recipe-templates.js";

export const CATALOG_SEED = 20261125;

export interface Recipe {
  id: number;
  title: string;
  dish_category: DishCategory;
  /** Total time, minutes. */
  cooking_time_min: number;
  /** Total ingredient cost of the recipe (all servings), yen. */
  cooking_cost_yen: number;
  /** Per serving, kcal. */
  calories_kcal: number;
  servings: number;
}

const STYLES: Record<DishCategory, string[]> = {
  主菜: ["", "簡単", "定番", "ご飯がすすむ", "やみつき", "お弁当に"],
  副菜: ["", "簡単", "作り置き", "箸休めに", "節約", "5分で"],
  主食: ["", "簡単", "ランチに", "節約", "がっつり"],
  汁物: ["", "ほっとする", "具だくさん", "簡単"],
  デザート: ["", "おうちで", "簡単", "ひんやり", "しっとり"],
};

const SERVINGS = [1, 2, 2, 2, 3, 4, 4];

export function generateCatalog(seed = CATALOG_SEED): Recipe[] {
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
  const recipes: Recipe[] = [];
  const titles = new Set<string>();
  for (const template of DISH_TEMPLATES) {
    const versions = int(1, 3) === 1 ? 1 : 2; // about two thirds get a second version
    for (let v = 0; v < versions; v++) {
      const style = v === 0 ? "" : pick(STYLES[template.category].filter(Boolean));
      // "5分で" would lie about a dish that takes longer.
      if (style === "5分で" && template.minutes[0] > 5) continue;
      const title = style
        ? `${style}${template.category === "主食" || template.category === "デザート" ? " " : "！"}${template.title}`
        : template.title;
      if (titles.has(title)) continue;
      titles.add(title);
      const servings = pick(SERVINGS);
      const minutes = style === "5分で" ? 5 : int(...template.minutes);
      recipes.push({
        id: recipes.length + 1,
        title,
        dish_category: template.category,
        cooking_time_min: minutes > 10 ? Math.round(minutes / 5) * 5 : minutes,
        cooking_cost_yen: Math.max(10, Math.round((int(...template.yenPerServing) * servings) / 10) * 10),
        calories_kcal: Math.round(int(...template.kcal) / 5) * 5,
        servings,
      });
    }
  }
  return recipes;
}
