// The search behind --search and the library: the filters' recipes ranked by the residual
// (MiniSearch BM25 over the catalog's text, Intl.Segmenter terms), checked against the generator's own data.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "sql.js";
import { generateCatalog } from "../catalog/generate.js";
import { satisfies } from "../eval/search-judgments.js";
import type { Filter } from "../src/filters/filter.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { rankedSearch } from "../src/search/ranked-search.js";
import { openCatalog, searchRecipes } from "../src/search/recipe-store.js";
import { searchTerms } from "../src/search/search-terms.js";
import { runCli } from "./support/cli.js";

const TEN_MINUTE_SIDES: Filter[] = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "dish_category", operator: "=", value: "副菜" },
];
const catalog = generateCatalog();
const byId = new Map(catalog.map((r) => [r.id, r]));

describe("rankedSearch", () => {
  let db: Database;
  before(async () => {
    db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
  });
  after(() => db.close());

  it("鶏むね肉 within 10-minute sides: every chicken-breast side dish first, then the rest in filter order", () => {
    const { recipes, matched } = rankedSearch(
      db,
      { filters: TEN_MINUTE_SIDES, residual: "鶏むね肉を使った" },
      { limit: -1, registry: BUILT_IN_REGISTRY },
    );
    const wanted = catalog.filter(
      (r) => r.ingredient_keys.split(" ").includes("chicken_breast") && TEN_MINUTE_SIDES.every((f) => satisfies(r, f)),
    );
    assert.ok(wanted.length >= 5);
    assert.equal(matched, wanted.length);
    assert.deepEqual(
      recipes
        .slice(0, wanted.length)
        .map((r) => r.id)
        .sort((a, b) => Number(a) - Number(b)),
      wanted.map((r) => r.id),
    );
    const rest = recipes.slice(wanted.length);
    const filterOrder = searchRecipes(db, TEN_MINUTE_SIDES, { limit: -1, registry: BUILT_IN_REGISTRY }).filter(
      (r) => !wanted.some((w) => w.id === r.id),
    );
    assert.deepEqual(
      rest.map((r) => r.id),
      filterOrder.map((r) => r.id),
    );
    assert.ok(rest.every((r) => r.score === 0));
  });

  it("finds the same recipes by any usual spelling or the English gloss", () => {
    const ids = (residual: string) =>
      rankedSearch(db, { filters: TEN_MINUTE_SIDES, residual }, { limit: -1, registry: BUILT_IN_REGISTRY })
        .recipes.filter((r) => r.score > 0)
        .map((r) => r.id)
        .sort();
    const breast = ids("鶏むね肉");
    for (const spelling of ["鶏胸肉", "むね肉", "chicken breast"]) assert.deepEqual(ids(spelling), breast, spelling);
  });

  it("an empty residual, or one of request words only, keeps today's order (the filters' order)", () => {
    const today = searchRecipes(db, TEN_MINUTE_SIDES, { limit: 30, registry: BUILT_IN_REGISTRY }).map((r) => r.id);
    for (const residual of ["", "作れる 教えて", "recipes please"]) {
      const search = rankedSearch(
        db,
        { filters: TEN_MINUTE_SIDES, residual },
        { limit: 30, registry: BUILT_IN_REGISTRY },
      );
      assert.deepEqual(
        search.recipes.map((r) => r.id),
        today,
        residual,
      );
      assert.equal(search.relaxations, undefined);
    }
  });

  it("ties keep the filters' order", () => {
    const { recipes } = rankedSearch(db, { filters: [], residual: "抹茶" }, { limit: -1, registry: BUILT_IN_REGISTRY });
    const order = new Map(searchRecipes(db, [], { limit: -1, registry: BUILT_IN_REGISTRY }).map((r, i) => [r.id, i]));
    for (let i = 1; i < recipes.length; i++)
      if (recipes[i].score === recipes[i - 1].score)
        assert.ok(Number(order.get(recipes[i - 1].id)) < Number(order.get(recipes[i].id)), String(recipes[i].title));
  });

  it("nothing within the filters matches: per filter, how many dropping it would give (as the generator's data says)", () => {
    const filters: Filter[] = [
      { column: "cooking_time_min", operator: "<=", value: 5 },
      { column: "dish_category", operator: "=", value: "主菜" },
    ];
    const search = rankedSearch(db, { filters, residual: "鶏むね肉" }, { registry: BUILT_IN_REGISTRY });
    assert.equal(search.matched, 0);
    const breast = catalog.filter((r) => r.ingredient_keys.split(" ").includes("chicken_breast"));
    assert.deepEqual(
      search.relaxations?.map((x) => x.count),
      filters.map((_, i) => breast.filter((r) => filters.every((f, j) => j === i || satisfies(r, f))).length),
    );
    assert.ok(Number(search.relaxations?.[0].count) > 0, "dropping the time bound finds chicken-breast mains");
  });

  it("English: plural, case and glosses", () => {
    const { recipes } = rankedSearch(
      db,
      { filters: [], residual: "Chocolate Cookies" },
      { limit: 5, registry: BUILT_IN_REGISTRY },
    );
    for (const r of recipes) assert.equal(byId.get(Number(r.id))?.dish_key, "cookie", String(r.title));
    assert.deepEqual(searchTerms("Cookies and CHICKEN breasts"), ["cookie", "chicken", "breast"]);
  });
});

describe("--search ranks by the residual", () => {
  it("the seed 「鶏むね肉を使った10分以内の副菜」 lists chicken-breast side dishes first", async () => {
    const r = await runCli(["--search", "--json", "--limit", "5", "鶏むね肉を使った10分以内の副菜"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.ok(doc.matched >= 5);
    for (const recipe of doc.recipes) {
      assert.ok(byId.get(recipe.id)?.ingredient_keys.includes("chicken_breast"), recipe.title);
      assert.ok(recipe.cooking_time_min <= 10 && recipe.dish_category === "副菜");
    }
  });

  it("says in one line when nothing within the filters matches, and what dropping each filter gives", async () => {
    const r = await runCli(["--search", "--limit", "3", "鶏むね肉の5分以内の主菜"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nno recipe within the filters matches 「[^」]*」; dropping one filter would give:\n/);
    assert.match(r.stdout, /\n {2}without dish_category = 主菜: \d+\n/);
    assert.match(r.stdout, /\n {2}without cooking_time_min <= 5: [1-9]\d*\n/);
  });
});
