// The CLI as a subprocess, as a user runs it: output, exit codes, trace flushing.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";
import { byTrace } from "./support/trace-shape.js";
import { withoutEvidence } from "./support/without-evidence.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";
const SEED_FILTERS = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "cooking_cost_yen", operator: "<", value: 500 },
  { column: "dish_category", operator: "=", value: "副菜" },
];
/** On the llm path, with the words the model quoted, located in the query. */
const SEED_EVIDENCE = ["10分以内", "500円未満", "副菜"];

describe("CLI", () => {
  let server: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  before(async () => {
    // The cost branch fails whenever the query mentions "fail-cost"; everything else answers.
    server = await startOpenAIStandIn((req) =>
      req.user.includes("fail-cost") && req.schemaName === "cooking_cost_yen_conditions"
        ? { status: 400, body: { error: { message: "bad request" } } }
        : answer(req),
    );
    receiver = await startLangSmithReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it("--json with no key prints exactly one JSON document from the offline extractor, exit 0", async () => {
    const r = await runCli(["--json", SEED]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.query, SEED);
    assert.equal(doc.extractor, "rules");
    assert.deepEqual(withoutEvidence(doc.filters), SEED_FILTERS);
    // Each filter carries the words of the query it was read from.
    assert.deepEqual(
      doc.filters.map((f: { evidence?: { text: string } }) => f.evidence?.text),
      ["10分以内", "500円未満", "副菜"],
    );
    assert.deepEqual(doc.errors, []);
    assert.equal(r.stderr, "");
  });

  it("the readable summary names every filter", async () => {
    const r = await runCli([SEED]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /cooking_time_min <= 10/);
    assert.match(r.stdout, /cooking_cost_yen < 500/);
  });

  it("with OPENAI_BASE_URL it asks the chat model, one request per branch the answer gate asks", async () => {
    server.requests.length = 0;
    const r = await runCli(["--json", SEED], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.extractor, "llm");
    assert.deepEqual(withoutEvidence(doc.filters), SEED_FILTERS);
    assert.deepEqual(
      doc.filters.map((f: { evidence: { text: string } }) => f.evidence.text),
      SEED_EVIDENCE,
    );
    assert.equal(doc.residual, "作れる 教えて");
    assert.equal(server.requests.length, typesAskedFor(SEED, FILTER_TYPES).length);
  });

  for (const [name, args] of [
    ["empty", [""]],
    ["blank", ["   \t "]],
    ["zero-width-only", ["\u200b\u2060\ufeff"]],
    ["missing", []],
    ["unknown option", ["--frobnicate", SEED]],
    ["bad extractor", ["--extractor", "magic", SEED]],
  ] as const) {
    it(`exit 2 with one clear stderr line for a ${name} query or usage error`, async () => {
      const r = await runCli(["--json", ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("exit 2 for an unusable setting in the environment", async () => {
    const r = await runCli(["--json", SEED], { RECIPE_FILTERS_EXTRACTOR: "magic" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^recipe-filters: invalid setting RECIPE_FILTERS_EXTRACTOR: .*\n$/);
  });

  it("exit 3 when a branch fails; the other branch's filters are still printed", async () => {
    const r = await runCli(["--json", `${SEED} fail-cost`], {
      OPENAI_BASE_URL: server.url,
      RECIPE_FILTERS_MAX_RETRIES: "0",
    });
    assert.equal(r.code, 3, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(withoutEvidence(doc.filters), [SEED_FILTERS[0], SEED_FILTERS[2]]);
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.errors[0].branch, "cooking_cost");
    assert.equal(doc.errors[0].kind, "http");
    assert.match(doc.errors[0].message, /400/);
  });

  it("exit 1 and one line for anything unexpected", async () => {
    const r = await runCli(["--json", SEED], {}, { brokenStdout: true });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^recipe-filters: unexpected error: simulated stdout failure\n$/);
  });

  it("--help documents the options and the exit codes", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    for (const word of ["--json", "--extractor", "OPENAI_BASE_URL", "Exit codes", "partial result"])
      assert.ok(r.stdout.includes(word), word);
    // npm's banner would go to stdout before the JSON (run as written in cli.e2e.test.ts).
    assert.doesNotMatch(r.stdout, /npm start --/, "every example runs npm silently");
  });

  it("flushes every trace run before it exits", async () => {
    receiver.runs.clear();
    const r = await runCli(["--json", SEED], {
      OPENAI_BASE_URL: server.url,
      LANGSMITH_TRACING: "true",
      LANGSMITH_ENDPOINT: receiver.url,
      LANGSMITH_API_KEY: "lsv2_cli_test_key_0123456789",
    });
    assert.equal(r.code, 0, r.stderr);
    // Checked after the process has exited: what was not sent by then is lost.
    const traces = byTrace(receiver.runs.values());
    assert.equal(traces.size, 1);
    const runs = [...receiver.runs.values()];
    assert.ok(
      runs.length >= 1 + FILTER_TYPES.length * 2 + 1,
      `graph, branches, LLM calls and reducer: got ${runs.length}`,
    );
    assert.ok(
      runs.every((run) => run.end_time),
      "every run ended",
    );
    const asked = typesAskedFor(SEED, FILTER_TYPES);
    assert.equal(runs.filter((run) => run.run_type === "llm").length, asked.length);
    // Each branch the gate skipped says so in the trace, and why.
    const skipped = runs.filter((run) => run.name === "answer_gate");
    assert.equal(skipped.length, FILTER_TYPES.length - asked.length);
    assert.ok(skipped.length > 0, "the seed query skips a branch, so the check above is not vacuous");
    for (const run of skipped) {
      assert.equal(run.outputs?.model_called, false);
      assert.match(String(run.outputs?.why), /^no /);
    }
  });
});
