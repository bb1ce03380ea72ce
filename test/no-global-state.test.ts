// Library code changes no process-wide state: building a graph and running it (through the
// chat-model path, with a key and URL credentials to redact) leaves Node's listener default,
// the environment, the process's listeners and every later redaction as they were.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, createRegistry } from "../src/filters/index.js";
import { redactSecrets } from "../src/secrets/redact.js";
import { createRunDecider } from "../src/settings/run.js";
import { compileGraph } from "../src/workflow/build.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { manyFilterTypes } from "./support/many-filter-types.js";

const KEY = "sk-library-caller-key-0123456789";
const PASSWORD = "url-password-0123456789";
let server: OpenAIStandIn;
before(async () => {
  server = await startOpenAIStandIn(answerLikeTheExtractor([...BUILT_IN_REGISTRY.types, ...manyFilterTypes(16)]));
});
after(() => server.close());

const processState = () => ({
  maxListeners: EventEmitter.defaultMaxListeners,
  env: JSON.stringify(process.env),
  listeners: ["warning", "SIGINT", "SIGTERM", "exit", "beforeExit"].map((e) => process.listenerCount(e)),
  // A value no caller of redactSecrets named: nothing may have been added to a hidden list.
  redacted: redactSecrets(`${KEY} ${PASSWORD}`),
});

it("building a graph and running it changes no global", async () => {
  const before = processState();
  const baseUrl = server.url.replace("http://", `http://user:${PASSWORD}@`);
  const runs = createRunDecider({ apiKey: KEY, baseUrl });
  const registry = createRegistry(manyFilterTypes(16));
  const graph = compileGraph(registry, { runs });
  const output = await graph.invoke({ query: "3個" }, { context: { extractor: "llm" } });
  assert.equal(output.filters.length, 16);
  const result = await createExtractor({ settings: { apiKey: KEY, baseUrl } }).extract("10分以内", {
    context: { extractor: "llm" },
  });
  assert.equal(result.complete, true);
  assert.deepEqual(processState(), before);
  assert.equal(before.redacted, `${KEY.replace(/^sk-.*/, "[redacted]")} ${PASSWORD}`, "only the key's shape is known");
});
