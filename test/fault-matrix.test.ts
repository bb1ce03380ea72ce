// Branch isolation: every failure kind the OpenAI-compatible stand-in can produce, in every
// answer shape ChatOpenAI uses (json_schema or tool call, whole or streamed). The failing
// branch becomes one error record; the other branch's filter is intact; the trace shows the
// failed attempts with their errors and leaves no run open. Asserted on counts, not time.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extract.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { compileGraph, REDUCE_NODE, type BuildOptions } from "../src/graph/build.js";
import { createTracing } from "../src/tracing.js";
import { FAILING_BRANCH, FAULT_CASES, FAULT_QUERY, faultOnCostBranch, isFailingBranchRequest, SURVIVING_FILTER } from "./support/fault-cases.js";
import { startLangSmithReceiver, type LangSmithReceiver } from "./support/langsmith-receiver.js";
import { startOpenAIStandIn, type OpenAIStandIn, type Reply } from "./support/openai-server.js";
import { checkTraces, describeCompleteness } from "./support/trace-completeness.js";
import { eventually } from "./support/trace-shape.js";

const MAX_RETRIES = 2;
/** Small, jitter-free intervals keep the retried cases fast; the timeout only matters for the hanging server. */
const BUILD: BuildOptions = { maxRetries: MAX_RETRIES, retryInitialIntervalMs: 5, retryJitter: false, timeoutMs: 300 };
const SHAPES = [
  { model: "gpt-4o-mini", stream: false, label: "json_schema" },
  { model: "gpt-4", stream: false, label: "tool call" },
  { model: "gpt-4o-mini", stream: true, label: "json_schema, streamed" },
  { model: "gpt-4", stream: true, label: "tool call, streamed" },
] as const;

let server: OpenAIStandIn;
let receiver: LangSmithReceiver;
let fault: Reply = { status: 503 };
before(async () => {
  server = await startOpenAIStandIn(faultOnCostBranch(() => fault));
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});

/** One query with tracing on; streamed through the graph's "messages" mode when asked. */
async function runQuery(shape: (typeof SHAPES)[number]) {
  const tracing = createTracing({ apiUrl: receiver.url, apiKey: "lsv2_fault_matrix_key_0123456789" });
  const options = { context: { extractor: "llm" as const, baseUrl: server.url, model: shape.model }, callbacks: [tracing.tracer] };
  let result: { filters: unknown[]; errors: { branch: string; kind: string; message: string }[] };
  if (!shape.stream) result = await createExtractor({ build: BUILD }).extract(FAULT_QUERY, options);
  else {
    let last: any;
    for await (const [mode, chunk] of await compileGraph(FILTER_TYPES, BUILD).stream({ query: FAULT_QUERY }, { ...options, streamMode: ["messages", "values"] }))
      if (mode === "values") last = chunk;
    result = last;
  }
  assert.equal(await tracing.flush(10_000), true, "the trace was flushed");
  return result;
}

for (const shape of SHAPES) {
  describe(`fault matrix (${shape.label})`, () => {
    for (const c of FAULT_CASES) {
      it(`${c.name}: one ${c.kind} error, the other branch's filter kept, trace complete`, async () => {
        fault = c.reply;
        server.requests.length = 0;
        receiver.runs.clear();
        const result = await runQuery(shape);

        assert.deepEqual(result.filters, [SURVIVING_FILTER]);
        assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
        const [error] = result.errors;
        assert.equal(error.branch, FAILING_BRANCH);
        assert.equal(error.kind, c.kind, error.message);
        assert.match(error.message, c.message);

        const attempts = server.requests.filter((r) => isFailingBranchRequest(r.request));
        assert.equal(attempts.length, c.retried ? 1 + MAX_RETRIES : 1, "attempts the server saw");
        assert.ok(attempts.every((r) => r.request.stream === shape.stream));
        if (c.kind === "timeout") await eventually(() => assert.ok(attempts.every((r) => r.abortedByClient), "the timeout closed the HTTP request itself"));

        const completeness = checkTraces(receiver.runs.values());
        assert.equal(completeness.traces, 1, describeCompleteness(completeness));
        assert.deepEqual([completeness.orphans.length, completeness.unfinished.length, completeness.badRoots.length], [0, 0, 0], describeCompleteness(completeness));
        const runs = [...receiver.runs.values()];
        const failedRuns = runs.filter((r) => r.name === FAILING_BRANCH);
        assert.equal(failedRuns.length, attempts.length, "one branch run per attempt");
        assert.ok(failedRuns.every((r) => typeof r.error === "string" && r.error.length > 0), "every failed attempt carries its error");
        const healthy = runs.filter((r) => r.name === "cooking_time");
        assert.equal(healthy.length, 1);
        assert.ok(!healthy[0].error);
        const reducer = runs.find((r) => r.name === REDUCE_NODE);
        assert.ok(reducer && !reducer.error, "the reducer ran on what survived");
      });
    }
  });
}
