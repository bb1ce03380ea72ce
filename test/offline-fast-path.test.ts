// A `rules` run nobody traces skips the graph's scheduler (workflow/offline.ts): it must give
// exactly what the graph gives, for every query — filters, order, warnings, contradictions,
// errors. The path is chosen by whether a callback handler is attached, not by a setting.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { createExtractor } from "../src/extractor/extractor.js";
import { createRegistry, FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { withoutEvidence } from "./support/without-evidence.js";

/** Explicit, so the caller's environment never picks the extractor. */
const RULES = { context: { extractor: "rules" as const } };

/** A handler that records nothing: attaching it is what makes a run go through the graph. */
class Attached extends BaseCallbackHandler {
  name = "attached";
}
const VIA_GRAPH = { ...RULES, callbacks: [new Attached()] };

const QUERIES = [
  "10分以内に500円未満で作れる副菜教えて",
  "20〜30分で作れる、1000円以上の主菜",
  "5分未満で10分超え", // a contradiction
  "10分以内、いや15分以内で",
  "時短で簡単な副菜",
  "between 10 and 20 minutes under 800 yen",
  "ワンコインで300円以上",
];

it("the fast path and the graph give identical results", async () => {
  const extractor = createExtractor();
  for (const query of QUERIES)
    assert.deepEqual(await extractor.extract(query, RULES), await extractor.extract(query, VIA_GRAPH), query);
});

it("a traced run goes through the graph, so its trace is whole", async () => {
  const extractor = createExtractor();
  const recorder = new RunCollectorCallbackHandler();
  await extractor.extract(QUERIES[0], { ...RULES, callbacks: [recorder] });
  const [root] = recorder.tracedRuns;
  assert.equal(root?.name, "recipe-filters");
  assert.deepEqual(
    (root.child_runs ?? [])
      .map((r) => r.name)
      .filter((name) => !name.startsWith("__"))
      .sort(),
    [...FILTER_TYPES.map((t) => t.name), "reduce_filters"].sort(),
    "one run per branch and the reducer; no prepare node (the extractor decided the run)",
  );
});

it("branch warnings and reducer warnings both survive, in the graph's order", async () => {
  const leaky = {
    ...FILTER_TYPES[0],
    name: "leaky",
    column: "leaky_min",
    extractOffline: () => [{ column: "cooking_cost_yen", operator: "<" as const, value: 1 }],
  };
  const registry = createRegistry([...FILTER_TYPES.slice(1), leaky]);
  const query = "10分以内";
  const extractor = createExtractor({ registry });
  const fast = await extractor.extract(query, RULES);
  assert.deepEqual(fast, await extractor.extract(query, VIA_GRAPH));
  assert.ok(fast.warnings.some((w) => /not this branch's column/.test(w.message)));
});

it("a branch that throws becomes an error record on both paths", async () => {
  const broken = defineNumericFilterType({
    ...FILTER_TYPES[0],
    name: "broken",
    column: "broken",
    unitWords: {
      canonical: "分",
      words: ["分"],
      canonicalize: () => {
        throw new Error("boom");
      },
    },
    range: { min: 0, max: 1 },
    prompt: "",
    examples: [],
  } as any);
  const extractor = createExtractor({ registry: createRegistry([...FILTER_TYPES, broken]), build: { maxRetries: 0 } });
  const fast = await extractor.extract("10分以内", RULES);
  assert.deepEqual(fast, await extractor.extract("10分以内", VIA_GRAPH));
  assert.deepEqual(
    fast.errors.map((e) => [e.branch, e.message]),
    [["broken", "boom"]],
  );
  assert.deepEqual(withoutEvidence(fast.filters), [{ column: "cooking_time_min", operator: "<=", value: 10 }]);
  assert.equal(fast.complete, true);
});
