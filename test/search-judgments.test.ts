// The judged search queries: valid, half English, each with recipes to find in the generated catalog.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateCatalog } from "../catalog/generate.js";
import { caseLanguage } from "../eval/dataset.js";
import { isRelevant, loadSearchCases } from "../eval/search-judgments.js";

describe("eval/search-queries.jsonl", () => {
  const cases = loadSearchCases();
  const catalog = generateCatalog();

  it("has at least 40 judged queries, at least half of them English", () => {
    assert.ok(cases.length >= 40, `${cases.length}`);
    assert.ok(cases.filter((c) => caseLanguage(c.query) === "en").length * 2 >= cases.length);
  });

  it("every judged query has relevant recipes in the catalog, and fewer than all the filters let through", () => {
    for (const c of cases) {
      const relevant = catalog.filter((r) => isRelevant(r, c));
      assert.ok(relevant.length > 0, `${c.query}: nothing relevant`);
      assert.ok(c.relevant.ingredients || c.relevant.dishes, `${c.query}: asks for nothing besides filters`);
    }
  });

  it("names only ingredient and dish keys the generator has", () => {
    const ingredients = new Set(catalog.flatMap((r) => r.ingredient_keys.split(" ")));
    const dishes = new Set(catalog.map((r) => r.dish_key));
    for (const c of cases) {
      for (const k of c.relevant.ingredients ?? []) assert.ok(ingredients.has(k), `${c.query}: ${k}`);
      for (const k of c.relevant.dishes ?? []) assert.ok(dishes.has(k), `${c.query}: ${k}`);
    }
  });
});
