// The bundled recipe catalog and `--search`: a query's filters applied, through the
// parameterized SQL translator, to a real SQLite database (sql.js).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import initSqlJs from "sql.js";
import { generateCatalog } from "../catalog/generate.js";
import { DISH_CATEGORIES } from "../src/filters/dish-category.js";
import { BUILT_IN_REGISTRY, createRegistry, FILTER_TYPES } from "../src/filters/index.js";
import { createRecipesTable, recipeColumns, SEARCH_TEXT_COLUMNS } from "../src/search/catalog-schema.js";
import { BUNDLED_CATALOG, openCatalog, searchRecipes } from "../src/search/recipe-store.js";
import { runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";

describe("the bundled catalog", () => {
  it("is reproducible from its seed, with at least 1,000 recipes in every category and plausible values", () => {
    const recipes = generateCatalog();
    assert.deepEqual(generateCatalog(), recipes);
    assert.ok(recipes.length >= 1000, `${recipes.length} recipes`);
    assert.deepEqual([...new Set(recipes.map((r) => r.dish_category))].sort(), [...DISH_CATEGORIES].sort());
    assert.equal(new Set(recipes.map((r) => r.title)).size, recipes.length, "titles are unique");
    for (const r of recipes) {
      assert.ok(
        Number(r.cooking_time_min) >= 1 && Number(r.cooking_time_min) <= 180,
        `${r.title}: ${Number(r.cooking_time_min)} min`,
      );
      assert.ok(
        Number(r.cooking_cost_yen) >= 10 && Number(r.cooking_cost_yen) <= 5000,
        `${r.title}: ${Number(r.cooking_cost_yen)} yen`,
      );
      assert.ok(
        Number(r.calories_kcal) >= 5 && Number(r.calories_kcal) <= 1200,
        `${r.title}: ${Number(r.calories_kcal)} kcal`,
      );
      assert.ok([1, 2, 3, 4].includes(Number(r.servings)));
    }
    assert.notDeepEqual(generateCatalog(1), recipes, "another seed gives another catalog");
  });

  it("catalog/recipes.sqlite holds exactly what the generator makes, searchable text included (npm run catalog:generate)", async () => {
    const db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
    const columns = [...recipeColumns(BUILT_IN_REGISTRY), ...SEARCH_TEXT_COLUMNS];
    const rows = db.exec(`SELECT ${columns.join(", ")} FROM recipes ORDER BY id`)[0].values;
    assert.deepEqual(
      rows,
      generateCatalog().map((r) => columns.map((c) => r[c])),
    );
    db.close();
  });

  it("searchRecipes applies every filter, quickest first", async () => {
    const db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
    const rows = searchRecipes(
      db,
      [
        { column: "dish_category", operator: "=", value: "汁物" },
        { column: "cooking_time_min", operator: ">=", value: 20 },
      ],
      { registry: BUILT_IN_REGISTRY, limit: 500 },
    );
    const wanted = generateCatalog().filter((r) => r.dish_category === "汁物" && Number(r.cooking_time_min) >= 20);
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
      (x) => x.dish_category === "副菜" && Number(x.cooking_time_min) <= 10 && Number(x.cooking_cost_yen) < 500,
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
    db.run(createRecipesTable(BUILT_IN_REGISTRY));
    db.run(
      `INSERT INTO recipes (id, title, dish_category, cooking_time_min, cooking_cost_yen, calories_kcal, servings)
       VALUES (1, 'うちの即席漬け', '副菜', 3, 100, 20, 2), (2, 'うちのカレー', '主食', 60, 900, 700, 4)`,
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

  it("an unusable catalog is refused with one line naming the problem, before any search", async () => {
    for (const [file, message] of await unusableCatalogs()) {
      const error = await openCatalog(file, { registry: BUILT_IN_REGISTRY }).then(
        () => assert.fail(`${file} was opened`),
        (e: Error) => e,
      );
      assert.equal(error.name, "CatalogError", file);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n/);
    }
  });

  it("through the CLI an unusable catalog is exit 2 with one line (a view, a damaged file)", async () => {
    const catalogs = new Map(await unusableCatalogs());
    for (const [file, message] of [...catalogs].filter(([, m]) => /view|damaged/.test(m.source))) {
      const r = await runCli(["--search", "--catalog", file, SEED]);
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1);
    }
  });

  it("a filter on a column the table lacks is an error, never a silent empty result", async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const last = FILTER_TYPES[FILTER_TYPES.length - 1];
    db.run(createRecipesTable(createRegistry(FILTER_TYPES.slice(0, -1))));
    // SQLite would read "column" = ? on a missing column as a string comparison: false, no rows.
    assert.throws(
      () =>
        searchRecipes(db, [{ column: last.column, operator: last.operators[0], value: 1 }], {
          registry: BUILT_IN_REGISTRY,
        }),
      (e: Error) => e.name === "CatalogError" && e.message.includes(last.column),
    );
    db.close();
  });

  it("--search with --format or --batch is a usage error", async () => {
    assert.equal((await runCli(["--search", "--format", "sql", SEED])).code, 2);
    assert.equal((await runCli(["--search", "--batch", "-"])).code, 2);
  });
});

/** Catalogs no search can use, each with the message it is refused with. */
async function unusableCatalogs(): Promise<[string, RegExp][]> {
  const SQL = await initSqlJs();
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-catalog-"));
  const write = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const withSql = (...statements: string[]) => {
    const db = new SQL.Database();
    for (const sql of statements) db.run(sql);
    return db.export();
  };
  const last = FILTER_TYPES[FILTER_TYPES.length - 1];
  const bundled = readFileSync(BUNDLED_CATALOG);
  const damaged = Buffer.from(bundled).fill(0, 4096 + 8, 4096 + 4000); // the second page's cells overwritten
  return [
    [join(dir, "nope.sqlite"), /cannot read the catalog/],
    [write("text.sqlite", "just text, not a database at all".repeat(10)), /not an SQLite database/],
    [write("empty.sqlite", withSql()), /no table "recipes"/],
    [
      write("lacking.sqlite", withSql(createRecipesTable(createRegistry(FILTER_TYPES.slice(0, -1))))),
      new RegExp(`lacks the column\\(s\\) ${last.column}$`),
    ],
    [
      // A view can compute forever (this one would count without end): refused, never queried.
      write(
        "view.sqlite",
        withSql(
          `CREATE VIEW recipes AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS ${recipeColumns(BUILT_IN_REGISTRY).join(", i AS ")} FROM n`,
        ),
      ),
      /"recipes" is a view, not a plain table/,
    ],
    [write("damaged.sqlite", damaged), /is a damaged SQLite database/],
    [
      write(
        "computed.sqlite",
        withSql(
          createRecipesTable(createRegistry(FILTER_TYPES.slice(0, -1))).replace(
            /\n\)$/,
            `,\n  ${last.column} ${last.sqlType} GENERATED ALWAYS AS (title) VIRTUAL\n)`,
          ),
        ),
      ),
      new RegExp(`the column\\(s\\) ${last.column} of "recipes" are computed on read`),
    ],
  ];
}
