// A traced batch through the CLI (its own process; the stand-ins in this one): every trace
// arrives whole, also with large answers among the queries; one line in k is traced when
// RECIPE_FILTERS_TRACE_EVERY=k; an unreachable endpoint is one warning that counts the
// traces not delivered. The 1,000-query version with peak RSS runs in `npm run bench`.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { runCliBatchLoadCheck } from "../bench/cli-batch-load.js";
import { runCli } from "./support/cli.js";
import { closedPortUrl } from "./support/dead-endpoints.js";
import { offlineFilters } from "./support/offline-filters.js";

describe("a traced --batch", () => {
  it("100 queries at concurrency 32, one in ten with a 70,000-newline answer: 100 whole traces, exit 0", async (t) => {
    const { results, ...report } = await runCliBatchLoadCheck({ queries: 100, concurrency: 32, paddedEvery: 10 });
    t.diagnostic(JSON.stringify(report));
    assert.equal(report.exitCode, 0, report.stderr);
    assert.equal(report.stderr, "");
    const complete = results.filter(
      (r) => r.errors.length === 0 && isDeepStrictEqual(r.filters, offlineFilters(r.query)),
    );
    assert.deepEqual([results.length, complete.length, report.traces], [100, 100, 100]);
    assert.deepEqual([report.orphans, report.unfinished, report.badRoots, report.misshapenTraces], [0, 0, 0, 0]);
  });

  it("RECIPE_FILTERS_TRACE_EVERY=4: lines 1, 5, 9 traced out of 12, every result still there", async () => {
    const report = await runCliBatchLoadCheck({
      queries: 12,
      concurrency: 4,
      env: { RECIPE_FILTERS_TRACE_EVERY: "4" },
    });
    assert.equal(report.exitCode, 0, report.stderr);
    assert.equal(report.results.length, 12);
    assert.deepEqual([report.traces, report.unfinished, report.misshapenTraces], [3, 0, 0]);
  });

  it("an unreachable endpoint: the results, then one warning counting the traces not delivered", async () => {
    const r = await runCli(
      ["--batch", "-"],
      {
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: await closedPortUrl(),
        LANGSMITH_API_KEY: "lsv2_traced_batch_key_0123456789",
      },
      { input: "10分以内 1\n10分以内 2\n10分以内 3\n" },
    );
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim().split("\n").length, 3);
    assert.match(
      r.stderr,
      /^recipe-filters: warning: 3 of 3 traces were not delivered to LangSmith \(last error: ECONNREFUSED\)\n$/,
    );
  });
});
