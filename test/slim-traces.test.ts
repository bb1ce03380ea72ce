// Slim traces (on for traced batches): each model run uploads its filter type's name and a hash
// in place of the system prompt, and no raw response copy; the query, the answer and the token
// usage stay, and a full trace (the default) still carries everything.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { checkTraces } from "../stand-ins/received-traces.js";

const QUERY = "10分以内に500円未満で作れる副菜";
/** The branches that ask the model for QUERY (the others are gated: no model run, no prompt). */
const ASKED = typesAskedFor(QUERY, FILTER_TYPES);
let openai: OpenAIStandIn;
let receiver: LangSmithReceiver;
before(async () => {
  openai = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await openai.close();
  await receiver.close();
});

async function traceOneQuery(slim: boolean) {
  receiver.runs.clear();
  receiver.rawBodies.length = 0;
  const tracing = createTracing({
    apiUrl: receiver.url,
    apiKey: "lsv2_slim_test_0123456789",
    slim: slim && { registry: BUILT_IN_REGISTRY },
  });
  const result = await createExtractor().extract(QUERY, {
    context: { extractor: "llm", baseUrl: openai.url },
    callbacks: [tracing.tracer],
  });
  assert.deepEqual(result.errors, []);
  assert.equal(await tracing.flush(10_000), true);
  const runs = [...receiver.runs.values()];
  assert.equal(checkTraces(runs).unfinished.length, 0);
  return { result, llmRuns: runs.filter((r) => r.run_type === "llm"), bytes: receiver.rawBodies.join("").length };
}

describe("slim traces", () => {
  it("each model run: the type's name and prompt hash for the prompt, no raw response; query, answer and usage kept", async (t) => {
    const full = await traceOneQuery(false);
    const slim = await traceOneQuery(true);
    t.diagnostic(`uploaded ${full.bytes} bytes full, ${slim.bytes} slim`);
    assert.deepEqual(slim.result, full.result, "the answer does not depend on the trace");
    assert.equal(slim.llmRuns.length, ASKED.length);
    for (const run of slim.llmRuns) {
      const [system, human] = run.inputs.messages[0];
      const type = FILTER_TYPES.find((ft) => system.kwargs.content.includes(`prompt of ${ft.name},`));
      assert.ok(type, `a type's name in ${system.kwargs.content}`);
      const hash = createHash("sha256").update(type.prompt).digest("hex").slice(0, 12);
      assert.equal(system.kwargs.content, `[prompt of ${type.name}, sha256 ${hash}, ${type.prompt.length} chars]`);
      assert.equal(human.kwargs.content, QUERY);
      const message = run.outputs.generations[0][0].message.kwargs;
      assert.ok(!("__raw_response" in message.additional_kwargs), "no raw response copy");
      assert.ok(message.content || message.tool_calls?.length, "the answer is kept");
      assert.ok(message.usage_metadata.input_tokens > 0, "token usage is kept");
    }
    assert.ok(!receiver.rawBodies.some((body) => body.includes(ASKED[0].prompt.slice(0, 200))));
    const prompts = ASKED.reduce((sum, ft) => sum + ft.prompt.length, 0);
    assert.ok(full.bytes - slim.bytes >= prompts, "the upload is smaller by at least the prompts");
  });

  // The model seam no longer asks the client for a raw response copy (src/model/), so a full
  // trace differs from a slim one by its prompts.
  it("a full trace still carries every prompt", async () => {
    const full = await traceOneQuery(false);
    assert.equal(full.llmRuns.length, ASKED.length);
    for (const run of full.llmRuns) {
      const [system] = run.inputs.messages[0];
      assert.ok(FILTER_TYPES.some((ft) => ft.prompt === system.kwargs.content));
    }
  });
});
