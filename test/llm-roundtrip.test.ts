// End to end: the real ChatOpenAI client against the OpenAI-compatible stand-in, in every
// shape ChatOpenAI uses for structured output.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { createRunDecider } from "../src/settings/run.js";
import { compileGraph } from "../src/workflow/build.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const QUERY = "10分以内に500円未満で作れる副菜教えて";
/** Each with the words the model quoted, located in the query (as the offline extractor records them). */
const EXPECTED = [
  { column: "cooking_time_min", operator: "<=", value: 10, evidence: { start: 0, end: 5, text: "10分以内" } },
  { column: "cooking_cost_yen", operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } },
  { column: "dish_category", operator: "=", value: "副菜", evidence: { start: 16, end: 18, text: "副菜" } },
];

describe("filters from a real ChatOpenAI round trip", () => {
  let server: OpenAIStandIn;
  before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES))));
  after(() => server.close());

  for (const [model, shape] of [
    ["gpt-4o-mini", "json_schema"],
    ["gpt-4", "tools"],
    ["gpt-3.5-turbo", "tools"],
  ] as const) {
    it(`${model} answers through ${shape}, one request per filter type`, async () => {
      server.requests.length = 0;
      const result = await createExtractor().extract(QUERY, {
        context: { extractor: "llm", baseUrl: server.url, model },
      });
      assert.deepEqual(result.filters, EXPECTED);
      assert.deepEqual(result.errors, []);
      assert.equal(result.extractor, "llm");
      assert.deepEqual(
        server.requests.map((r) => r.request.shape),
        typesAskedFor(QUERY, FILTER_TYPES).map(() => shape),
      );
      assert.deepEqual(
        server.requests.map((r) => r.request.schemaName).sort(),
        typesAskedFor(QUERY, FILTER_TYPES)
          .map((t) => t.answerName)
          .sort(),
      );
      // Each branch sends its own type's prompt and the query untouched.
      for (const { request } of server.requests) {
        const type = FILTER_TYPES.find((t) => t.answerName === request.schemaName)!;
        assert.equal(request.system, type.prompt);
        assert.equal(request.user, QUERY);
        assert.equal(request.model, model);
      }
    });
  }

  for (const model of ["gpt-4o-mini", "gpt-4"]) {
    it(`streams (stream: true, SSE) under streamMode "messages" with ${model}`, async () => {
      server.requests.length = 0;
      const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ baseUrl: server.url }) });
      let final: any;
      for await (const [mode, chunk] of await graph.stream(
        { query: QUERY },
        {
          context: { extractor: "llm" as const, baseUrl: server.url, model, temperature: 0 },
          streamMode: ["messages", "values"],
        },
      ))
        if (mode === "values") final = chunk;
      assert.deepEqual(final.filters, EXPECTED);
      assert.equal(server.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
      assert.ok(
        server.requests.every((r) => r.request.stream),
        "every request was streamed",
      );
    });
  }

  it("a query that names no time, cost or category yields no filters and no errors", async () => {
    const result = await createExtractor().extract("時短で簡単なおかず", {
      context: { extractor: "llm", baseUrl: server.url },
    });
    assert.deepEqual(result.filters, []);
    assert.deepEqual(result.errors, []);
  });
});
