// The Studio dev server with the OTEL_* variables: langgraph.json's graph entry turns OTel
// on, and a run started through the LangGraph SDK arrives at the OTLP receiver as one trace.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { Client } from "@langchain/langgraph-sdk";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { EXPERIMENT_HEADER, type OtlpReceiver, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { type LangGraphDev, startDevInIsolatedProject } from "./support/langgraph-dev.js";
import { describeTrees, spanTrees } from "./support/span-tree.js";
import { eventually } from "./support/trace-shape.js";

let dev: LangGraphDev | undefined;
let standIn: OpenAIStandIn;
let receiver: OtlpReceiver;

before(async () => {
  standIn = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  receiver = await startOtlpReceiver();
  // No .env: the settings come from the environment alone.
  dev = await startDevInIsolatedProject({
    env: {
      OPENAI_BASE_URL: standIn.url,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl,
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${EXPERIMENT_HEADER}=5`,
      // The server lives on: its batch processor sends on a schedule (5 s by default).
      OTEL_BSP_SCHEDULE_DELAY: "100",
    },
  });
});
after(async () => {
  await dev?.close();
  await standIn.close();
  await receiver.close();
});

const QUERY = "10分以内に500円未満で作れる料理教えて";
/** The branches that ask the model for QUERY; the answer gate skips the others with a span of its own. */
const ASKED = typesAskedFor(QUERY, FILTER_TYPES);

it("a Studio run is one whole trace in the OTel backend, one LLM span per branch the answer gate asks", async () => {
  const client = new Client({ apiUrl: dev!.url });
  const values = (await client.runs.wait(null, "recipe_filters", {
    input: { query: QUERY },
    context: { extractor: "llm" },
  })) as { errors: unknown };
  assert.deepEqual(values.errors, []);
  const llmSpans = () => receiver.spans.filter((s) => s.attributes["openinference.span.kind"] === "LLM");
  // Waits for the scheduled export (a deadline, not a speed assertion).
  await eventually(() => assert.equal(llmSpans().length, ASKED.length, `${dev!.output()}`), 30_000);
  await eventually(() => {
    const trees = spanTrees(receiver.spans);
    assert.equal(trees.traces.size, 1, describeTrees(trees));
    assert.equal(trees.roots.length, 1, describeTrees(trees));
    assert.deepEqual(trees.orphans, [], describeTrees(trees));
    for (const type of FILTER_TYPES)
      assert.ok(
        receiver.spans.some((s) => s.name === type.name),
        `a span for ${type.name}`,
      );
    const skipped = receiver.spans.filter((s) => s.name === "answer_gate");
    assert.equal(skipped.length, FILTER_TYPES.length - ASKED.length, "each skipped branch says so");
  }, 30_000);
  assert.equal(receiver.spans[0].resource["service.name"], "recipe-filters");
});
