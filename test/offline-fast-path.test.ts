// The offline fast path (node functions without the scheduler) must give exactly what the
// graph gives, for every query — filters, order, warnings, contradictions and errors.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { withoutEvidence } from "./support/without-evidence.js";

/** Explicit, so the caller's environment never picks the extractor. */
const RULES = { context: { extractor: "rules" as const } };

const QUERIES = [
  "10分以内に500円未満で作れる副菜教えて",
  "20〜30分で作れる、1000円以上の主菜",
  "5分未満で10分超え", // a contradiction
  "10分以内、いや15分以内で",
  "時短で簡単な副菜",
  "between 10 and 20 minutes under 800 yen",
  "ワンコインで300円以上",
];

it("the fast path and graph.invoke give identical results", async () => {
  const fast = createExtractor();
  const graph = createExtractor({ offlineFastPath: false });
  for (const query of QUERIES)
    assert.deepEqual(await fast.extract(query, RULES), await graph.extract(query, RULES), query);
});

it("branch warnings and reducer warnings both survive, in the graph's order", async () => {
  const leaky = {
    ...FILTER_TYPES[0],
    name: "leaky",
    extractOffline: () => [{ column: "cooking_cost_yen", operator: "<" as const, value: 1 }],
  };
  const registry = [...FILTER_TYPES.slice(1), leaky];
  const query = "10分以内";
  const fast = await createExtractor({ registry }).extract(query, RULES);
  assert.deepEqual(fast, await createExtractor({ registry, offlineFastPath: false }).extract(query, RULES));
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
  const registry = [...FILTER_TYPES, broken];
  const build = { maxRetries: 0 };
  const fast = await createExtractor({ registry, build }).extract("10分以内", RULES);
  const slow = await createExtractor({ registry, build, offlineFastPath: false }).extract("10分以内", RULES);
  assert.deepEqual(fast, slow);
  assert.deepEqual(
    fast.errors.map((e) => [e.branch, e.message]),
    [["broken", "boom"]],
  );
  assert.deepEqual(withoutEvidence(fast.filters), [{ column: "cooking_time_min", operator: "<=", value: 10 }]);
});
