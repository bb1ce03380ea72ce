// The fault matrix through the CLI, as a user meets it: exit 3, the surviving filter and the
// error record on stdout, RECIPE_FILTERS_MAX_RETRIES / RECIPE_FILTERS_TIMEOUT_MS honoured,
// and a complete trace in the receiver once the process has exited.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PADDING } from "../bench/load-queries.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { checkTraces, describeCompleteness } from "../stand-ins/received-traces.js";
import { runCli } from "./support/cli.js";
import { assertCompleteTrace, assertIsolatedFailure, useFaultBench } from "./support/fault-bench.js";
import { FAULT_CASES, FAULT_QUERY, isFailingBranchRequest, OVERSIZED_ANSWER_CASE } from "./support/fault-cases.js";

const bench = useFaultBench();

/**
 * The hanging case's attempt timeout. It bounds the healthy branch too, whose answer must
 * arrive within it on a loaded machine: generous, at the cost of waiting that long once.
 */
const HANG_TIMEOUT_MS = 5_000;

describe("CLI under faults", () => {
  for (const c of [...FAULT_CASES, OVERSIZED_ANSWER_CASE]) {
    // One retry for the retried kinds (the CLI keeps its real backoff: 0.5 s plus jitter).
    const maxRetries = c.retried ? 1 : 0;
    it(`${c.name}: exit 3, ${c.kind} in errors, ${1 + (c.retried ? maxRetries : 0)} attempt(s), complete trace`, async () => {
      bench.startCase(c.reply);
      const r = await runCli(["--json", FAULT_QUERY], {
        OPENAI_BASE_URL: bench.server.url,
        RECIPE_FILTERS_MAX_RETRIES: String(maxRetries),
        RECIPE_FILTERS_TIMEOUT_MS: String(c.kind === "timeout" ? HANG_TIMEOUT_MS : 10_000),
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: bench.receiver.url,
        LANGSMITH_API_KEY: "lsv2_cli_faults_key_0123456789",
      });
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stderr, "");
      const expected =
        c.kind === "timeout"
          ? { ...c, message: new RegExp(c.message.source.replace("1500 ms", `${HANG_TIMEOUT_MS} ms`)) }
          : c;
      assertIsolatedFailure(JSON.parse(r.stdout), expected);
      const attempts = bench.attempts();
      assert.equal(attempts.length, 1 + maxRetries, "attempts the server saw");
      if (c.kind === "timeout") assert.ok(attempts[0].abortedByClient, "the connection was closed");
      // Checked after the process has exited: what was not sent by then is lost.
      assertCompleteTrace(bench.receiver, attempts.length);
    });
  }

  it("the readable summary names the failed branch and its kind, and still prints the surviving filter", async () => {
    bench.startCase({ refusal: "I can't help with that." });
    const r = await runCli([FAULT_QUERY], { OPENAI_BASE_URL: bench.server.url, RECIPE_FILTERS_MAX_RETRIES: "0" });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /cooking_time_min <= 10/);
    assert.match(r.stdout, /^error: +branch cooking_cost failed \(refusal\): the model refused/m);
  });

  for (const [variable, value] of [
    ["RECIPE_FILTERS_MAX_RETRIES", "two"],
    ["RECIPE_FILTERS_MAX_RETRIES", "-1"],
    ["RECIPE_FILTERS_TIMEOUT_MS", "0"],
    ["RECIPE_FILTERS_TIMEOUT_MS", "20s"],
  ])
    it(`exit 2 and one line for ${variable}=${value}`, async () => {
      const r = await runCli(["--json", FAULT_QUERY], { [variable]: value });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`^recipe-filters: invalid setting ${variable}: .*\\n$`));
    });
});

// A large answer (valid JSON padded with 70,000 newlines, as a local model under a JSON
// grammar sends) puts a ≥ 64 KB string in the trace, which the tracing client serializes on
// an unref'd worker; the process must still wait for its result, exit code and trace.
describe("CLI with a large model answer and tracing on", () => {
  let server: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  before(async () => {
    // Every branch but the cost branch answers padded; the cost branch fails, so the run is partial.
    server = await startOpenAIStandIn((req) => {
      if (isFailingBranchRequest(req)) return { status: 400, body: { error: { message: "bad request" } } };
      const reply = answer(req);
      return "json" in reply ? { content: JSON.stringify(reply.json) + PADDING } : reply;
    });
    receiver = await startLangSmithReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });
  const env = () => ({
    OPENAI_BASE_URL: server.url,
    RECIPE_FILTERS_MAX_RETRIES: "0",
    LANGSMITH_TRACING: "true",
    LANGSMITH_ENDPOINT: receiver.url,
    LANGSMITH_API_KEY: "lsv2_large_answer_key_0123456789",
  });

  for (let attempt = 1; attempt <= 3; attempt++)
    it(`one query (run ${attempt} of 3): exit 3, not 0, and the whole trace arrives`, async () => {
      receiver.runs.clear();
      const r = await runCli(["--json", FAULT_QUERY], env());
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stderr, "");
      assert.equal(JSON.parse(r.stdout).errors.length, 1);
      const shape = checkTraces(receiver.runs.values());
      assert.deepEqual(
        [shape.traces, shape.unfinished.length, shape.orphans.length],
        [1, 0, 0],
        describeCompleteness(shape),
      );
    });

  it("a batch of three: exit 3, three result lines, three whole traces", async () => {
    receiver.runs.clear();
    const r = await runCli(["--batch", "-"], env(), { input: `${FAULT_QUERY}\n${FAULT_QUERY} 2\n${FAULT_QUERY} 3\n` });
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout.trim().split("\n").length, 3);
    const shape = checkTraces(receiver.runs.values());
    assert.deepEqual(
      [shape.traces, shape.unfinished.length, shape.orphans.length],
      [3, 0, 0],
      describeCompleteness(shape),
    );
  });
});
