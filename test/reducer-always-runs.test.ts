// A failed branch routes to the reducer from its error handler. The reducer must run
// exactly once per query: when every branch fails, and when only some do.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { offlineFilters } from "./support/offline-filters.js";

const answer = answerLikeTheExtractor(FILTER_TYPES);
let refuseAll = false;
let server: OpenAIStandIn;
before(async () => {
  server = await startOpenAIStandIn((req) =>
    refuseAll || req.schemaName === FILTER_TYPES[1].answerName ? { refusal: "no" } : answer(req),
  );
});
after(() => server.close());

async function run(query: string) {
  const recorder = new RunCollectorCallbackHandler();
  const result = await createExtractor({ build: { maxRetries: 0 } }).extract(query, {
    context: { extractor: "llm", baseUrl: server.url },
    callbacks: [recorder],
  });
  const reducerRuns = (recorder.tracedRuns[0]?.child_runs ?? []).filter((r) => r.name === REDUCE_NODE);
  return { result, reducerRuns: reducerRuns.length };
}

it("every branch fails: the reducer still runs once; filters, warnings and contradictions are empty lists", async () => {
  refuseAll = true;
  const { result, reducerRuns } = await run("10分以内に500円未満で作れる副菜");
  assert.equal(reducerRuns, 1);
  assert.deepEqual(result.filters, []);
  assert.deepEqual(result.contradictions, []);
  assert.deepEqual(
    result.errors.map((e) => e.branch).sort(),
    typesAskedFor("10分以内に500円未満で作れる副菜", FILTER_TYPES)
      .map((t) => t.name)
      .sort(),
  );
});

it("one branch fails: the reducer runs once and keeps the others' filters", async () => {
  refuseAll = false;
  const { result, reducerRuns } = await run("2人分で300kcal以下、10分以内に500円未満で作れる副菜");
  assert.equal(reducerRuns, 1);
  assert.deepEqual(
    result.errors.map((e) => e.branch),
    [FILTER_TYPES[1].name],
  );
  const others = offlineFilters(result.query).filter((f) => f.column !== FILTER_TYPES[1].column);
  assert.ok(others.length > 0);
  assert.deepEqual(result.filters, others);
});
