// An offline batch with OpenTelemetry on keeps every trace: the batch loop yields to the event
// loop's timers and I/O between lines, so the span processor's exports finish while the batch
// runs (they did not: a chunk of input ran as one stream of microtasks, the processor's queue
// filled at 2,048 spans and every later span was dropped without a word). The same yielding lets
// an abort (a signal handler, a timer) reach the batch while it runs.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runBatch } from "../src/extractor/batch.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { FLUSH_TIMEOUT_MS } from "../src/tracing/langsmith.js";
import { openTelemetryWarning } from "../src/tracing/opentelemetry.js";
import { startOpenTelemetry } from "../src/tracing/opentelemetry-sdk.js";
import { EXPERIMENT_HEADER, type OtlpReceiver, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { runCli } from "./support/cli.js";
import { startSilentServer } from "./support/dead-endpoints.js";
import { beforeEachOfFile } from "./support/hooks.js";
import { describeTrees, spanTrees } from "./support/span-tree.js";

const LINES = 1_000;
/** Offline queries, each different, as a batch file's lines. */
const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => `${(i % 50) + 5}分以内に${i + 100}円未満で作れる副菜`);

let receiver: OtlpReceiver;
before(async () => {
  receiver = await startOtlpReceiver();
});
after(() => receiver.close());
beforeEachOfFile(import.meta.url, () => receiver.clear());

describe("an offline batch with OpenTelemetry on", () => {
  it(`${LINES} lines through runBatch give ${LINES} whole traces at the OTLP receiver`, async (t) => {
    const otel = startOpenTelemetry({ url: receiver.tracesUrl, headers: { [EXPERIMENT_HEADER]: "1" } });
    const extractor = createExtractor();
    let results = 0;
    try {
      for await (const result of runBatch(lines(LINES), extractor)) {
        assert.deepEqual(result.errors, []);
        results += 1;
      }
      assert.equal(await otel.flush(30_000), true, "every span was accepted");
      assert.deepEqual(otel.delivery(), {
        traces: LINES,
        undeliveredTraces: 0,
        droppedSpans: 0,
        failedSpans: 0,
        pendingSpans: 0,
      });
    } finally {
      await otel.shutdown();
    }
    assert.equal(results, LINES);
    const trees = spanTrees(receiver.spans);
    t.diagnostic(describeTrees(trees));
    assert.equal(trees.traces.size, LINES, describeTrees(trees));
    assert.equal(trees.roots.length, LINES, describeTrees(trees));
    assert.deepEqual(trees.orphans, [], describeTrees(trees));
    assert.deepEqual(trees.unfinished, [], describeTrees(trees));
  });
});

describe("what a batch says when its traces do not arrive", () => {
  it("an endpoint that never answers: every trace of the batch counted as not delivered, and the warning says so", async () => {
    const silent = await startSilentServer();
    const otel = startOpenTelemetry({ url: `${silent.url}/v1/traces`, headers: { [EXPERIMENT_HEADER]: "1" } });
    try {
      for await (const _ of runBatch(lines(20), createExtractor()));
      const flushed = await otel.flush(FLUSH_TIMEOUT_MS);
      assert.equal(flushed, false);
      const report = otel.delivery();
      assert.equal(report.traces, 20);
      assert.equal(report.undeliveredTraces, 20, "none was acknowledged, so none counts as delivered");
      assert.equal(
        openTelemetryWarning(report, flushed),
        `20 of 20 traces were not delivered to the OpenTelemetry endpoint (none accepted within ${FLUSH_TIMEOUT_MS / 1000} s)`,
      );
    } finally {
      await silent.close();
      await otel.shutdown();
    }
  });

  it("a queue too small for the batch: the dropped spans are counted and named", async () => {
    const otel = startOpenTelemetry({
      url: receiver.tracesUrl,
      headers: { [EXPERIMENT_HEADER]: "1" },
      // While its first export is on the way, a queue of 16 overflows: one line has about 9 spans.
      maxQueueSize: 16,
    });
    try {
      for await (const _ of runBatch(lines(5), createExtractor()));
      const flushed = await otel.flush(10_000);
      const report = otel.delivery();
      assert.ok(report.droppedSpans > 0, "spans were dropped");
      assert.equal(report.traces, 5);
      assert.ok(report.undeliveredTraces >= 1 && report.undeliveredTraces <= 5);
      assert.match(
        openTelemetryWarning(report, flushed) ?? "",
        /^\d of 5 traces were not delivered to the OpenTelemetry endpoint \(\d+ spans dropped from a full queue\)$/,
      );
    } finally {
      await otel.shutdown();
    }
  });
});

describe("an abort reaches a running offline batch", () => {
  it("a timer that aborts during the batch stops it after at most the lines in flight", async (t) => {
    const total = 2_000;
    const concurrency = 8;
    const controller = new AbortController();
    let results = 0;
    let resultsWhenAborted: number | undefined;
    const started = performance.now();
    let abortedAt = 0;
    setTimeout(() => {
      resultsWhenAborted = results;
      abortedAt = performance.now();
      controller.abort();
    }, 50);
    const extractor = createExtractor();
    for await (const _ of runBatch(lines(total), extractor, { concurrency, signal: controller.signal })) results += 1;
    t.diagnostic(
      `abort fired after ${Math.round(abortedAt - started)} ms at ${resultsWhenAborted} results; ${results} of ${total} lines ran; batch ended ${Math.round(performance.now() - abortedAt)} ms after the abort`,
    );
    assert.ok(resultsWhenAborted !== undefined && resultsWhenAborted < total, "the timer fired while the batch ran");
    assert.ok(results < total, "the batch stopped before its end");
    assert.ok(results - resultsWhenAborted <= concurrency, "only the lines already in flight finished");
  });
});

describe("the CLI's --batch with OpenTelemetry on", () => {
  it(`--batch of ${LINES} offline lines from a file: ${LINES} whole traces, no warning`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), "otel-batch-")), "lines.txt");
    const queries = lines(LINES);
    writeFileSync(file, `${queries.join("\n")}\n`);
    const r = await runCli(["--batch", file], {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl,
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${EXPERIMENT_HEADER}=17`,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "", "no trace was lost, so nothing to warn about");
    assert.equal(r.stdout.trim().split("\n").length, queries.length);
    const trees = spanTrees(receiver.spans);
    assert.equal(trees.traces.size, queries.length, describeTrees(trees));
    assert.equal(trees.roots.length, queries.length, describeTrees(trees));
    assert.deepEqual(trees.orphans, [], describeTrees(trees));
    assert.deepEqual(trees.unfinished, [], describeTrees(trees));
  });
});
