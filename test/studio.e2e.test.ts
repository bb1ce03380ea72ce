// LangGraph Studio end to end: `langgraphjs dev` serves langgraph.json's graph, and the
// real LangGraph SDK client checks what Studio reads from it — the drawing, the input,
// output and context schemas, waited and streamed runs, runs on one thread, refusals —
// with the chat model played by the OpenAI-compatible stand-in and LangSmith by the
// receiver. The server runs in a temporary project directory (its own .env or none), so a
// developer's .env never meets the test. Nothing leaves 127.0.0.1.

import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Client } from "@langchain/langgraph-sdk";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { PREPARE_NODE } from "../src/workflow/prepare.js";
import { MAX_QUERY_LENGTH } from "../src/workflow/query-check.js";
import { OUTPUT_KEYS } from "../src/workflow/state.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { ROOT } from "./support/cli.js";
import { type LangGraphDev, startDevInIsolatedProject } from "./support/langgraph-dev.js";

const GRAPH_ID = "recipe_filters";
const QUERY = "10分以内に500円未満で作れる料理教えて";
/** With the words the model quoted, located in the query. */
const EXPECTED = [
  { column: "cooking_time_min", operator: "<=", value: 10, evidence: { start: 0, end: 5, text: "10分以内" } },
  { column: "cooking_cost_yen", operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } },
];
/** A query the stand-in fails one branch for (HTTP 400, not retried): its run has an error record. */
const FAILING = "(壊れた枝) 15分以内の副菜";
const [slow, fast] = FILTER_TYPES; // in the streamed run, the slow branch answers only after the fast one's update arrived
/** The failing branch is one the answer gate asks for FAILING (a gated branch makes no request to fail). */
const failing = typesAskedFor(FAILING, FILTER_TYPES).filter((t) => t !== slow && t !== fast)[0];
const VERSION = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string }).version;
const sortedKeys = (value: object) => Object.keys(value).sort();

type Output = Record<string, unknown> & { filters: unknown[]; errors: unknown[]; warnings: unknown[] };

describe("LangGraph Studio (langgraphjs dev)", () => {
  let dev: LangGraphDev | undefined;
  let standIn: OpenAIStandIn;
  let elsewhere: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  let client: Client;
  let slowBranchMayAnswer: Promise<void> = Promise.resolve();

  before(async () => {
    const answer = answerLikeTheExtractor(FILTER_TYPES);
    standIn = await startOpenAIStandIn(async (req: ChatRequest) => {
      if (req.schemaName === slow.answerName) await slowBranchMayAnswer;
      if (req.user.includes("壊れた枝") && req.schemaName === failing.answerName) return { status: 400 };
      return answer(req);
    });
    elsewhere = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
    receiver = await startLangSmithReceiver();
    // No .env: the settings come from the environment alone.
    dev = await startDevInIsolatedProject({
      env: {
        OPENAI_BASE_URL: standIn.url,
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: receiver.url,
        LANGSMITH_API_KEY: "lsv2_studio_test_key_not_real_0123",
      },
    });
    client = new Client({ apiUrl: dev.url });
  });

  after(async () => {
    await dev?.close();
    await standIn.close();
    await elsewhere.close();
    await receiver.close();
  });

  const wait = (query: string, options: { thread?: string; context?: object } = {}) => {
    const payload = { input: { query }, context: options.context, raiseError: false };
    return (
      options.thread ? client.runs.wait(options.thread, GRAPH_ID, payload) : client.runs.wait(null, GRAPH_ID, payload)
    ) as Promise<Output & { __error__?: { error: string; message: string } }>;
  };

  it("draws prepare, one node per filter type and the reducer, from START into END", async () => {
    const [assistant] = await client.assistants.search({ graphId: GRAPH_ID });
    assert.ok(assistant, `an assistant for ${GRAPH_ID}:\n${dev!.output()}`);
    const drawing = await client.assistants.getGraph(assistant.assistant_id);
    const edges = drawing.edges.map((e) => `${e.source}->${e.target}`).sort();
    const expectedEdges = FILTER_TYPES.flatMap((t) => [`${PREPARE_NODE}->${t.name}`, `${t.name}->${REDUCE_NODE}`])
      .concat(`__start__->${PREPARE_NODE}`, `${REDUCE_NODE}->__end__`)
      .sort();
    assert.deepEqual(edges, expectedEdges);
    // LangGraph 1.7 draws each node's `errorHandler` as a node of its own, `__error_handler__<node>`,
    // with no edges; the flow is everything else.
    const ids = drawing.nodes.map((n) => String(n.id));
    const flow = ids
      .filter((id) => !id.startsWith("__error_handler__") && id !== "__start__" && id !== "__end__")
      .sort();
    assert.deepEqual(flow, [PREPARE_NODE, ...FILTER_TYPES.map((t) => t.name), REDUCE_NODE].sort());
  });

  it("publishes `query` as the input, the output's fields, and the settings form with the operator's defaults", async () => {
    const [assistant] = await client.assistants.search({ graphId: GRAPH_ID });
    const schemas = await client.assistants.getSchemas(assistant.assistant_id);
    const properties = (schema: unknown) => (schema as { properties?: Record<string, any> } | null)?.properties ?? {};
    assert.deepEqual(sortedKeys(properties(schemas.input_schema)), ["query"]);
    assert.deepEqual(sortedKeys(properties(schemas.output_schema)), [...OUTPUT_KEYS].sort());
    assert.deepEqual(sortedKeys(properties(schemas.context_schema)), ["baseUrl", "extractor", "model", "temperature"]);
    const form = properties(schemas.context_schema);
    assert.equal(form.baseUrl.default, standIn.url, "the form shows the operator's endpoint");
    assert.deepEqual(form.baseUrl.examples, [standIn.url], "and lists the endpoints a run may choose");
    assert.equal(form.model.default, "gpt-4o-mini");
  });

  it("runs/wait returns the output schema's fields only, with the extractor and model that answered", async () => {
    standIn.requests.length = 0;
    const values = await wait(QUERY);
    assert.deepEqual(sortedKeys(values), [...OUTPUT_KEYS].sort(), "no `candidates`, no internal channel");
    assert.deepEqual(values.filters, EXPECTED);
    assert.deepEqual(values.errors, []);
    assert.equal(values.extractor, "llm");
    assert.equal(values.model, "gpt-4o-mini");
    assert.equal(standIn.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
  });

  it("a streamed run shows each branch's update as it finishes, then the reducer's; its values carry output fields only", async () => {
    let release!: () => void;
    slowBranchMayAnswer = new Promise((resolve) => (release = resolve));
    const updates: string[] = [];
    const valueKeys = new Set<string>();
    for await (const chunk of client.runs.stream(null, GRAPH_ID, {
      input: { query: QUERY },
      streamMode: ["updates", "values"],
    })) {
      if (chunk.event === "values") for (const key of Object.keys(chunk.data as object)) valueKeys.add(key);
      if (chunk.event !== "updates") continue;
      updates.push(...Object.keys(chunk.data as object));
      // The slow branch answers only once the fast branch's update has reached this client,
      // so the update was sent when its branch ended, not with the rest at the end.
      if (updates.includes(fast.name)) release();
    }
    assert.deepEqual(
      [...updates].sort(),
      [PREPARE_NODE, ...FILTER_TYPES.map((t) => t.name), REDUCE_NODE].sort(),
      "prepare, every branch once, and the reducer",
    );
    assert.deepEqual(
      updates.filter((name) => name === fast.name || name === slow.name || name === REDUCE_NODE),
      [fast.name, slow.name, REDUCE_NODE],
    );
    assert.deepEqual(
      [...valueKeys].filter((key) => !OUTPUT_KEYS.includes(key as never)),
      [],
    );
  });

  it("runs on one thread do not mix: each answers its own query exactly as a stateless run does, waited or streamed", async () => {
    const queries = [
      "10分以内に500円未満で作れる副菜教えて",
      "500円で10分以内の主菜",
      FAILING,
      "dinner in under 20 minutes for less than 1000 yen",
      "10分以内に500円未満で作れる副菜教えて",
    ];
    const stateless = new Map<string, Output>();
    for (const query of new Set(queries)) stateless.set(query, await wait(query));
    assert.equal(
      (stateless.get(FAILING)!.errors as { branch: string }[])[0]?.branch,
      failing.name,
      "one run has an error",
    );

    const thread = await client.threads.create();
    for (const query of queries) {
      assert.deepEqual(
        await wait(query, { thread: thread.thread_id }),
        stateless.get(query),
        `waited on the thread: ${query}`,
      );
      let last: unknown;
      for await (const chunk of client.runs.stream(thread.thread_id, GRAPH_ID, {
        input: { query },
        streamMode: "values",
      }))
        if (chunk.event === "values") last = chunk.data;
      assert.deepEqual(last, stateless.get(query), `streamed on the thread: ${query}`);
    }
  });

  for (const [name, query, message] of [
    ["an empty", "", "the query is empty"],
    ["a blank", " \t\n　", "the query is blank"],
    ["a zero-width-only", "\u200b\u2060\ufeff\u200d", "the query is blank"],
    ["an over-long", "あ".repeat(MAX_QUERY_LENGTH + 1), `the maximum is ${MAX_QUERY_LENGTH}`],
  ] as const)
    it(`refuses ${name} query with one clear error and no model call`, async () => {
      standIn.requests.length = 0;
      const values = await wait(query);
      assert.match(values.__error__?.message ?? "", /UnusableQueryError/);
      assert.ok(values.__error__?.message.includes(message), values.__error__?.message);
      assert.equal(standIn.requests.length, 0);
    });

  it("refuses a run whose context names an endpoint the operator did not allow, before any request", async () => {
    standIn.requests.length = 0;
    const values = await wait(QUERY, { context: { extractor: "llm", baseUrl: elsewhere.url } });
    assert.match(values.__error__?.message ?? "", /SettingsError/);
    assert.match(values.__error__?.message ?? "", /is not one this server allows/);
    assert.equal(elsewhere.requests.length, 0, "nothing was sent to the endpoint the run named");
    assert.equal(standIn.requests.length, 0);
    // The allowed one, named explicitly, is fine.
    assert.deepEqual((await wait(QUERY, { context: { baseUrl: standIn.url } })).filters, EXPECTED);
  });

  for (const [name, input, context, message] of [
    ["a query that is not a string", { query: 42 }, undefined, "UnusableQueryError: the query must be a string"],
    ["an unknown extractor", { query: QUERY }, { extractor: "gpt" }, "SettingsError: invalid setting extractor"],
    ["a temperature out of range", { query: QUERY }, { temperature: 9 }, "SettingsError: invalid setting temperature"],
    ["a model name too long", { query: QUERY }, { model: "m".repeat(300) }, "SettingsError: invalid setting model"],
    ["a model name with spaces", { query: QUERY }, { model: "gpt 4o" }, "SettingsError: invalid setting model"],
  ] as const)
    it(`refuses ${name} with one clear line, not a dump of zod issues, and no model call`, async () => {
      standIn.requests.length = 0;
      const values = (await client.runs.wait(null, GRAPH_ID, {
        input,
        context,
        raiseError: false,
      } as any)) as Output & {
        __error__?: { message: string };
      };
      const error = JSON.parse(values.__error__?.message ?? "{}") as { error?: string; message?: string };
      assert.ok(`${error.error}: ${error.message}`.startsWith(message), JSON.stringify(values));
      assert.doesNotMatch(error.message ?? "", /\n|ZodError|"code"/);
      assert.equal(standIn.requests.length, 0);
    });

  it("a run interrupted by the next one on its thread says it did not complete; the next one did", async () => {
    let release!: () => void;
    slowBranchMayAnswer = new Promise((resolve) => (release = resolve));
    const thread = await client.threads.create();
    const first = fetch(`${dev!.url}/threads/${thread.thread_id}/runs/wait`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assistant_id: GRAPH_ID, input: { query: QUERY } }),
    });
    // The first run is waiting on its slow branch when the second one interrupts it.
    const deadline = Date.now() + 30_000;
    while (!standIn.requests.some((r) => r.request.schemaName === slow.answerName) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const second = await client.runs.create(thread.thread_id, GRAPH_ID, {
      input: { query: "20分以内" },
      multitaskStrategy: "interrupt",
    });
    const interrupted = (await (await first).json()) as Output;
    release();
    assert.equal(interrupted.complete, false, JSON.stringify(interrupted));
    const next = (await client.runs.join(thread.thread_id, second.run_id)) as Output;
    assert.equal(next.complete, true);
    assert.deepEqual(next.filters, [
      { column: "cooking_time_min", operator: "<=", value: 20, evidence: { start: 0, end: 5, text: "20分以内" } },
    ]);
  });

  it("its traces carry extractor, model, endpoint host, package version and tags, and the filter type on each branch", async () => {
    // The server's tracer sends in the background; wait (bounded) until a finished run arrives.
    const deadline = Date.now() + 30_000;
    const roots = () =>
      [...receiver.runs.values()].filter((r) => !r.parent_run_id && r.end_time && r.outputs?.extractor === "llm");
    while (roots().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const [root] = roots();
    assert.ok(root, `a finished root run arrived (${receiver.runs.size} runs)`);
    assert.equal(root.extra?.metadata?.package_version, VERSION);
    assert.equal(root.extra?.metadata?.extractor, "llm");
    assert.equal(root.extra?.metadata?.model, "gpt-4o-mini");
    assert.equal(root.extra?.metadata?.base_url_host, new URL(standIn.url).host);
    assert.deepEqual(
      (root.tags as string[]).filter((tag) => tag === "recipe-filters" || tag.startsWith("extractor:")).sort(),
      ["extractor:llm", "recipe-filters"],
    );
    assert.equal(root.outputs.model, "gpt-4o-mini");
    const branches = [...receiver.runs.values()].filter(
      (r) => r.parent_run_id === root.id && r.extra?.metadata?.filter_type,
    );
    assert.deepEqual(
      branches.map((r) => r.extra?.metadata?.filter_type).sort(),
      FILTER_TYPES.map((t) => t.name).sort(),
    );
    // A branch the answer gate skipped says so under its own run, and why; an asked one does not.
    const asked = typesAskedFor(root.inputs.query, FILTER_TYPES).map((t) => t.name);
    assert.ok(asked.length < FILTER_TYPES.length, "the root's query skips a branch, so this check is not vacuous");
    for (const branch of branches) {
      const gate = [...receiver.runs.values()].filter((r) => r.parent_run_id === branch.id && r.name === "answer_gate");
      if (asked.includes(branch.extra?.metadata?.filter_type)) assert.equal(gate.length, 0, branch.name);
      else {
        assert.equal(gate.length, 1, `${branch.name} was skipped and its trace says so`);
        assert.equal(gate[0].outputs?.model_called, false);
        assert.match(String(gate[0].outputs?.why), /^no /);
      }
    }
    assert.ok(!receiver.rawBodies.join("\n").includes("lsv2_studio_test_key_not_real_0123"));
  });

  it("stops cleanly: the whole process group is gone", async () => {
    const pid = dev!.pid;
    await dev!.close();
    dev = undefined;
    assert.throws(() => process.kill(-pid, 0), { code: "ESRCH" }, "no process of the dev server's group survives");
  });
});

describe("npm run dev reads .env as the CLI does", () => {
  let dev: LangGraphDev | undefined;
  let standIn: OpenAIStandIn;

  before(async () => {
    standIn = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
    dev = await startDevInIsolatedProject({
      dotenv: `OPENAI_BASE_URL=${standIn.url}\nRECIPE_FILTERS_MODEL=model-from-dotenv\n`, // nothing in the environment
    });
  });
  after(async () => {
    await dev?.close();
    await standIn.close();
  });

  it("the model and endpoint in .env answer, and the output says so", async () => {
    const values = (await new Client({ apiUrl: dev!.url }).runs.wait(null, GRAPH_ID, {
      input: { query: QUERY },
    })) as Output;
    assert.equal(values.extractor, "llm");
    assert.equal(values.model, "model-from-dotenv");
    assert.deepEqual(values.filters, EXPECTED);
    assert.equal(standIn.requests.length, typesAskedFor(QUERY, FILTER_TYPES).length);
    assert.ok(standIn.requests.every((r) => r.request.model === "model-from-dotenv"));
  });
});
