// LangGraph Studio end to end: `langgraphjs dev` serves langgraph.json's graph, and the
// real LangGraph SDK client checks what Studio reads from it — the drawing, the input and
// context schemas, a waited run and a streamed run — with the chat model played by the
// OpenAI-compatible stand-in. Nothing leaves 127.0.0.1.

import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Client } from "@langchain/langgraph-sdk";
import { FILTER_TYPES } from "../src/filters/index.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { ROOT } from "./support/cli.js";
import { type LangGraphDev, startLangGraphDev } from "./support/langgraph-dev.js";

const GRAPH_ID = "recipe_filters";
const QUERY = "10分以内に500円未満で作れる料理教えて";
const EXPECTED = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "cooking_cost_yen", operator: "<", value: 500 },
];
const [slow, fast] = FILTER_TYPES; // in the streamed run, cooking_time answers only after cooking_cost's update arrived
const GITIGNORE = join(ROOT, ".gitignore");
const STATE_DIR = join(ROOT, ".langgraph_api");

describe("LangGraph Studio (langgraphjs dev)", () => {
  let dev: LangGraphDev | undefined;
  let standIn: OpenAIStandIn;
  let client: Client;
  let gitignoreBefore: string;
  let stateDirExisted: boolean;
  const context = () => ({ extractor: "llm", baseUrl: standIn.url });
  let slowBranchMayAnswer: Promise<void> = Promise.resolve();

  before(async () => {
    gitignoreBefore = readFileSync(GITIGNORE, "utf8");
    stateDirExisted = existsSync(STATE_DIR);
    const answer = answerLikeTheExtractor(FILTER_TYPES);
    standIn = await startOpenAIStandIn(async (req) => {
      if (req.schemaName === slow.answerName) await slowBranchMayAnswer;
      return answer(req);
    });
    dev = await startLangGraphDev();
    client = new Client({ apiUrl: dev.url });
  });

  after(async () => {
    await dev?.close();
    await standIn.close();
    // The dev server keeps its in-memory state in .langgraph_api/ (git-ignored); a developer's own is left alone.
    if (!stateDirExisted) rmSync(STATE_DIR, { recursive: true, force: true });
  });

  it("draws one node per filter type plus the reducer, from START and into END", async () => {
    const [assistant] = await client.assistants.search({ graphId: GRAPH_ID });
    assert.ok(assistant, `an assistant for ${GRAPH_ID}:\n${dev!.output()}`);
    const drawing = await client.assistants.getGraph(assistant.assistant_id);
    const edges = drawing.edges.map((e) => `${e.source}->${e.target}`).sort();
    const expectedEdges = FILTER_TYPES.flatMap((t) => [`__start__->${t.name}`, `${t.name}->${REDUCE_NODE}`])
      .concat(`${REDUCE_NODE}->__end__`)
      .sort();
    assert.deepEqual(edges, expectedEdges);
    // LangGraph 1.7 draws each node's `errorHandler` as a node of its own, `__error_handler__<node>`,
    // with no edges; the flow is everything else.
    const ids = drawing.nodes.map((n) => String(n.id));
    const flow = ids
      .filter((id) => !id.startsWith("__error_handler__") && id !== "__start__" && id !== "__end__")
      .sort();
    assert.deepEqual(flow, [...FILTER_TYPES.map((t) => t.name), REDUCE_NODE].sort());
    const errorHandlers = ids.filter((id) => id.startsWith("__error_handler__")).sort();
    assert.deepEqual(errorHandlers, FILTER_TYPES.map((t) => `__error_handler__${t.name}`).sort());
  });

  it("publishes `query` as the input and the settings as the context (and config) schema", async () => {
    const [assistant] = await client.assistants.search({ graphId: GRAPH_ID });
    const schemas = await client.assistants.getSchemas(assistant.assistant_id);
    const properties = (schema: unknown) =>
      Object.keys((schema as { properties?: object } | null)?.properties ?? {}).sort();
    assert.deepEqual(properties(schemas.input_schema), ["query"]);
    assert.deepEqual(properties(schemas.context_schema), ["baseUrl", "extractor", "model", "temperature"]);
    assert.deepEqual(properties(schemas.config_schema), ["baseUrl", "extractor", "model", "temperature"]);
    assert.ok(properties(schemas.output_schema).includes("filters"));
  });

  it("runs/wait on { query } returns the filters, one chat-model call per filter type", async () => {
    standIn.requests.length = 0;
    const values = (await client.runs.wait(null, GRAPH_ID, { input: { query: QUERY }, context: context() })) as {
      filters: unknown;
      errors: unknown;
    };
    assert.deepEqual(values.filters, EXPECTED);
    assert.deepEqual(values.errors, []);
    assert.equal(standIn.requests.length, FILTER_TYPES.length);
  });

  it("a streamed run (updates) shows each branch's update as it finishes, then the reducer's", async () => {
    let release!: () => void;
    slowBranchMayAnswer = new Promise((resolve) => (release = resolve));
    const updates: string[] = [];
    for await (const chunk of client.runs.stream(null, GRAPH_ID, {
      input: { query: QUERY },
      context: context(),
      streamMode: "updates",
    })) {
      if (chunk.event !== "updates") continue;
      updates.push(...Object.keys(chunk.data as object));
      // The slow branch answers only once the fast branch's update has reached this client,
      // so the update was sent when its branch ended, not with the rest at the end.
      if (updates.includes(fast.name)) release();
    }
    assert.deepEqual(
      [...updates].sort(),
      [...FILTER_TYPES.map((t) => t.name), REDUCE_NODE].sort(),
      "every branch once, and the reducer",
    );
    assert.deepEqual(
      updates.filter((name) => name === fast.name || name === slow.name || name === REDUCE_NODE),
      [fast.name, slow.name, REDUCE_NODE],
    );
  });

  it("stops cleanly: the whole process group is gone and .gitignore is untouched", async () => {
    const pid = dev!.pid;
    await dev!.close();
    dev = undefined;
    assert.throws(() => process.kill(-pid, 0), { code: "ESRCH" }, "no process of the dev server's group survives");
    assert.equal(readFileSync(GITIGNORE, "utf8"), gitignoreBefore);
  });
});
