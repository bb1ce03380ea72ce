// --search on the semantics v2 queries: a per-serving cost and a list of categories, checked
// against an independent filter over the catalog generator (not the SQL translator).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateCatalog } from "../catalog/generate.js";
import { runCli } from "./support/cli.js";
import { withoutEvidence } from "./support/without-evidence.js";

const ids = (recipes: { id: number }[]) => recipes.map((r) => r.id).sort((a, b) => a - b);

describe("--search, semantics v2", () => {
  it("the catalog's per-serving cost is its total cost divided by its servings", () => {
    for (const r of generateCatalog())
      assert.equal(r.cost_per_serving_yen, Math.round(Number(r.cooking_cost_yen) / Number(r.servings)), r.title);
  });

  it("「1人分200円以下の主菜」 lists exactly the 主菜 of at most 200 yen per person", async () => {
    const r = await runCli(["--search", "--json", "--limit", "500", "1人分200円以下の主菜"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(withoutEvidence(doc.filters), [
      { column: "dish_category", operator: "=", value: "主菜" },
      { column: "cost_per_serving_yen", operator: "<=", value: 200 },
    ]);
    const wanted = generateCatalog().filter((x) => x.dish_category === "主菜" && Number(x.cost_per_serving_yen) <= 200);
    assert.ok(wanted.length > 0 && wanted.length < generateCatalog().filter((x) => x.dish_category === "主菜").length);
    assert.deepEqual(ids(doc.recipes), ids(wanted));
  });

  it("「主菜か副菜で10分以内」 lists exactly the 主菜 and 副菜 of at most 10 minutes", async () => {
    const r = await runCli(["--search", "--json", "--limit", "500", "主菜か副菜で10分以内"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(withoutEvidence(doc.filters), [
      { column: "cooking_time_min", operator: "<=", value: 10 },
      { column: "dish_category", operator: "in", value: ["主菜", "副菜"] },
    ]);
    const wanted = generateCatalog().filter(
      (x) => ["主菜", "副菜"].includes(String(x.dish_category)) && Number(x.cooking_time_min) <= 10,
    );
    assert.ok(new Set(wanted.map((x) => x.dish_category)).size === 2, "both categories are in the answer");
    assert.deepEqual(ids(doc.recipes), ids(wanted));
  });

  it("the readable listing and every --format write the list", async () => {
    const table = await runCli(["--format", "table", "主菜か副菜で10分以内"]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /dish_category\s+in\s+主菜, 副菜\s+category/);
    const sql = await runCli(["--format", "sql", "主菜か副菜で10分以内"]);
    assert.deepEqual(JSON.parse(sql.stdout), {
      where: '"cooking_time_min" <= ? AND "dish_category" IN (?, ?)',
      params: [10, "主菜", "副菜"],
    });
    const databricks = await runCli(["--format", "databricks", "主菜か副菜で10分以内"]);
    assert.deepEqual(JSON.parse(databricks.stdout).filters, {
      "cooking_time_min <=": 10,
      dish_category: ["主菜", "副菜"],
    });
  });
});
