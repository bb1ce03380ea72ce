// What a trace says about its run, read where LangSmith would read it (the receiver): the
// extractor, model, endpoint host and package version on the root run, the filter type on
// each branch's run, the caller's tags ("eval"); and never a credential, also when the
// operator wrote one into the endpoint URL.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { type LangSmithReceiver, type ReceivedRun, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { ROOT } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";
const VERSION = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string }).version;

let server: OpenAIStandIn;
let receiver: LangSmithReceiver;
before(async () => {
  server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});

const traced = () =>
  createTracing({ apiUrl: receiver.url, apiKey: "lsv2_test_key_not_real_0123456789", projectName: "metadata-test" });
const metadataOf = (run: ReceivedRun) => (run.extra?.metadata ?? {}) as Record<string, unknown>;
const tagsOf = (run: ReceivedRun) => (run.tags ?? []) as string[];

it("the root run names extractor, model, endpoint host and package version; each branch its filter type; eval runs are tagged", async () => {
  receiver.runs.clear();
  const tracing = traced();
  const extractor = createExtractor({ settings: { baseUrl: server.url, model: "gpt-4o-mini" }, tags: ["eval"] });
  const result = await extractor.extract(SEED, { callbacks: [tracing.tracer], metadata: { dataset_case: 7 } });
  assert.deepEqual(result.errors, []);
  assert.equal(await tracing.flush(10_000), true);

  const runs = [...receiver.runs.values()];
  const root = runs.find((r) => !r.parent_run_id)!;
  const host = new URL(server.url).host;
  assert.deepEqual(
    { ...metadataOf(root) },
    {
      ...metadataOf(root),
      extractor: "llm",
      model: "gpt-4o-mini",
      base_url_host: host,
      package_version: VERSION,
      dataset_case: 7,
    },
  );
  assert.deepEqual(
    tagsOf(root).filter((t) => ["recipe-filters", "extractor:llm", "eval"].includes(t)),
    ["recipe-filters", "extractor:llm", "eval"],
  );
  for (const type of FILTER_TYPES) {
    const branch = runs.find((r) => r.name === type.name && r.parent_run_id === root.id);
    assert.ok(branch, `a run for ${type.name}`);
    assert.equal(metadataOf(branch).filter_type, type.name);
    assert.equal(metadataOf(branch).filter_column, type.column);
  }
});

it("the offline extractor's trace says rules and no model", async () => {
  receiver.runs.clear();
  const tracing = traced();
  await createExtractor().extract(SEED, { callbacks: [tracing.tracer] });
  assert.equal(await tracing.flush(10_000), true);
  const root = [...receiver.runs.values()].find((r) => !r.parent_run_id)!;
  assert.equal(metadataOf(root).extractor, "rules");
  assert.equal(metadataOf(root).model, null);
  assert.equal(metadataOf(root).base_url_host, null);
  assert.ok(tagsOf(root).includes("extractor:rules"));
  assert.ok(!tagsOf(root).includes("eval"));
});

for (const [what, baseUrl] of [
  ["user:password@", (port: string) => `http://url-user:url-pa55word-0123@127.0.0.1:${port}/v1`],
  ["?api-key=", (port: string) => `http://127.0.0.1:${port}/v1?api-key=url-k3y-value-0123`],
] as const)
  it(`credentials in the endpoint URL (${what}) reach no message and no LangSmith payload`, async () => {
    receiver.rawBodies.length = 0;
    const tracing = traced();
    const url = baseUrl(new URL(server.url).port);
    const apiKey = "operator-key-not-shaped-like-one-0123";
    const result = await createExtractor({ settings: { apiKey, baseUrl: url }, build: { maxRetries: 0 } }).extract(
      SEED,
      { callbacks: [tracing.tracer] },
    );
    assert.equal(await tracing.flush(10_000), true);
    const everything = [JSON.stringify(result), ...receiver.rawBodies].join("\n");
    assert.ok(receiver.rawBodies.length > 0, "the trace arrived");
    for (const secret of ["url-pa55word-0123", "url-k3y-value-0123", apiKey])
      assert.ok(!everything.includes(secret), `${secret} leaked:\n${everything.slice(0, 2000)}`);
    // The credentials still work: user info becomes Basic authorization (this stand-in ignores a query string's).
    if (what === "user:password@") assert.deepEqual(result.errors, []);
    // The host is still there to see which server answered.
    assert.ok(everything.includes(`127.0.0.1:${new URL(server.url).port}`));
  });
