// Sixteen parallel model calls must not trip Node's MaxListenersExceededWarning. Every timed
// branch attempt adds one abort listener to a signal, and nothing in a branch may add more (our
// Retry-After wait, for one, listens on the attempt's own signal). LangGraph 1.7 shared one
// signal per superstep (langchain-ai/langgraphjs#1014); this runs WITHOUT the process-wide
// opt-in (allowAbortListenersFor, which the library never calls itself), so it also shows the
// library needs none.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { createRegistry } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { manyFilterTypes } from "./support/many-filter-types.js";

const REGISTRY = manyFilterTypes(16);
let server: OpenAIStandIn;
let failing = false;
before(async () => {
  const healthy = answerLikeTheExtractor(REGISTRY, { delayMs: 50 });
  server = await startOpenAIStandIn((req) =>
    failing ? { status: 429, headers: { "retry-after-ms": "30" } } : healthy(req),
  );
});
after(() => server.close());

it("16 parallel branches, succeeding and then retrying, raise no MaxListenersExceededWarning", async (t) => {
  // From Node's default, whatever another test file in this process raised it to (the CLI's opt-in).
  const inherited = EventEmitter.defaultMaxListeners;
  EventEmitter.defaultMaxListeners = 10;
  t.after(() => (EventEmitter.defaultMaxListeners = Math.max(inherited, EventEmitter.defaultMaxListeners)));
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const extractor = createExtractor({
      registry: createRegistry(REGISTRY),
      build: { maxRetries: 2, retryInitialIntervalMs: 5, retryJitter: false },
    });
    const context = { extractor: "llm" as const, baseUrl: server.url };
    const ok = await extractor.extract("3個", { context, signal: new AbortController().signal });
    assert.equal(ok.filters.length, REGISTRY.length);
    failing = true;
    const retried = await extractor.extract("3個", { context });
    assert.equal(retried.errors.length, REGISTRY.length);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  assert.deepEqual(
    warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message),
    [],
  );
});
