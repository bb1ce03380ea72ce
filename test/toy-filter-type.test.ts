// A filter type is one file and one registry entry: the test-only `cuisine` type (in the
// registry of ./support/toy-filter-type.ts, nowhere else) goes through the graph, the LLM path, every
// output format, the summary, the catalog search, and the evaluation.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import initSqlJs from "sql.js";
import { parseDataset } from "../eval/dataset.js";
import { evaluate } from "../eval/evaluate.js";
import { renderSummary } from "../src/cli/render.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createRegistry } from "../src/filters/registry.js";
import { FORMAT_NAMES, formatResult } from "../src/formats/index.js";
import { createRecipesTable, recipeColumns } from "../src/search/catalog-schema.js";
import { CatalogError, openCatalog, searchRecipes } from "../src/search/recipe-store.js";
import { buildGraph, REDUCE_NODE } from "../src/workflow/build.js";
import { PREPARE_NODE } from "../src/workflow/prepare.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { cuisine, TOY_REGISTRY } from "./support/toy-filter-type.js";
import { protein } from "./support/toy-numeric-type.js";
import { withoutEvidence } from "./support/without-evidence.js";

const QUERY = "10分以内の中華の主菜";
const WANTED = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "dish_category", operator: "=", value: "主菜" },
  { column: "cuisine", operator: "=", value: "中華" },
];

let server: OpenAIStandIn;
before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(TOY_REGISTRY.types))));
after(() => server.close());

it("is in its registry once, last, and the built-in list is untouched", () => {
  assert.equal(TOY_REGISTRY.types.filter((t) => t === cuisine).length, 1);
  assert.equal(TOY_REGISTRY.types.at(-1), cuisine);
  assert.ok(!(FILTER_TYPES as readonly unknown[]).includes(cuisine));
});

it("the graph has its branch, from the prepare node into the reducer", () => {
  const edges = buildGraph(TOY_REGISTRY)
    .compile()
    .getGraph()
    .edges.map((e) => `${e.source}->${e.target}`);
  assert.ok(edges.includes(`${PREPARE_NODE}->${cuisine.name}`));
  assert.ok(edges.includes(`${cuisine.name}->${REDUCE_NODE}`));
});

describe("extraction", () => {
  it("offline: its filter comes out validated, in registry order", async () => {
    const result = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, {
      context: { extractor: "rules" },
    });
    assert.deepEqual(withoutEvidence(result.filters), WANTED);
  });

  it("through the LLM path: its own call, its own schema name", async () => {
    const result = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, {
      context: { extractor: "llm", baseUrl: server.url },
    });
    assert.deepEqual(result.errors, []);
    const offline = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, {
      context: { extractor: "rules" },
    });
    assert.deepEqual(result.filters, offline.filters, "with the evidence the offline grammar records");
    assert.deepEqual(withoutEvidence(result.filters), WANTED);
    assert.ok(server.requests.some((r) => r.request.schemaName === cuisine.answerName));
  });

  it("a value outside its list is refused by its answer schema: a failed branch, the others' filters kept", async () => {
    const result = await createExtractor({ registry: TOY_REGISTRY, build: { maxRetries: 0 } }).extract(QUERY, {
      context: { extractor: "llm", baseUrl: (await startBadCuisine()).url },
    });
    assert.deepEqual(
      result.errors.map((e) => [e.branch, e.kind]),
      [[cuisine.name, "schema"]],
    );
    assert.deepEqual(withoutEvidence(result.filters), WANTED.slice(0, -1));
  });
});

it("every output format writes its filter", async () => {
  const result = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, { context: { extractor: "rules" } });
  for (const format of FORMAT_NAMES) {
    const text = formatResult(result, format, { registry: TOY_REGISTRY });
    assert.match(text, /cuisine/, format);
    assert.match(text, /中華/, format);
  }
  assert.match(formatResult(result, "table", { registry: TOY_REGISTRY }), /cuisine\s+=\s+中華\s+category/);
});

describe("the summary and the catalog search (what the CLI prints), handed its registry", () => {
  it("the summary prints its filter with its unit", async () => {
    const result = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, {
      context: { extractor: "rules" },
    });
    assert.match(renderSummary(result, TOY_REGISTRY), /cuisine = 中華 {2}category/);
  });

  it("the search finds by it in a catalog that has its column", async () => {
    const result = await createExtractor({ registry: TOY_REGISTRY }).extract(QUERY, {
      context: { extractor: "rules" },
    });
    const db = await openCatalog(await catalogWithCuisine(), { registry: TOY_REGISTRY });
    const rows = searchRecipes(db, result.filters, { registry: TOY_REGISTRY });
    assert.deepEqual(
      rows.map((r) => [r.title, r.cuisine]),
      [["麻婆豆腐", "中華"]],
    );
  });

  it("the bundled catalog, which lacks its column, is refused with one line naming it", async () => {
    await assert.rejects(openCatalog(undefined, { registry: TOY_REGISTRY }), (error: Error) => {
      assert.ok(error instanceof CatalogError);
      assert.match(error.message, /lacks the column\(s\) cuisine/);
      return true;
    });
  });
});

describe("the evaluation", () => {
  it("scores it where a dataset labels it", async () => {
    const cases = parseDataset(
      [
        JSON.stringify({ query: QUERY, filters: WANTED }),
        JSON.stringify({ query: "和食の副菜", filters: [{ column: "cuisine", operator: "=", value: "洋食" }] }),
      ].join("\n"),
    );
    const report = await evaluate(cases, createExtractor({ registry: TOY_REGISTRY }), { extractor: "rules" });
    assert.deepEqual(report.perColumn.cuisine, { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it("a dataset that never labels it leaves it not scored: its filters are no false positives", async () => {
    const cases = parseDataset(JSON.stringify({ query: QUERY, filters: WANTED.filter((f) => f.column !== "cuisine") }));
    const report = await evaluate(cases, createExtractor({ registry: TOY_REGISTRY }), { extractor: "rules" });
    assert.equal(report.exactMatches, 1);
    assert.equal(report.notScored.cuisine, 1);
    assert.equal(report.perColumn.cuisine.fp, 0);
  });
});

describe("a numeric type is one file too (test/support/toy-numeric-type.ts: unit words, dimension, prompt parts)", () => {
  const registry = createRegistry([...FILTER_TYPES, protein]);
  const read = async (query: string) =>
    (await createExtractor({ registry }).extract(query, { context: { extractor: "rules" } })).filters.map(
      (f) => `${f.column} ${f.operator} ${f.value} [${f.evidence?.text}]`,
    );

  it("a per-serving label on its value is no servings count: 「1人分 タンパク質20g以上」", async () => {
    assert.deepEqual(await read("1人分 タンパク質20g以上"), ["protein_g >= 20 [1人分 タンパク質20g以上]"]);
  });

  it("reads only grams its words name, alongside the built-in types", async () => {
    assert.deepEqual(await read("2人分でたんぱく質30g以上、15分以内の主菜"), [
      "cooking_time_min <= 15 [15分以内]",
      "servings = 2 [2人分]",
      "dish_category = 主菜 [主菜]",
      "protein_g >= 30 [たんぱく質30g以上]",
    ]);
    assert.deepEqual(await read("鶏むね肉200gで作る副菜"), ["dish_category = 副菜 [副菜]"]);
    assert.deepEqual(await read("at least 25g of protein"), ["protein_g >= 25 [at least 25g of protein]"]);
  });

  it("gets the what-a-quantity-measures stage for free: per 100 g of an ingredient is not a serving's", async () => {
    assert.deepEqual(await read("鶏むね肉100gあたりタンパク質23g"), []);
  });

  it("gets the shared rules in its prompt and its examples rendered, with no prompt text of its own but its parts", () => {
    assert.match(protein.prompt, /measures THE RECIPE/);
    assert.match(protein.prompt, /THIS COLUMN: "protein_g"/);
    assert.ok(protein.prompt.includes("タンパク質20g以上の主菜"));
    const shared = (p: string) => p.slice(0, p.indexOf("THIS COLUMN"));
    assert.equal(shared(protein.prompt), shared(FILTER_TYPES[0].prompt), "the shared part is byte-identical");
  });
});

/** A stand-in model that names a cuisine the type does not have. */
async function startBadCuisine() {
  const answer = answerLikeTheExtractor(TOY_REGISTRY.types);
  const bad = await startOpenAIStandIn((req) =>
    req.schemaName === cuisine.answerName
      ? { json: { categories: [{ evidence: "フレンチ", value: "フレンチ" }] } }
      : answer(req),
  );
  after(() => bad.close());
  return bad;
}

/** A user's catalog with the registry's columns, the toy one included. */
async function catalogWithCuisine(): Promise<string> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(createRecipesTable(TOY_REGISTRY));
  const row = (values: Record<string, string | number>) => recipeColumns(TOY_REGISTRY).map((c) => values[c] ?? null);
  const base = { cooking_cost_yen: 400, calories_kcal: 300, servings: 2, dish_category: "主菜", cooking_time_min: 10 };
  const insert = db.prepare(
    `INSERT INTO recipes VALUES (${recipeColumns(TOY_REGISTRY)
      .map(() => "?")
      .join(", ")})`,
  );
  insert.run(row({ ...base, id: 1, title: "麻婆豆腐", cuisine: "中華" }));
  insert.run(row({ ...base, id: 2, title: "肉じゃが", cuisine: "和食" }));
  insert.run(row({ ...base, id: 3, title: "酢豚", cuisine: "中華", cooking_time_min: 40 }));
  insert.free();
  const file = join(mkdtempSync(join(tmpdir(), "recipe-filters-toy-")), "catalog.sqlite");
  writeFileSync(file, db.export());
  return file;
}
