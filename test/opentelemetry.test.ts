// One query = one trace in any OpenTelemetry backend: the real OTLPTraceExporter posts
// protobuf to a receiver that accepts what MLflow accepts, and the spans it decodes must
// form one tree per query — the same tree LangSmith and the local --trace view get.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-node";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { openTelemetryEnabled } from "../src/tracing/opentelemetry.js";
import { type OpenTelemetryOptions, startOpenTelemetry } from "../src/tracing/opentelemetry-sdk.js";
import type { RecordedRun } from "../src/tracing/trace-view.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { EXPERIMENT_HEADER, type OtlpReceiver, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { FAILING_BRANCH, FAULT_QUERY, faultOnCostBranch } from "./support/fault-cases.js";
import { beforeEachOfFile } from "./support/hooks.js";
import { ancestors, describeTrees, namePaths, spanPaths, spanTrees } from "./support/span-tree.js";

const SEED = "2人分で300kcal以下、10分以内に500円未満で作れる副菜教えて";
const EXPERIMENT_ID = "4242";
const LLM_KIND = "LLM";
/** The name of the handler OpenInference adds to LangChain. */
const OPENINFERENCE_TRACER = "OpenInferenceLangChainTracer";

let openai: OpenAIStandIn;
let receiver: OtlpReceiver;
let respond: (req: ChatRequest) => Reply;
before(async () => {
  openai = await startOpenAIStandIn((req) => respond(req));
  receiver = await startOtlpReceiver();
});
after(async () => {
  await openai.close();
  await receiver.close();
});
beforeEachOfFile(import.meta.url, () => {
  // Latency, so that the branches' LLM calls really are in flight together.
  respond = answerLikeTheExtractor(FILTER_TYPES, { delayMs: 100 });
  receiver.clear();
});

/** OTel on for one test, to the receiver, as MLflow wants it. */
async function withOpenTelemetry<T>(
  run: () => Promise<T>,
  options: Partial<OpenTelemetryOptions> = {},
  to = receiver,
): Promise<T> {
  const otel = startOpenTelemetry({
    url: to.tracesUrl,
    headers: { [EXPERIMENT_HEADER]: EXPERIMENT_ID },
    ...options,
  });
  try {
    const result = await run();
    assert.equal(await otel.flush(10_000), true, "every span was accepted");
    return result;
  } finally {
    await otel.shutdown();
  }
}

const llm = { extractor: "llm" as const };
const extract = (query: string, callbacks?: any[]) =>
  createExtractor().extract(query, { context: { ...llm, baseUrl: openai.url }, callbacks });

/** Test 1's whole promise about the seed query's trace; throws an AssertionError naming what broke. */
function checkSeedTrace(from = receiver) {
  const spans = from.spans;
  const trees = spanTrees(spans);
  assert.equal(trees.traces.size, 1, describeTrees(trees));
  assert.equal(trees.roots.length, 1, describeTrees(trees));
  assert.deepEqual(trees.orphans, [], describeTrees(trees));
  assert.deepEqual(trees.unfinished, [], describeTrees(trees));
  const [root] = trees.roots;
  assert.equal(root.name, "recipe-filters");

  const branches = FILTER_TYPES.map((type) => spans.find((s) => s.name === type.name));
  for (const [i, branch] of branches.entries()) {
    assert.ok(branch, `a span for branch ${FILTER_TYPES[i].name}`);
    assert.equal(branch.parentSpanId, root.spanId, `${branch.name} is a child of the root: the branches are siblings`);
  }
  const reduce = spans.find((s) => s.name === REDUCE_NODE);
  assert.equal(reduce?.parentSpanId, root.spanId, "the reducer is a child of the root");
  for (const branch of branches)
    assert.ok(reduce.startMs >= branch!.endMs, `the reducer starts after ${branch!.name} ended`);

  const llmSpans = spans.filter((s) => s.attributes["openinference.span.kind"] === LLM_KIND);
  assert.equal(llmSpans.length, FILTER_TYPES.length, "one LLM span per branch");
  const owners = new Set<string>();
  for (const span of llmSpans) {
    const branch = ancestors(span, spans).find((s) => FILTER_TYPES.some((t) => t.name === s.name));
    assert.ok(branch, "the LLM span sits under a branch");
    owners.add(branch.name);
    const type = FILTER_TYPES.find((t) => t.name === branch.name)!;
    assert.equal(span.attributes["llm.model_name"], "gpt-4o-mini");
    assert.equal(span.attributes["llm.token_count.prompt"], 50);
    assert.equal(span.attributes["llm.token_count.completion"], 10);
    assert.ok(
      String(span.attributes["input.value"]).includes(type.prompt.slice(0, 40)),
      `${branch.name}'s LLM input is its own prompt`,
    );
    assert.ok(String(span.attributes["output.value"]).length > 0, "with the model's output");
  }
  assert.equal(owners.size, FILTER_TYPES.length, "each LLM span under its own branch");
  const latestStart = Math.max(...llmSpans.map((s) => s.startMs));
  const earliestEnd = Math.min(...llmSpans.map((s) => s.endMs));
  assert.ok(latestStart < earliestEnd, "the LLM calls overlap in time");

  assert.ok(
    from.requests.length > 0 &&
      from.requests.every((r) => r.headers[EXPERIMENT_HEADER] === EXPERIMENT_ID && r.status === 200),
    "every export carried the experiment header and was accepted",
  );
  assert.ok(
    spans.every((s) => s.experimentId === EXPERIMENT_ID),
    "every span came with the experiment header",
  );
}

const CONCURRENT_QUERIES = Array.from({ length: 20 }, (_, i) => `${i + 5}分以内に${(i + 3) * 100}円未満で作れる副菜`);
const runConcurrentQueries = () => Promise.all(CONCURRENT_QUERIES.map((q) => extract(q)));

/** Test 2's promise: one whole trace per query, each holding only its own query's spans. */
function checkConcurrentTraces(from = receiver) {
  const trees = spanTrees(from.spans);
  assert.equal(trees.traces.size, CONCURRENT_QUERIES.length, describeTrees(trees));
  assert.equal(trees.roots.length, CONCURRENT_QUERIES.length, describeTrees(trees));
  assert.deepEqual(trees.orphans, [], describeTrees(trees));
  assert.deepEqual(trees.unfinished, [], describeTrees(trees));
  const seen = new Set<string>();
  for (const members of trees.traces.values()) {
    const root = members.find((s) => !s.parentSpanId)!;
    const query = CONCURRENT_QUERIES.find((q) => String(root.attributes["input.value"]).includes(q));
    assert.ok(query, "the root's input names its query");
    seen.add(query);
    const llmSpans = members.filter((s) => s.attributes["openinference.span.kind"] === LLM_KIND);
    assert.equal(
      llmSpans.length,
      typesAskedFor(query, FILTER_TYPES).length,
      "one LLM span per asked branch in every trace",
    );
    for (const span of llmSpans)
      assert.ok(
        String(span.attributes["input.value"]).includes(query),
        "every LLM span of the trace asked about the trace's own query",
      );
  }
  assert.equal(seen.size, CONCURRENT_QUERIES.length);
}

describe("OpenTelemetry: one trace per query", () => {
  it("1. the seed query: one trace, one root; branches siblings, reducer after them; each LLM span under its branch, with model, tokens, input and output", async () => {
    const result = await withOpenTelemetry(() => extract(SEED));
    assert.deepEqual(result.errors, []);
    checkSeedTrace();
    assert.equal(receiver.spans[0].resource["service.name"], "recipe-filters");
  });

  it("2. twenty queries at once: exactly one trace per query, no span of one query in another's trace", async () => {
    await withOpenTelemetry(runConcurrentQueries);
    checkConcurrentTraces();
  });

  it("7. with a SimpleSpanProcessor swapped in, test 2's checks fail (spans are dropped), so nobody switches back", async (t) => {
    // A backend across a network answers later, so exports stay in flight while spans end.
    const distant = await startOtlpReceiver({ delayMs: 300 });
    try {
      await withOpenTelemetry(runConcurrentQueries, {}, distant);
      checkConcurrentTraces(distant);
      const batchSpans = distant.spans.length;
      distant.clear();
      const simple = { spanProcessor: (exporter: SpanExporter) => new SimpleSpanProcessor(exporter) };
      await withOpenTelemetry(runConcurrentQueries, simple, distant).catch(() => undefined);
      assert.throws(
        () => checkConcurrentTraces(distant),
        (error: Error) => {
          t.diagnostic(
            `batch processor: ${batchSpans} spans; simple processor: ${distant.spans.length} arrived; test 2 fails with: ${error.message.split("\n")[0]}`,
          );
          return error instanceof assert.AssertionError;
        },
      );
    } finally {
      await distant.close();
    }
  });

  it("3. LangSmith on too: the same tree in LangSmith, in the OTel backend and in the local --trace view", async () => {
    const langsmith: LangSmithReceiver = await startLangSmithReceiver();
    try {
      const tracing = createTracing({ apiUrl: langsmith.url, apiKey: "lsv2_otel_test_not_a_key_0123456789" });
      const recorder = new RunCollectorCallbackHandler();
      await withOpenTelemetry(() => extract(SEED, [recorder, tracing.tracer]));
      assert.equal(await tracing.flush(10_000), true);
      checkSeedTrace();
      const otelTree = spanPaths(receiver.spans);
      const runs = [...langsmith.runs.values()];
      const langsmithTree = namePaths(
        runs,
        (r) => r.id,
        (r) => r.parent_run_id,
        (r) => String(r.name),
      );
      const paths = (run: RecordedRun, above = ""): string[] => {
        const path = above ? `${above}/${run.name}` : run.name;
        return [path, ...(run.child_runs ?? []).flatMap((child) => paths(child, path))];
      };
      const localTree = paths(recorder.tracedRuns[0] as RecordedRun).sort();
      assert.ok(otelTree.length > 2 * FILTER_TYPES.length, `a full tree (${otelTree.length} spans)`);
      assert.deepEqual(otelTree, langsmithTree, "OTel and LangSmith");
      assert.deepEqual(otelTree, localTree, "OTel and the local view");
    } finally {
      await langsmith.close();
    }
  });

  it("4. a failing branch: still one whole trace, the error on that branch's span", async () => {
    respond = faultOnCostBranch(() => ({ status: 400, body: { error: { message: "bad request for this branch" } } }));
    const result = await withOpenTelemetry(() => extract(FAULT_QUERY));
    assert.deepEqual(
      result.errors.map((e) => e.branch),
      [FAILING_BRANCH],
    );
    const trees = spanTrees(receiver.spans);
    assert.equal(trees.traces.size, 1, describeTrees(trees));
    assert.equal(trees.roots.length, 1);
    assert.deepEqual(trees.orphans, []);
    assert.deepEqual(trees.unfinished, []);
    const failing = receiver.spans.filter((s) => s.status.code === 2);
    const branch = receiver.spans.find((s) => s.name === FAILING_BRANCH)!;
    assert.ok(
      failing.includes(branch),
      `the ${FAILING_BRANCH} span carries the error (errors on: ${failing.map((s) => s.name).join(", ")})`,
    );
    assert.match(branch.status.message, /400/);
    assert.ok(
      branch.events.some((e) => e.name === "exception"),
      "with an exception event",
    );
    for (const s of failing)
      assert.ok(
        s === branch || ancestors(s, receiver.spans).includes(branch) || s.name === "ChatOpenAI",
        `only the failing branch's spans carry an error (also on ${s.name})`,
      );
  });
});

describe("when OTel is on", () => {
  it("start adds OpenInference's tracer to every LangChain callback manager; shutdown() takes it away again", async () => {
    const tracedBy = () => (CallbackManager.configure() ?? { handlers: [] }).handlers.map((handler) => handler.name);
    assert.ok(!tracedBy().includes(OPENINFERENCE_TRACER), "not traced before");
    const otel = startOpenTelemetry({ url: receiver.tracesUrl, headers: { [EXPERIMENT_HEADER]: EXPERIMENT_ID } });
    assert.ok(tracedBy().includes(OPENINFERENCE_TRACER), "traced once started");
    await otel.shutdown();
    assert.ok(!tracedBy().includes(OPENINFERENCE_TRACER), "not traced after shutdown()");
  });

  it("an OTLP endpoint turns it on; the standard switches turn it off", () => {
    assert.equal(openTelemetryEnabled({}), false);
    assert.equal(
      openTelemetryEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: " " }),
      false,
      "an empty value from a copied .env",
    );
    assert.equal(openTelemetryEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://localhost:5000/v1/traces" }), true);
    assert.equal(openTelemetryEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318" }), true);
    assert.equal(
      openTelemetryEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318", OTEL_SDK_DISABLED: "true" }),
      false,
    );
    assert.equal(
      openTelemetryEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318", OTEL_TRACES_EXPORTER: "none" }),
      false,
    );
  });
});
