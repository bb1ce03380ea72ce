// Adding a filter type = one module + one registry entry. Proven with a test-only type
// that nothing else in the code base knows about.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, createRegistry, FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { buildGraph, REDUCE_NODE } from "../src/workflow/build.js";
import { PREPARE_NODE } from "../src/workflow/prepare.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { withoutEvidence } from "./support/without-evidence.js";

/** A filter type written only for this test: "eggs" (卵3個まで → egg_count <= 3). */
const eggCount = defineNumericFilterType({
  name: "egg_count",
  column: "egg_count",
  unit: "eggs",
  description: "Number of eggs used.",
  operators: ["<=", ">="],
  range: { min: 0, max: 30 },
  // A unit with a grammar of its own, declared in the type's file: 卵3個 and "3 eggs" are 3個.
  unitWords: {
    canonical: "個",
    words: ["個", "eggs", "egg"],
    canonicalize: (text) => text.replace(/卵\s*(\d+)\s*個/g, "$1個").replace(/(\d+)\s*eggs?\b/g, "$1個"),
  },
  prompt: { meaning: "number of eggs", unitRules: "Count eggs." },
});
const REGISTRY = createRegistry([...FILTER_TYPES, eggCount]);

let server: OpenAIStandIn;
before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(REGISTRY.types))));
after(() => server.close());

it("the graph gets one branch per registry entry, all from the prepare node into the reducer", () => {
  const drawn = buildGraph(REGISTRY).compile().getGraph();
  const edges = drawn.edges.map((e) => `${e.source}->${e.target}`);
  for (const type of REGISTRY.types) {
    assert.ok(edges.includes(`${PREPARE_NODE}->${type.name}`), `prepare -> ${type.name}`);
    assert.ok(edges.includes(`${type.name}->${REDUCE_NODE}`), `${type.name} -> reducer`);
  }
  assert.ok(edges.includes(`__start__->${PREPARE_NODE}`));
  assert.ok(edges.includes(`${REDUCE_NODE}->__end__`));
});

it("the extra type's filters come out offline, validated and ordered after the registry's earlier types", async () => {
  const result = await createExtractor({ registry: REGISTRY }).extract("卵3個まで、10分以内で作れる料理", {
    context: { extractor: "rules" },
  });
  assert.deepEqual(withoutEvidence(result.filters), [
    { column: "cooking_time_min", operator: "<=", value: 10 },
    { column: "egg_count", operator: "<=", value: 3 },
  ]);
});

it("the extra type gets its own LLM call with its own schema name", async () => {
  const result = await createExtractor({ registry: REGISTRY }).extract("卵3個まで、10分以内で作れる料理", {
    context: { extractor: "llm", baseUrl: server.url },
  });
  assert.deepEqual(result.errors, []);
  assert.ok(result.filters.some((f) => f.column === "egg_count" && f.value === 3));
  assert.ok(server.requests.some((r) => r.request.schemaName === "egg_count_conditions"));
});

it("two filter types with one name, or one column, are refused", () => {
  assert.throws(() => createRegistry([...FILTER_TYPES, FILTER_TYPES[0]]), /duplicate filter type name/);
  assert.throws(
    () => createRegistry([...FILTER_TYPES, { ...eggCount, column: "servings" }]),
    /two filter types for the column servings/,
  );
});

it("a filter type cannot take a graph node's name", () => {
  assert.throws(() => buildGraph(createRegistry([{ ...eggCount, name: "reduce_filters" }])), /cannot be named/);
});

it("the built-in list is read-only: a caller with other types builds its own registry", () => {
  assert.ok(Object.isFrozen(FILTER_TYPES));
  assert.throws(() => (FILTER_TYPES as unknown as unknown[]).push(eggCount), TypeError);
  assert.ok(Object.isFrozen(BUILT_IN_REGISTRY.types));
});

it("one registry value answers every question about a column", () => {
  assert.equal(REGISTRY.byColumn("egg_count"), eggCount);
  assert.equal(REGISTRY.byColumn("nope"), undefined);
  assert.equal(REGISTRY.unitOf("cooking_time_min"), "minutes");
  assert.equal(REGISTRY.unitOf("nope"), "");
  assert.deepEqual(REGISTRY.columns.at(-1), "egg_count");
  assert.ok(REGISTRY.order("cooking_time_min") < REGISTRY.order("egg_count"));
  assert.equal(REGISTRY.order("nope"), REGISTRY.types.length);
});
