// The contract with @langchain/openai and openai that src/model/upstream.ts writes down: each
// behaviour the model seam relies on beyond the typed surface, checked against the installed
// versions through the real client and the OpenAI-compatible stand-in. When an upgrade
// changes one, this file fails and says which.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { FILTER_TYPES } from "../src/filters/index.js";
import { filterModelCall } from "../src/model/filter-model-call.js";
import { retryAfterMs } from "../src/model/retry-after.js";
import {
  type AnswerSlot,
  isSdkAnswerCheck,
  isSdkConnectionError,
  isSdkTimeout,
  withAnswerSlot,
} from "../src/model/upstream.js";
import { type OpenAIStandIn, type Reply, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const [type] = FILTER_TYPES;
let reply: Reply = { content: "" };
let server: OpenAIStandIn;
before(async () => {
  server = await startOpenAIStandIn(() => reply);
});
after(() => server.close());

/** One call through the seam's own client, as askModel makes it; the error or the answer it left. */
async function call(next: Reply, options: { model?: string; timeoutMs?: number } = {}) {
  reply = next;
  const slot: AnswerSlot = {};
  const settings = { model: options.model ?? "gpt-4o-mini", baseUrl: server.url, temperature: 0 };
  let error: unknown;
  try {
    const model = filterModelCall(type, settings, { timeoutMs: options.timeoutMs ?? 5000 });
    await withAnswerSlot(slot, () => model.invoke("10分以内", {}));
  } catch (e) {
    error = e;
  }
  return { error, slot, request: server.requests.at(-1)?.request };
}

describe("the model seam's contract with @langchain/openai and openai", () => {
  for (const [label, model] of [
    ["json_schema", "gpt-4o-mini"],
    ["tool call", "gpt-4"],
  ] as const)
    it(`1. every request goes through configuration.fetch inside invoke's async context (${label})`, async () => {
      const answer = { conditions: [{ evidence: "10分以内", operator: "<=", value: 10 }] };
      const { error, slot, request } = await call({ json: answer }, { model });
      assert.equal(error, undefined);
      assert.equal(request?.shape, label === "json_schema" ? "json_schema" : "tools");
      const text = slot.answer?.toolArguments ?? slot.answer?.content;
      assert.deepEqual(JSON.parse(text ?? "null"), answer);
    });

  it("1. a streamed call (as under LangGraph's messages mode) fills the slot too, refusal and finish reason included", async () => {
    reply = { refusal: "no." };
    const slot: AnswerSlot = {};
    const model = filterModelCall(type, { model: "gpt-4o-mini", baseUrl: server.url, temperature: 0 });
    await withAnswerSlot(slot, () =>
      model.invoke("q", { callbacks: [{ lc_prefer_streaming: true, handleLLMNewToken() {} }] } as never),
    ).catch(() => undefined);
    assert.equal(server.requests.at(-1)?.request.stream, true, "the client streamed");
    assert.equal(slot.answer?.refusal, "no.");
    assert.equal(slot.answer?.finishReason, "stop");
  });

  it("2. for json_schema the SDK parses the answer itself and throws on an empty or cut-off one; upstream.ts recognizes it", async () => {
    for (const next of [{ content: "" }, { content: '{"conditions": [', finishReason: "length" as const }]) {
      const { error, slot } = await call(next);
      assert.ok(error, `the SDK throws on ${JSON.stringify(next)} (if not, upstream.ts item 2 is obsolete)`);
      assert.equal(isSdkAnswerCheck(error), true, String(error));
      assert.ok(slot.answer, "and the answer arrived whole before it threw");
    }
  });

  it("3. transport failures: a reset socket, an attempt timeout, an HTTP status with its headers", async () => {
    const reset = await call({ reset: true });
    assert.equal(isSdkConnectionError(reset.error), true, String(reset.error));
    const timeout = await call({ hang: true }, { timeoutMs: 200 });
    assert.equal(isSdkTimeout(timeout.error), true, String(timeout.error));
    const limited = await call({ status: 429, headers: { "retry-after-ms": "20" } });
    assert.equal((limited.error as { status?: unknown }).status, 429);
    assert.equal(retryAfterMs(limited.error), 20);
  });
});

it("4. langgraph-api still hands a graph factory the run's context as runtime.executionRuntime.context", () => {
  const declared = readFileSync(
    join(ROOT, "node_modules/@langchain/langgraph-api/dist/graph/load.utils.d.mts"),
    "utf8",
  ).replace(/\s+/g, " ");
  assert.match(
    declared,
    /export type ServerRuntime<Context = unknown> = \{[^}]*executionRuntime: \{ context: Context \| undefined; \};/,
  );
  assert.match(declared, /executionRuntime: null;/);
});
