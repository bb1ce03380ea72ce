// In-process load: 200 queries through one extractor with tracing on, one in twenty with a
// large answer (JSON padded with 70,000 newlines) → 200 complete traces, no orphan or
// unfinished run. The traced batch through the CLI is in traced-batch.test.ts. The same check runs at any size from the command line
// (test/support/load-check.ts) and reports peak memory.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import { runLoadCheck } from "./support/load-check.js";

it("200 traced queries, some with large answers: every result whole, every trace whole", async (t) => {
  const report = await runLoadCheck({ queries: 200, concurrency: 16, paddedEvery: 20 });
  t.diagnostic(JSON.stringify(report));
  assert.equal(report.flushed, true);
  assert.equal(report.complete, 200);
  assert.equal(report.traces, 200);
  assert.deepEqual([report.orphans, report.unfinished, report.badRoots, report.misshapenTraces], [0, 0, 0, 0]);
});
