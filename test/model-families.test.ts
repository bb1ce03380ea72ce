// What each model family is sent, through the real ChatOpenAI against the stand-in:
// reasoning models get no temperature and their token limit as max_completion_tokens;
// others get the temperature setting (0 by default) and max_tokens; gpt-4 / gpt-3.5 answer
// through one tool call, forced with "required" on a server that is not api.openai.com
// (llama.cpp reads only string tool choices, Ollama none); every other name gets a strict
// json_schema response format. Every call carries a token limit.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { MAX_ANSWER_TOKENS, MAX_REASONING_ANSWER_TOKENS, modelFamily } from "../src/model/model-family.js";
import { operatorSettingsFromEnv } from "../src/settings/environment.js";
import { SettingsError } from "../src/settings/operator.js";
import { createRunDecider } from "../src/settings/run.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const QUERY = "10分以内に500円未満で作れる副菜教えて";
/** The offline filters, evidence included: the model's quotes locate the same words. */
const EXPECTED = createExtractor()
  .extract(QUERY, { context: { extractor: "rules" } })
  .then((r) => r.filters);

let server: OpenAIStandIn;
before(async () => {
  server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
});
after(() => server.close());

/** Every setting explicit (temperature 0 is the default, see "settings"), so no exported variable reaches the test. */
async function bodiesFor(model: string, extra: { temperature?: number } = {}) {
  server.requests.length = 0;
  const result = await createExtractor().extract(QUERY, {
    context: { extractor: "llm", baseUrl: server.url, model, temperature: 0, ...extra },
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.filters, await EXPECTED);
  assert.equal(server.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
  return server.requests.map((r) => r.request.body);
}

describe("reasoning models", () => {
  for (const model of ["o1", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "openai/o3"]) {
    it(`${model}: no temperature, max_completion_tokens, json_schema`, async () => {
      for (const body of await bodiesFor(model, { temperature: 0.5 })) {
        assert.equal("temperature" in body, false, "no temperature, even when the setting names one");
        assert.equal(body.response_format?.type, "json_schema");
        if (!model.includes("/")) {
          assert.equal(body.max_completion_tokens, MAX_REASONING_ANSWER_TOKENS);
          assert.equal(body.max_tokens, undefined);
        }
        // A proxy's "openai/o3": the client sends max_tokens, which proxies accept; still a limit.
        else assert.equal(body.max_tokens ?? body.max_completion_tokens, MAX_REASONING_ANSWER_TOKENS);
      }
    });
  }
});

describe("other models", () => {
  for (const model of ["gpt-4o-mini", "gpt-4.1", "gpt-5-chat-latest", "qwen2.5:7b", "llama3.1"]) {
    it(`${model}: temperature, max_tokens, strict json_schema`, async () => {
      for (const body of await bodiesFor(model)) {
        assert.equal(body.temperature, 0);
        assert.equal(body.max_tokens, MAX_ANSWER_TOKENS);
        assert.equal(body.response_format?.type, "json_schema");
        assert.equal(body.response_format.json_schema.strict, true);
        assert.equal(body.tools, undefined);
      }
    });
  }

  it("the temperature setting is sent to models that take one", async () => {
    for (const body of await bodiesFor("gpt-4o-mini", { temperature: 0.3 })) assert.equal(body.temperature, 0.3);
  });

  for (const model of ["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo"]) {
    it(`${model}: one tool, forced with tool_choice "required" on a local server`, async () => {
      for (const body of await bodiesFor(model)) {
        assert.equal(body.response_format, undefined);
        assert.equal(body.tools.length, 1);
        assert.equal(body.tool_choice, "required");
        assert.equal(body.max_tokens, MAX_ANSWER_TOKENS);
        assert.equal(body.temperature, 0);
      }
    });
  }
});

describe("settings", () => {
  it("RECIPE_FILTERS_TEMPERATURE sets the temperature; a bad value is a settings error", () => {
    const temperatureFor = (env: Record<string, string>) =>
      createRunDecider(operatorSettingsFromEnv(env)).decide({ extractor: "llm" }).temperature;
    assert.equal(temperatureFor({}), 0);
    assert.equal(temperatureFor({ RECIPE_FILTERS_TEMPERATURE: "0.7" }), 0.7);
    assert.throws(() => temperatureFor({ RECIPE_FILTERS_TEMPERATURE: "warm" }), SettingsError);
    assert.throws(() => temperatureFor({ RECIPE_FILTERS_TEMPERATURE: "3" }), SettingsError);
  });

  it("families are decided by name the way @langchain/openai decides", () => {
    assert.deepEqual(
      ["o1", "gpt-5-nano", "gpt-5-chat-latest", "gpt-4o", "gpt-4", "gpt-4-0613", "llama3.1"].map(
        (m) => `${modelFamily(m).reasoning ? "reasoning" : "chat"}/${modelFamily(m).method}`,
      ),
      [
        "reasoning/json_schema",
        "reasoning/json_schema",
        "chat/json_schema",
        "chat/json_schema",
        "chat/tool_call",
        "chat/tool_call",
        "chat/json_schema",
      ],
    );
  });
});
