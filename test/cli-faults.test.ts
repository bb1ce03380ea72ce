// The fault matrix through the CLI, as a user meets it: exit 3, the surviving filter and the
// error record on stdout, RECIPE_FILTERS_MAX_RETRIES / RECIPE_FILTERS_TIMEOUT_MS honoured,
// and a complete trace in the receiver once the process has exited.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { assertCompleteTrace, assertIsolatedFailure, useFaultBench } from "./support/fault-bench.js";
import { FAULT_CASES, FAULT_QUERY } from "./support/fault-cases.js";

const bench = useFaultBench();

describe("CLI under faults", () => {
  for (const c of FAULT_CASES) {
    // One retry for the retried kinds (the CLI keeps its real backoff: 0.5 s plus jitter).
    const maxRetries = c.retried ? 1 : 0;
    it(`${c.name}: exit 3, ${c.kind} in errors, ${1 + (c.retried ? maxRetries : 0)} attempt(s), complete trace`, async () => {
      bench.startCase(c.reply);
      const r = await runCli(["--json", FAULT_QUERY], {
        OPENAI_BASE_URL: bench.server.url,
        RECIPE_FILTERS_MAX_RETRIES: String(maxRetries),
        RECIPE_FILTERS_TIMEOUT_MS: c.kind === "timeout" ? "1500" : "10000",
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: bench.receiver.url,
        LANGSMITH_API_KEY: "lsv2_cli_faults_key_0123456789",
      });
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stderr, "");
      assertIsolatedFailure(JSON.parse(r.stdout), c);
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
