// The fault matrix through the CLI, as a user meets it: exit 3, the surviving filter and the
// error record on stdout, RECIPE_FILTERS_MAX_RETRIES / RECIPE_FILTERS_TIMEOUT_MS honoured,
// and a complete trace in the receiver once the process has exited.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FAILING_BRANCH, FAULT_CASES, FAULT_QUERY, faultOnCostBranch, isFailingBranchRequest, SURVIVING_FILTER } from "./support/fault-cases.js";
import { runCli } from "./support/cli.js";
import { startLangSmithReceiver, type LangSmithReceiver } from "./support/langsmith-receiver.js";
import { startOpenAIStandIn, type OpenAIStandIn, type Reply } from "./support/openai-server.js";
import { checkTraces, describeCompleteness } from "./support/trace-completeness.js";

let server: OpenAIStandIn;
let receiver: LangSmithReceiver;
let fault: Reply = { status: 503 };
before(async () => {
  server = await startOpenAIStandIn(faultOnCostBranch(() => fault));
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});

describe("CLI under faults", () => {
  for (const c of FAULT_CASES) {
    // One retry for the retried kinds (the CLI keeps its real backoff: 0.5 s plus jitter).
    const maxRetries = c.retried ? 1 : 0;
    it(`${c.name}: exit 3, ${c.kind} in errors, ${1 + (c.retried ? maxRetries : 0)} attempt(s), complete trace`, async () => {
      fault = c.reply;
      server.requests.length = 0;
      receiver.runs.clear();
      const r = await runCli(["--json", FAULT_QUERY], {
        OPENAI_BASE_URL: server.url,
        RECIPE_FILTERS_MAX_RETRIES: String(maxRetries),
        RECIPE_FILTERS_TIMEOUT_MS: c.kind === "timeout" ? "300" : "10000",
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: receiver.url,
        LANGSMITH_API_KEY: "lsv2_cli_faults_key_0123456789",
      });
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stderr, "");
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(doc.filters, [SURVIVING_FILTER]);
      assert.equal(doc.errors.length, 1);
      assert.deepEqual([doc.errors[0].branch, doc.errors[0].kind], [FAILING_BRANCH, c.kind]);
      assert.match(doc.errors[0].message, c.message);

      const attempts = server.requests.filter((q) => isFailingBranchRequest(q.request));
      assert.equal(attempts.length, 1 + maxRetries, "attempts the server saw");
      if (c.kind === "timeout") assert.ok(attempts[0].abortedByClient, "the timeout closed the HTTP request itself");

      const completeness = checkTraces(receiver.runs.values());
      assert.equal(completeness.traces, 1, describeCompleteness(completeness));
      assert.deepEqual([completeness.orphans.length, completeness.unfinished.length, completeness.badRoots.length], [0, 0, 0], describeCompleteness(completeness));
      const failed = [...receiver.runs.values()].filter((run) => run.name === FAILING_BRANCH);
      assert.equal(failed.length, attempts.length);
      assert.ok(failed.every((run) => run.error), "the failed branch run carries its error");
    });
  }

  it("the readable summary names the failed branch and its kind, and still prints the surviving filter", async () => {
    fault = { refusal: "I can't help with that." };
    const r = await runCli([FAULT_QUERY], { OPENAI_BASE_URL: server.url, RECIPE_FILTERS_MAX_RETRIES: "0" });
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
