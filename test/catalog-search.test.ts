// The bundled recipe catalog and `--search`: a query's filters applied, through the
// parameterized SQL translator, to a real SQLite database (sql.js).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import initSqlJs from "sql.js";
import { generateCatalog } from "../catalog/generate.js";
import { DISH_CATEGORIES } from "../src/filters/dish-category.js";
import { CREATE_RECIPES_TABLE, openCatalog, RECIPE_COLUMNS, searchRecipes } from "../src/search/recipe-store.js";
import { runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";

describe("the bundled catalog", () => {
  it("is reproducible from its seed, with at least 300 recipes in every category and plausible values", () => {
    const recipes = generateCatalog();
    assert.deepEqual(generateCatalog(), recipes);
    assert.ok(recipes.length >= 300, `${recipes.length} recipes`);
    assert.deepEqual([...new Set(recipes.map((r) => r.dish_category))].sort(), [...DISH_CATEGORIES].sort());
    assert.equal(new Set(recipes.map((r) => r.title)).size, recipes.length, "titles are unique");
    for (const r of recipes) {
      assert.ok(r.cooking_time_min >= 1 && r.cooking_time_min <= 180, `${r.title}: ${r.cooking_time_min} min`);
      assert.ok(r.cooking_cost_yen >= 10 && r.cooking_cost_yen <= 5000, `${r.title}: ${r.cooking_cost_yen} yen`);
      assert.ok(r.calories_kcal >= 5 && r.calories_kcal <= 1200, `${r.title}: ${r.calories_kcal} kcal`);
      assert.ok([1, 2, 3, 4].includes(r.servings));
    }
    assert.notDeepEqual(generateCatalog(1), recipes, "another seed gives another catalog");
  });

  it("catalog/recipes.sqlite holds exactly what the generator makes (npm run catalog:generate)", async () => {
    const db = await openCatalog();
    const rows = db.exec(`SELECT ${RECIPE_COLUMNS.join(", ")} FROM recipes ORDER BY id`)[0].values;
    assert.deepEqual(
      rows,
      generateCatalog().map((r) => RECIPE_COLUMNS.map((c) => r[c])),
    );
    db.close();
  });

  it("searchRecipes applies every filter, quickest first", async () => {
    const db = await openCatalog();
    const rows = searchRecipes(
      db,
      [
        { column: "dish_category", operator: "=", value: "汁物" },
        { column: "cooking_time_min", operator: ">=", value: 20 },
      ],
      { limit: 500 },
    );
    const wanted = generateCatalog().filter((r) => r.dish_category === "汁物" && r.cooking_time_min >= 20);
    assert.equal(rows.length, wanted.length);
    assert.ok(rows.every((r, i) => i === 0 || Number(rows[i - 1].cooking_time_min) <= Number(r.cooking_time_min)));
    db.close();
  });
});

describe("--search", () => {
  it("the seed query lists 副菜 recipes of at most 10 minutes and under 500 yen — all of them, as an independent filter finds", async () => {
    const r = await runCli(["--search", "--json", "--limit", "500", SEED]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const wanted = generateCatalog().filter(
      (x) => x.dish_category === "副菜" && x.cooking_time_min <= 10 && x.cooking_cost_yen < 500,
    );
    assert.ok(wanted.length > 0);
    assert.deepEqual(
      doc.recipes.map((x: any) => x.id).sort((a: number, b: number) => a - b),
      wanted.map((x) => x.id),
    );
    for (const recipe of doc.recipes) {
      assert.equal(recipe.dish_category, "副菜");
      assert.ok(recipe.cooking_time_min <= 10 && recipe.cooking_cost_yen < 500);
    }
    assert.equal(doc.filters.length, 3);
  });

  it("the readable listing shows titles and the filtered columns, up to --limit", async () => {
    const r = await runCli(["--search", "--limit", "3", SEED]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /recipes: +3 \(first 3; --limit for more\)/);
    const listed = r.stdout.split("\n").filter((line) => /\(cooking_time_min=/.test(line));
    assert.equal(listed.length, 3);
    for (const line of listed)
      assert.match(line, /cooking_time_min=\d+ minutes, cooking_cost_yen=\d+ yen, dish_category=副菜\)$/);
  });

  it("a user's own catalog, by --catalog or RECIPE_FILTERS_CATALOG", async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(CREATE_RECIPES_TABLE);
    db.run(
      "INSERT INTO recipes VALUES (1, 'うちの即席漬け', '副菜', 3, 100, 20, 2), (2, 'うちのカレー', '主食', 60, 900, 700, 4)",
    );
    const file = join(mkdtempSync(join(tmpdir(), "recipe-filters-catalog-")), "mine.sqlite");
    writeFileSync(file, db.export());
    for (const [args, env] of [
      [["--catalog", file], {}],
      [[], { RECIPE_FILTERS_CATALOG: file }],
    ] as const) {
      const r = await runCli(["--search", "--json", ...args, SEED], env);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        JSON.parse(r.stdout).recipes.map((x: any) => x.title),
        ["うちの即席漬け"],
      );
    }
  });

  it("an unusable catalog is exit 2 with one line: missing file, not SQLite, no recipes table or column", async () => {
    const SQL = await initSqlJs();
    const dir = mkdtempSync(join(tmpdir(), "recipe-filters-catalog-"));
    const noTable = join(dir, "empty.sqlite");
    writeFileSync(noTable, new SQL.Database().export());
    const lacking = new SQL.Database();
    lacking.run("CREATE TABLE recipes (id INTEGER, title TEXT)");
    const noColumns = join(dir, "lacking.sqlite");
    writeFileSync(noColumns, lacking.export());
    const notSqlite = join(dir, "text.sqlite");
    writeFileSync(notSqlite, "just text, not a database at all".repeat(10));
    for (const [file, message] of [
      [join(dir, "nope.sqlite"), /cannot read the catalog/],
      [notSqlite, /not an SQLite database/],
      [noTable, /no table "recipes"/],
      [noColumns, /lacks the column\(s\) dish_category/],
    ] as const) {
      const r = await runCli(["--search", "--catalog", file, SEED]);
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1);
    }
  });

  it("--search with --format or --batch is a usage error", async () => {
    assert.equal((await runCli(["--search", "--format", "sql", SEED])).code, 2);
    assert.equal((await runCli(["--search", "--batch", "-"])).code, 2);
  });
});
