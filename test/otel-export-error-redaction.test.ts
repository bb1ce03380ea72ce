// A failed OTLP export's error is printed in the flush warning: it is redacted with the
// secrets the exporter was handed (a value, not a process-wide list), like the spans are.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-node";
import { RedactingSpanExporter } from "../src/tracing/opentelemetry-redaction.js";

const SECRET = "operator-proxy-password-0123";

const failingWith = (message: string): SpanExporter => ({
  export: (_spans, done) => done({ code: 1, error: new Error(message) }),
  shutdown: async () => {},
});

const exportError = (exporter: SpanExporter) =>
  new Promise<Error | undefined>((resolve) => exporter.export([] as ReadableSpan[], (result) => resolve(result.error)));

it("a failed export's error reaches the caller with the handed secrets cut out", async () => {
  const error = await exportError(
    new RedactingSpanExporter(failingWith(`proxy refused ${SECRET} at http://u:${SECRET}@collector/`), [SECRET]),
  );
  assert.ok(error);
  assert.doesNotMatch(error.message, new RegExp(SECRET));
  assert.match(error.message, /proxy refused \[redacted\]/);
});

it("an error with no secret in it is passed on as it is", async () => {
  const original = new Error("connect ECONNREFUSED 127.0.0.1:4318");
  const exporter = new RedactingSpanExporter(
    { export: (_spans, done) => done({ code: 1, error: original }), shutdown: async () => {} },
    [SECRET],
  );
  assert.equal(await exportError(exporter), original);
});
