// Catalogs that pass the structural checks but would answer wrong, or never answer, are refused
// when they are opened: a number column declared TEXT (what a CSV import makes: 「500円以下」
// listed a 1,000-yen recipe), text stored in a number column, a collation SQLite does not know
// (found only when a search is planned, after the model calls), and anything that is not a
// regular file (/dev/zero read until killed).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import initSqlJs from "sql.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { createRecipesTable, recipeColumns } from "../src/search/catalog-schema.js";
import { CatalogError, openCatalog, searchRecipes, typeAffinity } from "../src/search/recipe-store.js";

const dir = mkdtempSync(join(tmpdir(), "recipe-filters-catalog-checks-"));
const SQL = await initSqlJs();
const numeric = FILTER_TYPES.find((t) => t.sqlType !== "TEXT")!;
const text = FILTER_TYPES.find((t) => t.sqlType === "TEXT")!;

/** A catalog file made by `statements` after the table, with two recipes: 300 and 1000 in the number column. */
function catalog(name: string, table: string, ...statements: string[]): string {
  const db = new SQL.Database();
  db.run(table);
  const columns = recipeColumns(BUILT_IN_REGISTRY);
  const row = (id: number, value: number | string) =>
    columns.map((c) =>
      c === "id" ? id : c === "title" ? `recipe ${id}` : c === numeric.column ? value : c === text.column ? "副菜" : 1,
    );
  const insert = `INSERT INTO recipes (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  db.run(insert, row(1, 300));
  db.run(insert, row(2, 1000));
  for (const sql of statements) db.run(sql);
  const file = join(dir, name);
  writeFileSync(file, db.export());
  db.close();
  return file;
}

const tableWith = (column: string, definition: string) =>
  createRecipesTable(BUILT_IN_REGISTRY).replace(new RegExp(`("?${column}"?) \\w+`), `$1 ${definition}`);

async function refusal(file: string): Promise<Error> {
  return openCatalog(file, { registry: BUILT_IN_REGISTRY }).then(
    (db) => {
      db.close();
      return assert.fail(`${file} was opened`);
    },
    (error: Error) => error,
  );
}

describe("column types: a catalog compares as the registry means", () => {
  it("a number column declared TEXT is refused, naming the column and the type it needs (it would list 1000 as ≤ 500)", async () => {
    const file = catalog("csv-import.sqlite", tableWith(numeric.column, "TEXT"));
    // What the check prevents: SQLite compares the TEXT column's "1000" with 500 as text.
    const raw = new SQL.Database(readFileSync(file));
    const wrong = raw.exec(`SELECT id FROM recipes WHERE "${numeric.column}" <= 500 ORDER BY id`)[0].values.flat();
    raw.close();
    assert.deepEqual(wrong, [1, 2], "as text, 1000 <= 500");
    const error = await refusal(file);
    assert.ok(error instanceof CatalogError);
    assert.match(
      error.message,
      new RegExp(`the column ${numeric.column} of "recipes" is declared "TEXT".*declare it ${numeric.sqlType}`),
    );
    assert.doesNotMatch(error.message, /\n/);
  });

  it("no declared type at all (a bare CSV import) is refused too", async () => {
    const error = await refusal(catalog("untyped.sqlite", tableWith(numeric.column, "")));
    assert.match(error.message, /declared "\(no type\)"/);
  });

  it("text stored in a number column is refused, naming the first recipe", async () => {
    const file = catalog(
      "text-values.sqlite",
      createRecipesTable(BUILT_IN_REGISTRY),
      `UPDATE recipes SET "${numeric.column}" = '1,000円' WHERE id = 2`,
    );
    const error = await refusal(file);
    assert.match(
      error.message,
      new RegExp(
        `${numeric.column} of "recipes" holds 1 value\\(s\\) that are not numbers \\(the first in recipe id 2\\)`,
      ),
    );
  });

  it("a text column declared as a number is refused", async () => {
    const error = await refusal(catalog("numeric-text.sqlite", tableWith(text.column, "INTEGER")));
    assert.match(error.message, new RegExp(`the column ${text.column} .* declare it TEXT`));
  });

  it("other spellings of the same affinity are accepted, and search right", async () => {
    const file = catalog("spellings.sqlite", tableWith(numeric.column, "DOUBLE PRECISION"));
    const db = await openCatalog(file, { registry: BUILT_IN_REGISTRY });
    try {
      const ids = searchRecipes(db, [{ column: numeric.column, operator: "<=", value: 500 }], {
        registry: BUILT_IN_REGISTRY,
      }).map((r) => r.id);
      assert.deepEqual(ids, [1]);
    } finally {
      db.close();
    }
    assert.equal(typeAffinity("INT"), "INTEGER");
    assert.equal(typeAffinity("VARCHAR(20)"), "TEXT");
    assert.equal(typeAffinity("FLOAT"), "REAL");
    assert.equal(typeAffinity("DECIMAL(10,2)"), "NUMERIC");
    assert.equal(typeAffinity(""), "BLOB");
  });

  it("the bundled catalog passes", async () => {
    (await openCatalog(undefined, { registry: BUILT_IN_REGISTRY })).close();
  });
});

describe("a collation SQLite does not know is refused when the catalog is opened", () => {
  /** SQLite will not create such a schema; another program's file (or an edited one) can hold it. */
  const withSchema = (name: string, edit: () => string, object = "recipes") =>
    catalog(
      name,
      createRecipesTable(BUILT_IN_REGISTRY),
      ...(object === "recipes" ? [] : [`CREATE INDEX ${object} ON recipes("${numeric.column}")`]),
      "PRAGMA writable_schema = ON",
      `UPDATE sqlite_master SET sql = ${edit()} WHERE name = '${object}'`,
      "PRAGMA writable_schema = OFF",
    );

  it("in a column's declaration", async () => {
    const file = withSchema(
      "collate-column.sqlite",
      () => `replace(sql, '"${text.column}" TEXT', '"${text.column}" TEXT COLLATE mystery')`,
    );
    const error = await refusal(file);
    assert.match(
      error.message,
      new RegExp(`the column ${text.column} of "recipes" cannot be searched \\(.*no such collation sequence: mystery`),
    );
  });

  it("in an index on a registry column", async () => {
    const file = withSchema(
      "collate-index.sqlite",
      () => `replace(sql, '"${numeric.column}")', '"${numeric.column}" COLLATE mystery)')`,
      "by_value",
    );
    const error = await refusal(file);
    assert.match(error.message, /no such collation sequence: mystery/);
  });
});

describe("only a regular file is read", () => {
  for (const [path, what] of [
    ["/dev/zero", /not a regular file/],
    [dir, /is a directory/],
  ] as const)
    it(`${path}: refused at once, unread`, async () => {
      const error = await refusal(path);
      assert.ok(error instanceof CatalogError);
      assert.match(error.message, what);
    });
});
