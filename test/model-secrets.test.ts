// Secrets scrubbed where the bytes come in (src/model/answer-fetch.ts, src/secrets/): the
// `Basic …` value built from an endpoint URL's credentials when a server echoes it, a key cut
// across the deltas of a streamed answer, and the LangSmith key that must not follow a redirect.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { answerFetch } from "../src/model/answer-fetch.js";
import { type AnswerSlot, withAnswerSlot } from "../src/model/upstream.js";
import { createRedactor, REDACTED } from "../src/secrets/redactor.js";
import { streamRedactor } from "../src/secrets/stream-redactor.js";
import { createRunDecider } from "../src/settings/run.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { compileGraph } from "../src/workflow/build.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { type ChatRequest, type OpenAIStandIn, type Reply, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const QUERY = "10分以内に500円未満で作れる副菜教えて";

describe("an endpoint URL's credentials, echoed back by the server as the Basic authorization it got", () => {
  let server: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  const [first] = FILTER_TYPES;
  before(async () => {
    // One branch gets a 401 quoting the header, every other a refusal quoting it, streamed in pieces.
    server = await startOpenAIStandIn((req: ChatRequest): Reply => {
      const header = String(req.headers.authorization ?? "");
      return req.schemaName === first.answerName
        ? { status: 401, body: { error: { message: `bad credentials: ${header}` } } }
        : { refusal: `you sent ${header}`, chunkChars: 5 };
    });
    receiver = await startLangSmithReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  for (const stream of [false, true])
    it(`reaches no result and no trace (${stream ? "streamed" : "whole"})`, async () => {
      receiver.rawBodies.length = 0;
      const basic = Buffer.from("url-user:url-pa55word-0123").toString("base64");
      const baseUrl = `http://url-user:url-pa55word-0123@127.0.0.1:${new URL(server.url).port}/v1`;
      const tracing = createTracing({ apiUrl: receiver.url, apiKey: "lsv2_model_secrets_test_0123456789" });
      const extractor = createExtractor({ settings: { baseUrl }, build: { maxRetries: 0 } });
      const config = { callbacks: [tracing.tracer] };
      let result: unknown;
      if (!stream) result = await extractor.extract(QUERY, config);
      else {
        // LangGraph's messages mode makes the model call stream, and hands out every delta.
        const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ baseUrl }), maxRetries: 0 });
        const chunks: unknown[] = [];
        for await (const chunk of await graph.stream(
          { query: QUERY },
          { ...config, streamMode: ["messages", "values"] },
        ))
          chunks.push(chunk);
        result = chunks;
        assert.ok(server.requests.at(-1)?.request.stream, "the model call streamed");
      }
      assert.equal(await tracing.flush(10_000), true);
      assert.ok(
        server.requests.some((r) => r.request.headers.authorization === `Basic ${basic}`),
        "the credentials were sent as Basic authorization",
      );
      const everything = [JSON.stringify(result), ...receiver.rawBodies].join("\n");
      assert.ok(everything.includes(REDACTED), "what the server echoed arrived, redacted");
      assert.ok(!everything.includes(basic), `the Basic value leaked: …${everything.slice(0, 600)}…`);
      assert.ok(!everything.includes("url-pa55word-0123"));
    });
});

describe("the LangSmith client", () => {
  it("refuses a redirect rather than carry x-api-key to another host", async () => {
    const elsewhere: IncomingHttpHeaders[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    // "localhost" is another origin than 127.0.0.1: a cross-origin redirect, as to a stranger's host.
    const redirecting = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${otherUrl.replace("127.0.0.1", "localhost")}${req.url}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    try {
      const key = "lsv2_redirect_test_key_0123456789";
      const tracing = createTracing({
        apiUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
        apiKey: key,
      });
      await createExtractor().extract(QUERY, { callbacks: [tracing.tracer] });
      assert.equal(await tracing.flush(2_000), false, "nothing was delivered");
      assert.deepEqual(
        elsewhere.filter((headers) => headers["x-api-key"] === key),
        [],
        "the key did not follow the redirect",
      );
    } finally {
      redirecting.close();
      other.close();
    }
  });
});

describe("the redactor", () => {
  const redactor = createRedactor(["operator-key-0123456789"]);

  it("returns a payload that holds no secret as it is, and copies only the path to one that does", () => {
    const clean = { a: [{ b: "10分以内" }], c: 1 };
    assert.equal(redactor.redactDeep(clean), clean);
    const dirty = { a: [{ b: "key operator-key-0123456789" }], c: { d: "x" } };
    const out = redactor.redactDeep(dirty);
    assert.notEqual(out, dirty);
    assert.deepEqual(out, { a: [{ b: `key ${REDACTED}` }], c: { d: "x" } });
    assert.equal(out.c, dirty.c, "an untouched branch is shared, not cloned");
    assert.equal(dirty.a[0].b, "key operator-key-0123456789", "the original is not changed");
  });

  it("redacts what a class instance serializes to (a message's toJSON), and leaves it when clean", () => {
    const message = { toJSON: () => ({ kwargs: { content: "operator-key-0123456789" } }) };
    assert.deepEqual(redactor.redactDeep({ m: message }), { m: { kwargs: { content: REDACTED } } });
    const cleanMessage = { toJSON: () => ({ kwargs: { content: "ok" } }) };
    const payload = { m: cleanMessage };
    assert.equal(redactor.redactDeep(payload), payload);
  });

  it("pre-tests each string once: patterns (sk-…, URL credentials, secret query values) and literals", () => {
    for (const text of [
      "sk-abcdefgh12345",
      "http://u:p@host/v1",
      "http://h/v1?api-key=abc",
      "x operator-key-0123456789",
    ])
      assert.equal(redactor.mayHold(text), true, text);
    for (const text of ["10分以内に500円未満", '{"operator":"<=","value":10}', "operator-key"])
      assert.equal(redactor.mayHold(text), false, text);
  });

  it("a streamed text: a key cut anywhere between deltas never comes out, whole or in pieces", () => {
    const key = "operator-key-0123456789";
    const text = `before ${key} middle sk-abcdefghijklmnop after`;
    for (let size = 1; size <= 8; size++) {
      const stream = streamRedactor(redactor);
      let out = "";
      for (let i = 0; i < text.length; i += size) out += stream.push(text.slice(i, i + size));
      out += stream.flush();
      assert.equal(out, `before ${REDACTED} middle ${REDACTED} after`, `pieces of ${size}`);
    }
  });
});

describe("the model client's fetch (answer-fetch.ts) scrubs bytes however they arrive", () => {
  const key = "operator-key-0123456789";
  const redactor = createRedactor([key]);
  /** A response whose body arrives one byte at a time: every network chunk boundary at once. */
  const byteByByte = (text: string, contentType: string) => async () => {
    const bytes = new TextEncoder().encode(text);
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < bytes.length) controller.enqueue(bytes.subarray(i, ++i));
        else controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": contentType } });
  };

  it("an SSE stream cut into single bytes, the key split across deltas and multi-byte text around it", async () => {
    const event = (content: string) =>
      `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const pieces = ["答えは ", key.slice(0, 7), key.slice(7, 15), key.slice(15), " です"];
    const sse = `${pieces.map(event).join("")}data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`;
    const slot: AnswerSlot = {};
    const fetch = answerFetch({ send: byteByByte(sse, "text/event-stream"), redactor });
    const text = await withAnswerSlot(slot, async () => (await fetch("http://127.0.0.1/v1/chat/completions")).text());
    assert.ok(!text.includes(key.slice(7, 15)), `a piece of the key got through: ${text}`);
    assert.equal(slot.answer?.content, `答えは ${REDACTED} です`);
    const streamed = text
      .split("\n\n")
      .filter((e) => e.startsWith("data: {"))
      .map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? "")
      .join("");
    assert.equal(streamed, `答えは ${REDACTED} です`, "what the client reads joins to the redacted answer");
  });

  it("a JSON body that spells the key with escapes", async () => {
    const escaped = `{"error":{"message":"bad key ${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"}}`;
    const fetch = answerFetch({ send: byteByByte(escaped, "application/json"), redactor });
    const body = (await (await fetch("http://127.0.0.1/v1/chat/completions")).json()) as { error: { message: string } };
    assert.equal(body.error.message, `bad key ${REDACTED}`);
  });
});
