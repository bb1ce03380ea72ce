// Output formats for stores: LangChain's StructuredQuery (consumed by LangChain's own
// translators), the Databricks Vector Search filter dictionary, and the readable table.
// The SQL format runs against a real SQLite in sql-format.test.ts.

import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Document } from "@langchain/core/documents";
import {
  BasicTranslator,
  Comparison,
  FunctionalTranslator,
  Operation,
  StructuredQuery,
} from "@langchain/core/structured_query";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, type Filter } from "../src/filters/index.js";
import {
  formatResult,
  renderTable,
  toDatabricksFilters,
  toStructuredQuery,
  UnwritableFilterError,
} from "../src/formats/index.js";
import { residualOf } from "../src/query/residual.js";
import { runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる料理教えて";
const extract = (query: string) => createExtractor().extract(query, { context: { extractor: "rules" } });
/** A registry with a string column, as the "more filter types" work will add: the formats are generic. */
const WITH_CATEGORY = BUILT_IN_REGISTRY;
const category = (value: string): Filter => ({ column: "dish_category", operator: "=", value });

const RECIPES = [
  new Document({
    pageContent: "きゅうりの浅漬け",
    metadata: { cooking_time_min: 5, cooking_cost_yen: 150, dish_category: "副菜" },
  }),
  new Document({
    pageContent: "ほうれん草のおひたし",
    metadata: { cooking_time_min: 10, cooking_cost_yen: 300, dish_category: "副菜" },
  }),
  new Document({
    pageContent: "ローストビーフ",
    metadata: { cooking_time_min: 90, cooking_cost_yen: 2500, dish_category: "主菜" },
  }),
  new Document({
    pageContent: "鶏の照り焼き",
    metadata: { cooking_time_min: 20, cooking_cost_yen: 600, dish_category: "主菜" },
  }),
  new Document({
    pageContent: "豚汁",
    metadata: { cooking_time_min: 25, cooking_cost_yen: 450, dish_category: "汁物" },
  }),
];

describe("structured-query: @langchain/core's StructuredQuery", () => {
  it("is the library's own classes: an AND Operation of one Comparison per filter", async () => {
    const result = await extract(SEED);
    const sq = toStructuredQuery(result, { registry: BUILT_IN_REGISTRY });
    assert.ok(sq instanceof StructuredQuery);
    // The search text is the residual: the query without the words the filters came from.
    assert.equal(sq.query, residualOf(SEED, result.filters, { registry: BUILT_IN_REGISTRY }));
    assert.ok(sq.filter instanceof Operation);
    assert.equal(sq.filter.operator, "and");
    assert.deepEqual(
      sq.filter.args?.map((c) => {
        assert.ok(c instanceof Comparison);
        return [c.attribute, c.comparator, c.value];
      }),
      [
        ["cooking_time_min", "lte", 10],
        ["cooking_cost_yen", "lt", 500],
      ],
    );
  });

  it("LangChain's FunctionalTranslator turns it into a working document filter", async () => {
    const { filter } = new FunctionalTranslator().visitStructuredQuery(
      toStructuredQuery(await extract(SEED), { registry: BUILT_IN_REGISTRY }),
    );
    assert.ok(filter);
    assert.deepEqual(
      RECIPES.filter(filter).map((d) => d.pageContent),
      ["きゅうりの浅漬け", "ほうれん草のおひたし"],
    );
  });

  it("LangChain's BasicTranslator (the Chroma / Pinecone dialect) gives a $and of $lte / $lt", async () => {
    const translated = new BasicTranslator().visitStructuredQuery(
      toStructuredQuery(await extract(SEED), { registry: BUILT_IN_REGISTRY }),
    );
    assert.deepEqual(translated, {
      filter: { $and: [{ cooking_time_min: { $lte: 10 } }, { cooking_cost_yen: { $lt: 500 } }] },
    });
  });

  it("works for a string column with `=` too, and a range on one column", () => {
    const filters: Filter[] = [
      { column: "cooking_time_min", operator: ">=", value: 20 },
      { column: "cooking_time_min", operator: "<=", value: 30 },
      category("汁物"),
    ];
    const { filter } = new FunctionalTranslator().visitStructuredQuery(
      toStructuredQuery({ query: "20〜30分の汁物", filters }, { registry: WITH_CATEGORY }),
    );
    assert.deepEqual(
      RECIPES.filter(filter!).map((d) => d.pageContent),
      ["豚汁"],
    );
  });

  it("one filter is a bare Comparison; no filter is no filter (translators then filter nothing)", () => {
    const one = toStructuredQuery(
      { query: "q", filters: [{ column: "cooking_cost_yen", operator: "<", value: 500 }] },
      { registry: BUILT_IN_REGISTRY },
    );
    assert.ok(one.filter instanceof Comparison);
    const none = toStructuredQuery({ query: "時短で簡単な副菜", filters: [] }, { registry: BUILT_IN_REGISTRY });
    assert.equal(none.filter, undefined);
    assert.deepEqual(new BasicTranslator().visitStructuredQuery(none), {});
  });
});

describe("databricks: Databricks Vector Search filter dictionary", () => {
  it('the seed query gives {"cooking_time_min <=": 10, "cooking_cost_yen <": 500}', async () => {
    assert.deepEqual(toDatabricksFilters((await extract(SEED)).filters, { registry: BUILT_IN_REGISTRY }), {
      "cooking_time_min <=": 10,
      "cooking_cost_yen <": 500,
    });
  });

  it("a range on one column is two keys; equality is the bare column name", async () => {
    assert.deepEqual(
      toDatabricksFilters((await extract("20〜30分で作れる")).filters, { registry: BUILT_IN_REGISTRY }),
      {
        "cooking_time_min >=": 20,
        "cooking_time_min <=": 30,
      },
    );
    assert.deepEqual(toDatabricksFilters([category("副菜")], { registry: WITH_CATEGORY }), { dish_category: "副菜" });
  });

  it("refuses what one dictionary cannot say: the same key twice (a list would mean OR)", () => {
    assert.throws(
      () => toDatabricksFilters([category("副菜"), category("主菜")], { registry: WITH_CATEGORY }),
      UnwritableFilterError,
    );
  });
});

describe("every store format refuses a column outside the registry", () => {
  const rogue: Filter[] = [{ column: 'cooking_time_min" OR 1=1 --', operator: "<", value: 5 }];
  for (const format of ["structured-query", "databricks", "sql"] as const)
    it(format, () =>
      assert.throws(
        () =>
          formatResult(
            {
              query: "q",
              extractor: "rules",
              model: null,
              filters: rogue,
              errors: [],
              warnings: [],
              contradictions: [],
              residual: "q",
              complete: true,
            },
            format,
            { registry: BUILT_IN_REGISTRY },
          ),
        UnwritableFilterError,
      ),
    );
});

describe("table: the filters for reading", () => {
  it("one aligned row per filter, with the unit", async () => {
    assert.equal(
      renderTable((await extract(SEED)).filters, { registry: BUILT_IN_REGISTRY }),
      [
        "column            operator  value  unit",
        "cooking_time_min  <=        10     minutes",
        "cooking_cost_yen  <         500    yen",
      ].join("\n"),
    );
  });

  it("full-width values keep the columns aligned", () => {
    const registry = BUILT_IN_REGISTRY;
    const lines = renderTable([category("副菜"), { column: "cooking_cost_yen", operator: "<", value: 500 }], {
      registry,
    }).split("\n");
    assert.equal(lines[1], "dish_category     =         副菜   category");
    assert.equal(lines[2], "cooking_cost_yen  <         500    yen");
  });

  it("says so when there is no filter", () =>
    assert.equal(renderTable([], { registry: BUILT_IN_REGISTRY }), "(no filters)"));
});

describe("--format through the CLI", () => {
  it("--format sql prints the clause and its parameters as one JSON document", async () => {
    const r = await runCli(["--format", "sql", SEED]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      where: `"cooking_time_min" <= ? AND "cooking_cost_yen" < ?`,
      params: [10, 500],
    });
  });

  it("--format databricks / structured-query / table print the same filters in their shape", async () => {
    assert.deepEqual(JSON.parse((await runCli(["--format", "databricks", SEED])).stdout), {
      query_text: JSON.parse((await runCli(["--json", SEED])).stdout).residual,
      filters: { "cooking_time_min <=": 10, "cooking_cost_yen <": 500 },
    });
    const sq = JSON.parse((await runCli(["--format", "structured-query", SEED])).stdout);
    assert.equal(sq.exprName, "StructuredQuery");
    assert.deepEqual(
      sq.filter.args.map((c: Comparison) => c.comparator),
      ["lte", "lt"],
    );
    assert.match(
      (await runCli(["--format", "table", SEED])).stdout,
      /^column\s+operator\s+value\s+unit\ncooking_time_min\s+<=\s+10\s+minutes\n/,
    );
  });

  it("what a filters-only format leaves out (here a contradiction) goes to stderr, one line each", async () => {
    const r = await runCli(["--format", "databricks", "5分未満で10分を超える"]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).filters, { "cooking_time_min >": 10, "cooking_time_min <": 5 });
    assert.match(r.stderr, /^recipe-filters: warning: conflict: no cooking_time_min is > 10 and < 5\n$/);
  });

  it("--json with another --format, or an unknown format, is a usage error (exit 2)", async () => {
    for (const args of [
      ["--json", "--format", "sql", SEED],
      ["--format", "yaml", SEED],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stdout, "");
    }
  });
});
