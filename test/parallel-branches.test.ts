// The point of the design: branches run at the same time, so N filter types cost about
// one model latency. Asserted on the server's request intervals, never on wall-clock limits.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { offlineFilters } from "./support/offline-filters.js";

let server: OpenAIStandIn;
before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: 300 }))));
after(() => server.close());

it("with 300 ms latency, every branch's request is in flight at the same time", async () => {
  const extractor = createExtractor();
  // A first query loads the model client once, so the measured one starts every branch warm.
  await extractor.extract("10分以内", { context: { extractor: "llm", baseUrl: server.url } });
  server.requests.length = 0;
  const result = await extractor.extract("2人分で300kcal以下、10分以内に500円未満で作れる副菜教えて", {
    context: { extractor: "llm", baseUrl: server.url },
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.filters, offlineFilters(result.query), "every branch's filters, merged");
  assert.ok(result.filters.length > 1);
  assert.equal(server.requests.length, FILTER_TYPES.length);
  const latestStart = Math.max(...server.requests.map((r) => r.startedAt));
  const earliestEnd = Math.min(...server.requests.map((r) => r.endedAt!));
  // Sequential calls would start the second request only after the first one's 300 ms ended.
  assert.ok(
    latestStart < earliestEnd,
    `requests overlap: last start ${latestStart.toFixed(0)} < first end ${earliestEnd.toFixed(0)}`,
  );
  assert.ok(earliestEnd - latestStart > 200, "they overlap for most of the latency, not by a sliver");
});
