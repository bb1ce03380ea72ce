// The sql format against a real SQLite engine in process (sql.js: SQLite compiled to
// WebAssembly — Node 20 has no node:sqlite, and it needs no native build).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import initSqlJs, { type Database } from "sql.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, type Filter } from "../src/filters/index.js";
import { type SqlWhere, toSqlWhere, UnwritableFilterError } from "../src/formats/index.js";

const WITH_CATEGORY = BUILT_IN_REGISTRY;
const extract = async (query: string) =>
  (await createExtractor().extract(query, { context: { extractor: "rules" } })).filters;

describe("sql: a parameterized WHERE clause, run on SQLite", () => {
  let db: Database;
  before(async () => {
    db = new (await initSqlJs()).Database();
    db.run(`CREATE TABLE recipes (name TEXT, cooking_time_min INTEGER, cooking_cost_yen INTEGER, dish_category TEXT)`);
    for (const row of [
      ["きゅうりの浅漬け", 5, 150, "副菜"],
      ["ほうれん草のおひたし", 10, 300, "副菜"],
      ["ポテトサラダ", 25, 400, "副菜"],
      ["ローストビーフ", 90, 2500, "主菜"],
      ["鶏の照り焼き", 20, 600, "主菜"],
      ["豚汁", 25, 450, "汁物"],
    ])
      db.run("INSERT INTO recipes VALUES (?, ?, ?, ?)", row);
  });
  after(() => db.close());

  const names = ({ where, params }: SqlWhere) => {
    const rows = db.exec(`SELECT name FROM recipes WHERE ${where} ORDER BY cooking_time_min, name`, params);
    return rows.length === 0 ? [] : rows[0].values.map(([name]) => name);
  };

  it("the seed query selects the recipes of at most 10 minutes and under 500 yen", async () => {
    const sql = toSqlWhere(await extract("10分以内に500円未満で作れる副菜教えて"), { registry: BUILT_IN_REGISTRY });
    assert.deepEqual(sql, {
      where: `"cooking_time_min" <= ? AND "cooking_cost_yen" < ? AND "dish_category" = ?`,
      params: [10, 500, "副菜"],
    });
    assert.deepEqual(names(sql), ["きゅうりの浅漬け", "ほうれん草のおひたし"]);
  });

  it("a range on one column is two conditions", async () => {
    assert.deepEqual(names(toSqlWhere(await extract("20〜30分で作れる"), { registry: BUILT_IN_REGISTRY })), [
      "鶏の照り焼き",
      "ポテトサラダ",
      "豚汁",
    ]);
  });

  it("a string column with `=` works the same way (the format knows no filter type by name)", () => {
    const filters: Filter[] = [
      { column: "dish_category", operator: "=", value: "副菜" },
      { column: "cooking_cost_yen", operator: ">=", value: 300 },
    ];
    assert.deepEqual(names(toSqlWhere(filters, { registry: WITH_CATEGORY })), ["ほうれん草のおひたし", "ポテトサラダ"]);
  });

  it("values are never part of the SQL text: a hostile value is just a string that matches nothing", () => {
    const hostile = "副菜' OR '1'='1'; DROP TABLE recipes; --";
    const sql = toSqlWhere([{ column: "dish_category", operator: "=", value: hostile }], { registry: WITH_CATEGORY });
    assert.ok(!sql.where.includes("副菜") && !sql.where.includes("DROP"), sql.where);
    assert.deepEqual(names(sql), []);
    assert.equal(db.exec("SELECT count(*) FROM recipes")[0].values[0][0], 6, "the table is intact");
  });

  it("a column outside the registry never reaches SQL", () => {
    assert.throws(
      () => toSqlWhere([{ column: "name) OR (1=1", operator: "=", value: 1 }], { registry: BUILT_IN_REGISTRY }),
      UnwritableFilterError,
    );
    assert.throws(
      () => toSqlWhere([{ column: "name", operator: "=", value: "豚汁" }], { registry: WITH_CATEGORY }),
      UnwritableFilterError,
      "a real column of the table, but not a filter column",
    );
  });

  it("numbered placeholders ($1, $2, … for PostgreSQL) bind in order too", async () => {
    const sql = toSqlWhere(await extract("10分以内に500円未満"), {
      registry: BUILT_IN_REGISTRY,
      placeholders: "numbered",
    });
    assert.equal(sql.where, `"cooking_time_min" <= $1 AND "cooking_cost_yen" < $2`);
    assert.deepEqual(names(sql), ["きゅうりの浅漬け", "ほうれん草のおひたし"]);
  });

  it("no filters is `1 = 1`: every row", () => {
    const sql = toSqlWhere([], { registry: BUILT_IN_REGISTRY });
    assert.deepEqual(sql, { where: "1 = 1", params: [] });
    assert.equal(names(sql).length, 6);
  });
});
