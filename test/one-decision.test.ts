// A run is decided once at its edge and handed down: the extractor, a batch and the Studio
// graph's first node never decide a run (or check a query) their edge already did. The
// counts go through a RunDecider the test wraps; no client object is touched.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runBatch } from "../src/extractor/batch.js";
import { createExtractor, type Extractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import type { OperatorSettings } from "../src/settings/operator.js";
import { createRunDecider, type RecipeFiltersContext, type RunDecider } from "../src/settings/run.js";
import { compileGraph } from "../src/workflow/build.js";
import { decideBeforeTheGraph, HANDED_RUN_KEY } from "../src/workflow/prepare.js";
import { checkQuery } from "../src/workflow/query-check.js";

const QUERY = "10分以内に500円未満で作れる副菜教えて";
const RULES = { extractor: "rules" as const };

/** A RunDecider that counts its decisions: the operator's own, wrapped. */
function countingDecider(operator: OperatorSettings = {}): RunDecider & { decisions: number } {
  const inner = createRunDecider(operator);
  const counting = {
    ...inner,
    decisions: 0,
    decide(context: Partial<RecipeFiltersContext> | undefined) {
      counting.decisions += 1;
      return inner.decide(context);
    },
  };
  return counting;
}

/** The extractor, with each extract call's options recorded. */
function recording(extractor: Extractor) {
  const calls: { decided: boolean }[] = [];
  const wrapped: Extractor = {
    ...extractor,
    extract: ((query: never, options?: { run?: unknown }) => {
      calls.push({ decided: options?.run !== undefined });
      return extractor.extract(query, options as never);
    }) as Extractor["extract"],
  };
  return { wrapped, calls };
}

describe("the extractor", () => {
  it("decides by the edge's own RunDecider, not a second one", () => {
    const runs = countingDecider();
    assert.equal(createExtractor({ runs }).runs, runs);
    assert.throws(() => createExtractor({ runs, settings: {} }), /either `runs` or `settings`/);
  });

  it("decides a query's run once when it is given a context", async () => {
    const runs = countingDecider();
    const result = await createExtractor({ runs }).extract(QUERY, { context: RULES });
    assert.equal(result.extractor, "rules");
    assert.equal(runs.decisions, 1);
  });

  it("does not decide again a run its edge decided: one decision for any number of checked queries", async () => {
    const runs = countingDecider();
    const extractor = createExtractor({ runs });
    const run = extractor.decide(RULES);
    const direct = await extractor.extract(QUERY, { context: RULES });
    for (let i = 0; i < 3; i++)
      assert.deepEqual(await extractor.extract(checkQuery(QUERY), { run }), direct, "the same result either way");
    const events = [];
    for await (const event of extractor.stream(checkQuery(QUERY), { run })) events.push(event);
    assert.equal(events.at(-1)?.type, "result");
    assert.equal(runs.decisions, 2, "extractor.decide once, the context-given query once, the handed runs never");
  });

  it("runs only runs it decided itself", async () => {
    const run = createExtractor().decide(RULES);
    await assert.rejects(createExtractor().extract(checkQuery(QUERY), { run }), /decided by another extractor/);
  });

  it("a decided run shows its settings only: the settings it was decided by (and their key) stay inside", () => {
    const key = "sk-test-not-a-real-key-0123456789";
    const run = createExtractor({ settings: { apiKey: key } }).decide();
    assert.equal(run.settings.extractor, "llm");
    assert.deepEqual(JSON.parse(JSON.stringify(run)), { settings: run.settings });
    assert.ok(!JSON.stringify(run).includes(key));
  });

  it("takes a decided run only with a checked query (the compiler refuses a plain string)", async () => {
    const extractor = createExtractor();
    const run = extractor.decide(RULES);
    // @ts-expect-error a plain string is not a CheckedQuery: a decided run goes only with a query its edge checked
    await extractor.extract(QUERY, { run });
  });
});

describe("a batch", () => {
  it("decides its run once for every line, and hands each line's checked query down", async () => {
    const runs = countingDecider();
    const { wrapped, calls } = recording(createExtractor({ runs }));
    const lines = [QUERY, "", JSON.stringify({ query: "20分で作れる主菜" }), "時短で簡単な副菜"];
    const results = [];
    for await (const result of runBatch(lines, wrapped, { context: RULES, concurrency: 2 })) results.push(result);
    assert.deepEqual(
      results.map((r) => r.errors.map((e) => e.kind)),
      [[], ["unusable"], [], []],
    );
    assert.equal(runs.decisions, 1, "one decision for the batch");
    assert.deepEqual(
      calls,
      [{ decided: true }, { decided: true }, { decided: true }],
      "no line checked or decided twice",
    );
  });

  it("takes the edge's decided run and decides nothing", async () => {
    const runs = countingDecider();
    const extractor = createExtractor({ runs });
    const run = extractor.decide(RULES);
    for await (const result of runBatch([QUERY, QUERY], extractor, { run })) assert.equal(result.extractor, "rules");
    assert.equal(runs.decisions, 1);
  });

  it("a context it refuses fails every line that holds a query, as before, after one decision", async () => {
    const runs = countingDecider();
    const results = [];
    for await (const result of runBatch([QUERY, "", QUERY], createExtractor({ runs }), {
      context: { extractor: "gpt" as never },
    }))
      results.push(result);
    assert.deepEqual(
      results.map((r) => r.errors.map((e) => `${e.branch} ${e.kind} ${e.message}`)),
      [
        ["batch unexpected invalid setting extractor: expected one of auto, llm, rules"],
        ["input unusable the query is empty"],
        ["batch unexpected invalid setting extractor: expected one of auto, llm, rules"],
      ],
    );
    assert.equal(runs.decisions, 1);
  });
});

describe("the graph as its own edge (Studio, the LangGraph API)", () => {
  it("its first node decides a run once", async () => {
    const runs = countingDecider();
    const result = await compileGraph(BUILT_IN_REGISTRY, { runs }).invoke({ query: QUERY }, { context: RULES });
    assert.equal(result.extractor, "rules");
    assert.equal(runs.decisions, 1);
  });

  it("does not decide again a run the factory decided and handed down", async () => {
    const runs = countingDecider();
    const { run, configurable } = decideBeforeTheGraph(runs, RULES);
    assert.equal(run.extractor, "rules");
    const graph = compileGraph(BUILT_IN_REGISTRY, { runs }).withConfig({ configurable });
    const result = await graph.invoke({ query: QUERY }, { context: RULES });
    assert.equal(result.extractor, "rules");
    assert.equal(runs.decisions, 1, "the factory's decision, not a second one in prepare");
  });

  it("decides itself when the handed decision is for another context, another decider, or is plain JSON", async () => {
    const runs = countingDecider();
    const graph = compileGraph(BUILT_IN_REGISTRY, { runs });
    const otherContext = decideBeforeTheGraph(runs, { extractor: "auto" }).configurable;
    const otherDecider = decideBeforeTheGraph(createRunDecider({}), RULES).configurable;
    // What a request could send: the decision's fields, as JSON.
    const forged = JSON.parse(JSON.stringify(decideBeforeTheGraph(createRunDecider({}), RULES).configurable));
    assert.ok(forged[HANDED_RUN_KEY]);
    const before = runs.decisions;
    for (const configurable of [otherContext, otherDecider, forged])
      await graph.invoke({ query: QUERY }, { context: RULES, configurable });
    assert.equal(runs.decisions - before, 3, "prepare decided each of them");
  });
});
