// One query = one trace: the real langsmith Client posts to the LangSmith-compatible
// receiver, and the runs it decodes must form one tree.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { type LangSmithReceiver, type ReceivedRun, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { offlineFilters } from "./support/offline-filters.js";
import { byTrace } from "./support/trace-shape.js";

let server: OpenAIStandIn;
let receiver: LangSmithReceiver;
before(async () => {
  server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: 50 }));
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});

const ancestors = (run: ReceivedRun, runs: Map<string, ReceivedRun>) => {
  const chain: ReceivedRun[] = [];
  for (
    let r = run.parent_run_id ? runs.get(run.parent_run_id) : undefined;
    r;
    r = r.parent_run_id ? runs.get(r.parent_run_id) : undefined
  )
    chain.push(r);
  return chain;
};

it("every run of one query shares one trace; each LLM run sits under its own branch; all runs ended", async () => {
  const tracing = createTracing({
    apiUrl: receiver.url,
    apiKey: "lsv2_test_key_not_real_0123456789",
    projectName: "recipe-filters-test",
  });
  const result = await createExtractor().extract("2人分で300kcal以下、10分以内に500円未満で作れる副菜教えて", {
    context: { extractor: "llm", baseUrl: server.url },
    callbacks: [tracing.tracer],
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.filters, offlineFilters(result.query), "every branch's filters, merged");
  assert.ok(result.filters.length > 1);
  assert.equal(await tracing.flush(10_000), true, "flush completed");

  const runs = receiver.runs;
  const traces = byTrace(runs.values());
  assert.equal(traces.size, 1, `one trace, got ${traces.size}`);
  const roots = [...runs.values()].filter((r) => !r.parent_run_id);
  assert.equal(roots.length, 1);
  assert.equal(roots[0].name, "recipe-filters");
  assert.equal(roots[0].id, roots[0].trace_id);

  for (const run of runs.values()) assert.ok(run.end_time, `run ${run.name} ended`);
  for (const run of runs.values()) assert.ok(!run.error, `run ${run.name} has no error`);

  const branchRuns = FILTER_TYPES.map((t) => [...runs.values()].find((r) => r.name === t.name));
  for (const [i, run] of branchRuns.entries()) {
    assert.ok(run, `a run for branch ${FILTER_TYPES[i].name}`);
    assert.equal(run.parent_run_id, roots[0].id, "branch runs are children of the graph's root run");
  }
  const reduceRun = [...runs.values()].find((r) => r.name === REDUCE_NODE);
  assert.equal(reduceRun?.parent_run_id, roots[0].id);

  const llmRuns = [...runs.values()].filter((r) => r.run_type === "llm");
  assert.equal(llmRuns.length, FILTER_TYPES.length, "one ChatOpenAI run per branch");
  for (const llm of llmRuns) {
    const branch = ancestors(llm, runs).find((r) => FILTER_TYPES.some((t) => t.name === r.name));
    assert.ok(branch, "the LLM run is nested under a branch run");
    const type = FILTER_TYPES.find((t) => t.name === branch.name)!;
    // The structured-output schema name is in the run's invocation params.
    assert.ok(
      JSON.stringify(llm.extra).includes(type.answerName),
      `the LLM run under ${branch.name} is that branch's call`,
    );
    assert.ok(JSON.stringify(llm.inputs).includes(type.prompt.slice(0, 40)), "with that branch's prompt");
  }
});
