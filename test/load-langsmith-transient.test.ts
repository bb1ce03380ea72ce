// One transient LangSmith upload failure (a 500, a reset keep-alive socket) pauses new traces
// briefly and never switches tracing off for the rest of a batch (551 of 600 offline traces
// were lost: the batch stopped attaching the tracer while uploads were "failing", and with no
// upload left nothing ever said they had recovered). And when the backends hang, the warnings
// count what the endpoints acknowledged, not what the client gave up on. (The backoff itself:
// langsmith-transient.test.ts.)
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { FLUSH_TIMEOUT_MS } from "../src/tracing/langsmith.js";
import { startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { EXPERIMENT_HEADER } from "../stand-ins/otlp-receiver.js";
import { checkTraces, describeCompleteness } from "../stand-ins/received-traces.js";
import { runCli } from "./support/cli.js";
import { startSilentServer } from "./support/dead-endpoints.js";

const batchFile = (lines: number) => {
  const file = join(mkdtempSync(join(tmpdir(), "langsmith-transient-")), "lines.txt");
  const queries = Array.from({ length: lines }, (_, i) => `${(i % 50) + 5}分以内に${i + 100}円未満で作れる副菜`);
  writeFileSync(file, `${queries.join("\n")}\n`);
  return file;
};

describe("a traced --batch through one transient upload failure", () => {
  for (const fault of ["500", "reset"] as const)
    it(`${fault === "500" ? "a 500" : "a reset socket"} on the second upload: the batch's traces keep arriving, and the warning counts exactly those that did not`, async (t) => {
      const lines = 300;
      const receiver = await startLangSmithReceiver({
        keepRawBodies: false,
        uploadFault: (upload) => (upload === 1 ? fault : undefined),
      });
      try {
        const r = await runCli(["--batch", batchFile(lines)], {
          LANGSMITH_TRACING: "true",
          LANGSMITH_ENDPOINT: receiver.url,
          LANGSMITH_API_KEY: "lsv2_transient_test_0123456789",
        });
        assert.equal(r.code, 0, r.stderr);
        const report = checkTraces(receiver.runs.values());
        t.diagnostic(`${describeCompleteness(report)}; stderr: ${r.stderr.trim() || "(none)"}`);
        const whole = report.traces - report.badRoots.length;
        assert.equal(whole, lines, "every trace arrived: the client's retry delivered the failed upload");
        const lost = lines - whole;
        if (lost === 0) assert.equal(r.stderr, "");
        else
          assert.match(
            r.stderr,
            new RegExp(`^recipe-filters: warning: ${lost} of ${lines} traces were not delivered to LangSmith`),
          );
      } finally {
        await receiver.close();
      }
    });
});

describe("both backends hang", () => {
  it("each warning says how many of the batch's traces its endpoint did not acknowledge: all of them", async (t) => {
    const lines = 24;
    const langsmith = await startSilentServer();
    const otlp = await startSilentServer();
    try {
      const r = await runCli(["--batch", batchFile(lines), "--concurrency", "4"], {
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: langsmith.url,
        LANGSMITH_API_KEY: "lsv2_hanging_test_0123456789",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${otlp.url}/v1/traces`,
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${EXPERIMENT_HEADER}=1`,
      });
      t.diagnostic(`exited after ${Math.round(r.ms)} ms: ${r.stderr.trim()}`);
      assert.equal(r.code, 0, r.stderr);
      const warnings = r.stderr.trim().split("\n");
      assert.equal(warnings.length, 2, r.stderr);
      assert.ok(
        warnings.some((w) =>
          new RegExp(`^recipe-filters: warning: ${lines} of ${lines} traces were not delivered to LangSmith \\(`).test(
            w,
          ),
        ),
        r.stderr,
      );
      assert.ok(
        warnings.some((w) =>
          new RegExp(
            `^recipe-filters: warning: ${lines} of ${lines} traces were not delivered to the OpenTelemetry endpoint \\(.*none accepted within ${FLUSH_TIMEOUT_MS / 1000} s\\)$`,
          ).test(w),
        ),
        r.stderr,
      );
    } finally {
      await langsmith.close();
      await otlp.close();
    }
  });
});
