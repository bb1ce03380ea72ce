// Where the API key may go: only to an endpoint the operator configured (the default one or
// the allow-list). A run whose context names another is refused before any request — by
// the graph itself (Studio, the LangGraph API, direct graph use) and by the library facade
// when it holds a key. And the graph refuses an unusable query before any model call.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { operatorSettingsFromEnv } from "../src/settings/environment.js";
import { SettingsError } from "../src/settings/operator.js";
import { createRunDecider } from "../src/settings/run.js";
import { compileGraph } from "../src/workflow/build.js";
import { UnusableQueryError } from "../src/workflow/query-check.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const QUERY = "10分以内に500円未満で作れる副菜教えて";
const KEY = "sk-operator-key-for-tests-0123456789";

let configured: OpenAIStandIn;
let other: OpenAIStandIn;
before(async () => {
  configured = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  other = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
});
after(async () => {
  await configured.close();
  await other.close();
});
const reset = () => {
  configured.requests.length = 0;
  other.requests.length = 0;
};
const context = (baseUrl: string) => ({ extractor: "llm" as const, model: "gpt-4o-mini", baseUrl, temperature: 0 });

describe("the graph", () => {
  it("sends the key to the configured endpoint, and only there", async () => {
    reset();
    const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ apiKey: KEY, baseUrl: configured.url }) });
    const output = await graph.invoke({ query: QUERY }, { context: context(configured.url) });
    assert.deepEqual(output.errors, []);
    assert.equal(configured.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
    assert.ok(configured.requests.every((r) => r.request.headers.authorization === `Bearer ${KEY}`));
  });

  it("refuses a context endpoint the operator did not allow, before any request", async () => {
    reset();
    const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ apiKey: KEY, baseUrl: configured.url }) });
    await assert.rejects(graph.invoke({ query: QUERY }, { context: context(other.url) }), (error: Error) => {
      assert.ok(error instanceof SettingsError, String(error));
      assert.match(error.message, /is not one this server allows/);
      assert.ok(error.message.includes(configured.url), "it names the endpoints that are allowed");
      return true;
    });
    assert.equal(other.requests.length + configured.requests.length, 0);
  });

  it("allows an endpoint on the operator's allow-list", async () => {
    reset();
    const operator = operatorSettingsFromEnv({
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: configured.url,
      RECIPE_FILTERS_ALLOWED_BASE_URLS: ` ${other.url}/ , http://127.0.0.1:9/v1`,
    });
    const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider(operator) });
    const output = await graph.invoke({ query: QUERY }, { context: context(other.url) });
    assert.deepEqual(output.errors, []);
    assert.equal(other.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
    assert.equal(configured.requests.length, 0);
  });

  for (const query of ["", "  ", "\u200b\u2060\ufeff", "x".repeat(2001)])
    it(`refuses the query ${JSON.stringify(query.slice(0, 12))} before any model call`, async () => {
      reset();
      const graph = compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ baseUrl: configured.url }) });
      await assert.rejects(graph.invoke({ query }, { context: context(configured.url) }), UnusableQueryError);
      assert.equal(configured.requests.length, 0);
    });
});

describe("the library facade", () => {
  it("with a key: refuses another endpoint in a call's context", async () => {
    reset();
    const extractor = createExtractor({ settings: { apiKey: KEY, baseUrl: configured.url } });
    await assert.rejects(extractor.extract(QUERY, { context: { baseUrl: other.url } }), SettingsError);
    assert.equal(other.requests.length + configured.requests.length, 0);
  });

  it("without a key: the endpoint a call names is its own configuration (nothing secret goes with it)", async () => {
    reset();
    const result = await createExtractor().extract(QUERY, { context: { baseUrl: other.url } });
    assert.equal(result.extractor, "llm");
    assert.equal(other.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
    assert.ok(other.requests.every((r) => r.request.headers.authorization === "Bearer not-needed"));
  });

  it("a malformed endpoint is a settings error", () => {
    assert.throws(
      () => compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ baseUrl: "not a url" }) }),
      SettingsError,
    );
  });
});
