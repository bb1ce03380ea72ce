// Branch isolation: every failure kind the OpenAI-compatible stand-in can produce, in every
// answer shape ChatOpenAI uses (json_schema or tool call, whole or streamed). The failing
// branch becomes one error record; the other branch's filter is intact; the trace shows the
// failed attempts with their errors and leaves no run open. Asserted on counts, not time.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { createRunDecider } from "../src/settings/run.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { type BuildOptions, compileGraph, REDUCE_NODE } from "../src/workflow/build.js";
import { assertCompleteTrace, assertIsolatedFailure, useFaultBench } from "./support/fault-bench.js";
import {
  FAULT_CASES,
  FAULT_QUERY,
  type FaultCase,
  OVERSIZED_ANSWER_CASE,
  OVERSIZED_BODY_CASES,
} from "./support/fault-cases.js";
import { eventually } from "./support/trace-shape.js";

const MAX_RETRIES = 2;
/**
 * Small, jitter-free intervals keep the retried cases fast. Only the hanging server's case
 * needs a short attempt timeout (1.5 s, to stay quick); every other case keeps a long one, so a
 * healthy branch never fails on a loaded machine. The model client is loaded before the first
 * timed attempt (by the graph's prepare node), so no warm-up is needed either.
 */
const buildFor = (c: FaultCase): BuildOptions => ({
  maxRetries: MAX_RETRIES,
  retryInitialIntervalMs: 5,
  retryJitter: false,
  timeoutMs: c.kind === "timeout" ? 1500 : 20_000,
});
const SHAPES = [
  { model: "gpt-4o-mini", stream: false, label: "json_schema" },
  { model: "gpt-4", stream: false, label: "tool call" },
  { model: "gpt-4o-mini", stream: true, label: "json_schema, streamed" },
  { model: "gpt-4", stream: true, label: "tool call, streamed" },
] as const;

const bench = useFaultBench();

/** One query with tracing on; streamed through the graph's "messages" mode when asked. */
async function runQuery(shape: (typeof SHAPES)[number], BUILD: BuildOptions) {
  const tracing = createTracing({ apiUrl: bench.receiver.url, apiKey: "lsv2_fault_matrix_key_0123456789" });
  const options = {
    context: { extractor: "llm" as const, baseUrl: bench.server.url, model: shape.model, temperature: 0 },
    callbacks: [tracing.tracer],
  };
  let result: { filters: unknown[]; errors: { branch: string; kind: string; message: string }[] };
  if (!shape.stream) result = await createExtractor({ build: BUILD }).extract(FAULT_QUERY, options);
  else {
    let last: any;
    for await (const [mode, chunk] of await compileGraph(BUILT_IN_REGISTRY, {
      ...BUILD,
      runs: createRunDecider({ baseUrl: bench.server.url }),
    }).stream({ query: FAULT_QUERY }, { ...options, streamMode: ["messages", "values"] }))
      if (mode === "values") last = chunk;
    result = last;
  }
  assert.equal(await tracing.flush(10_000), true, "the trace was flushed");
  return result;
}

for (const shape of SHAPES) {
  describe(`fault matrix (${shape.label})`, () => {
    for (const c of [...FAULT_CASES, OVERSIZED_ANSWER_CASE, ...OVERSIZED_BODY_CASES]) {
      it(`${c.name}: one ${c.kind} error, the other branch's filter kept, trace complete`, async () => {
        bench.startCase(c.reply);
        const result = await runQuery(shape, buildFor(c));
        assertIsolatedFailure(result, c);

        const attempts = bench.attempts();
        assert.equal(attempts.length, c.retried ? 1 + MAX_RETRIES : 1, "attempts the server saw");
        assert.ok(attempts.every((r) => r.request.stream === shape.stream));
        // The client itself closed the request: at the attempt timeout, or at the size limit of an endless body.
        if (c.kind === "timeout" || "flood" in c.reply)
          await eventually(() =>
            assert.ok(
              attempts.every((r) => r.abortedByClient),
              "the client closed the HTTP request itself",
            ),
          );

        assertCompleteTrace(bench.receiver, attempts.length);
        const runs = [...bench.receiver.runs.values()];
        const healthy = runs.filter((r) => r.name === "cooking_time");
        assert.equal(healthy.length, 1);
        assert.ok(!healthy[0].error);
        const reducer = runs.find((r) => r.name === REDUCE_NODE);
        assert.ok(reducer && !reducer.error, "the reducer ran on what survived");
      });
    }
  });
}
