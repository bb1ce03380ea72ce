// The point of the design: branches run at the same time, so N filter types cost about one
// model latency. Proved without a clock: the stand-in answers no request until every
// branch's request has arrived, which only parallel branches can satisfy.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { offlineFilters } from "./support/offline-filters.js";

/** Holds every answer until `count` requests are in flight at once, then answers them all. */
function answerWhenAllArrived(count: number, answer: (req: ChatRequest) => Reply) {
  let arrived = 0;
  let release: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => (release = resolve));
  return async (req: ChatRequest): Promise<Reply> => {
    if (++arrived === count) release();
    await allArrived;
    return answer(req);
  };
}

let server: OpenAIStandIn;
before(
  async () =>
    (server = await startOpenAIStandIn(
      answerWhenAllArrived(FILTER_TYPES.length, answerLikeTheExtractor(FILTER_TYPES)),
    )),
);
after(() => server.close());

it("every branch's request is in flight at the same time (none is answered before all have arrived)", async () => {
  // Sequential branches would leave the first request waiting for ever: its attempt timeout
  // fails the branch (no retry), and the errors below say so.
  const result = await createExtractor({ build: { maxRetries: 0, timeoutMs: 20_000 } }).extract(
    "2人分で300kcal以下、10分以内に500円未満で作れる副菜教えて",
    { context: { extractor: "llm", baseUrl: server.url } },
  );
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.filters, offlineFilters(result.query), "every branch's filters, merged");
  assert.ok(result.filters.length > 1);
  assert.equal(server.requests.length, FILTER_TYPES.length);
  const latestStart = Math.max(...server.requests.map((r) => r.startedAt));
  const earliestEnd = Math.min(...server.requests.map((r) => r.endedAt ?? Number.POSITIVE_INFINITY));
  assert.ok(latestStart <= earliestEnd, "no request ended before the last one started");
});
