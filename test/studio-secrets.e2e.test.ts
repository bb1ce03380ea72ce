// The operator's key never reaches a LangGraph API client, a thread or the dev server's traces,
// even when the model server echoes it (some OpenAI-compatible proxies do): in a 401 message,
// in a refusal and in a (non-JSON) answer, each streamed in small deltas that cut the key
// apart. Checked on every surface of `langgraphjs dev`: every SSE stream mode, the waited
// output, the thread, its state and history, and the runs the server's own tracer sends to
// LangSmith (played by the receiver). Nothing leaves 127.0.0.1.

import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { type LangGraphDev, startDevInIsolatedProject } from "./support/langgraph-dev.js";

const GRAPH_ID = "recipe_filters";
/** Not shaped like an OpenAI key, so only redaction by value can catch it. */
const KEY = "operator-key-NOT-REAL-4f9c2a71e8d3";
const QUERY = "10分以内に500円未満で作れる副菜教えて";
const STREAM_MODES = ["values", "updates", "tasks", "debug", "messages", "messages-tuple", "events", "checkpoints"];
/** Three branches the answer gate asks for QUERY: each echoes the key its own way (a gated branch makes no request). */
const [time, cost, third] = typesAskedFor(QUERY, FILTER_TYPES);

/** The key the request carried, echoed three ways; the other branches answer normally. */
function echoTheKey(req: ChatRequest): Reply {
  const key = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
  if (req.schemaName === cost.answerName)
    return {
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${key}.`, type: "invalid_request_error" } },
    };
  if (req.schemaName === time.answerName) return { refusal: `I will not use the key ${key}`, chunkChars: 3 };
  if (req.schemaName === third.answerName) return { content: `your key is ${key}, not JSON`, chunkChars: 3 };
  return answerLikeTheExtractor(FILTER_TYPES)(req);
}

describe("the operator's key on the dev server's surfaces (a model server that echoes it)", () => {
  let dev: LangGraphDev | undefined;
  let standIn: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  const seen: Record<string, string> = {};

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${dev!.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  };

  before(async () => {
    standIn = await startOpenAIStandIn(echoTheKey);
    receiver = await startLangSmithReceiver();
    dev = await startDevInIsolatedProject({
      env: {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: standIn.url,
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: receiver.url,
        LANGSMITH_API_KEY: "lsv2_studio_secrets_test_key_0123",
      },
    });
    const thread = JSON.parse(await api("POST", "/threads", {})) as { thread_id: string };
    const id = thread.thread_id;
    // Every stream mode at once, as raw SSE bytes; then a waited run on the same thread.
    seen.stream = await api("POST", `/threads/${id}/runs/stream`, {
      assistant_id: GRAPH_ID,
      input: { query: QUERY },
      stream_mode: STREAM_MODES,
    });
    seen.wait = await api("POST", `/threads/${id}/runs/wait`, { assistant_id: GRAPH_ID, input: { query: QUERY } });
    seen.statelessWait = await api("POST", "/runs/wait", { assistant_id: GRAPH_ID, input: { query: QUERY } });
    seen.thread = await api("GET", `/threads/${id}`);
    seen.state = await api("GET", `/threads/${id}/state`);
    seen.history = await api("POST", `/threads/${id}/history`, { limit: 100 });
    seen.runs = await api("GET", `/threads/${id}/runs`);
  });

  after(async () => {
    await dev?.close();
    await standIn?.close();
    await receiver?.close();
  });

  it("the model server really got the key and echoed it in all three ways (the test is not vacuous)", () => {
    assert.ok(standIn.requests.some((r) => r.request.headers.authorization === `Bearer ${KEY}`));
    const output = JSON.parse(seen.wait) as { errors: { branch: string; kind: string; message: string }[] };
    const kinds = Object.fromEntries(output.errors.map((e) => [e.branch, e.kind]));
    assert.deepEqual([kinds[cost.name], kinds[time.name], kinds[third.name]], ["http", "refusal", "parse"]);
    assert.ok(seen.stream.includes("event: messages"), "the model's answer was streamed to the client");
    assert.ok(seen.stream.includes("[redacted]"), "and what it echoed arrived redacted");
  });

  for (const surface of ["stream", "wait", "statelessWait", "thread", "state", "history", "runs"])
    it(`${surface}: no key`, () => {
      assert.ok(seen[surface].length > 0);
      assert.ok(!seen[surface].includes(KEY), `${surface} carries the key: …${excerpt(seen[surface])}…`);
    });

  it("the stream carries no piece of the key either, in any mode", () => {
    // A key cut across deltas would reach a client as pieces; the longest piece of it that
    // could appear unredacted is shorter than its own distinct middle.
    assert.ok(!seen.stream.includes(KEY.slice(8, 24)), excerpt(seen.stream, KEY.slice(8, 24)));
  });

  it("the runs the dev server sends to LangSmith hold no key", async () => {
    const deadline = Date.now() + 30_000;
    const finishedRoots = () => [...receiver.runs.values()].filter((r) => !r.parent_run_id && r.end_time);
    while (finishedRoots().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(finishedRoots().length >= 3, `the three runs' traces arrived (${receiver.runs.size} runs)`);
    assert.ok(
      [...receiver.runs.values()].some((r) => typeof r.error === "string" && r.error.length > 0),
      "the failed branches' errors were traced",
    );
    const all = receiver.rawBodies.join("\n");
    assert.ok(!all.includes(KEY), `a trace carries the key: …${excerpt(all)}…`);
  });
});

function excerpt(text: string, needle = KEY) {
  const at = text.indexOf(needle);
  return at < 0 ? "" : text.slice(Math.max(0, at - 200), at + needle.length + 50);
}
