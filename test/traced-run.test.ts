// "Is this run traced?" is answered without loading LangChain's callback manager when nothing
// can attach a handler (an offline CLI query's cold start), and still says yes for every
// source LangChain reads: the caller's callbacks, the tracing variables, our OTel instrumentation.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { createExtractor } from "../src/extractor/extractor.js";
import { startOpenTelemetry } from "../src/tracing/opentelemetry-sdk.js";
import { isTraced, mayBeTraced } from "../src/tracing/traced-run.js";
import { EXPERIMENT_HEADER, type OtlpReceiver, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { ROOT, scrubbedEnv, TSX } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";

class Recorder extends BaseCallbackHandler {
  name = "recorder";
  chains = 0;
  override handleChainStart() {
    this.chains++;
  }
}

describe("mayBeTraced", () => {
  it("a caller's handler, or a callback manager, may trace", () => {
    assert.equal(
      mayBeTraced([new Recorder()], () => undefined),
      true,
    );
    assert.equal(
      mayBeTraced({ handleChainStart() {} } as never, () => undefined),
      true,
    );
  });
  for (const name of [
    "LANGSMITH_TRACING",
    "LANGSMITH_TRACING_V2",
    "LANGCHAIN_TRACING_V2",
    "LANGCHAIN_TRACING",
    "LANGCHAIN_VERBOSE",
  ])
    it(`${name}=true may trace (LangChain adds its own handler)`, () =>
      assert.equal(
        mayBeTraced(undefined, (asked) => (asked === name ? "true" : undefined)),
        true,
      ));
});

describe("isTraced agrees with the handlers attached", () => {
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await startOtlpReceiver();
  });
  after(() => receiver.close());

  it("a caller's handler: traced, and the offline run goes through the graph to it", async () => {
    const recorder = new Recorder();
    assert.equal(await isTraced([recorder]), true);
    await createExtractor().extract(SEED, { callbacks: [recorder] });
    assert.ok(recorder.chains > 0);
  });

  it("a library user with our OpenTelemetry on gets offline traces without passing callbacks", async () => {
    const otel = startOpenTelemetry({ url: receiver.tracesUrl, headers: { [EXPERIMENT_HEADER]: "1" } });
    try {
      assert.equal(await isTraced(undefined), true);
      const result = await createExtractor().extract(SEED);
      assert.equal(result.extractor, "rules");
      assert.equal(await otel.flush(10_000), true);
      assert.ok(receiver.spans.length > 0, "the offline query's spans reached the receiver");
    } finally {
      await otel.shutdown();
    }
  });

  it("a fresh process: an untraced offline query loads neither LangChain's callback manager nor langsmith, with the same result", () => {
    const script = `
      import { registerHooks } from "node:module";
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      const { createExtractor } = await import("./src/extractor/extractor.ts");
      const result = await createExtractor().extract(${JSON.stringify(SEED)});
      const heavy = loaded.filter((u) => /node_modules\\/(langsmith\\/|@langchain\\/core\\/dist\\/(callbacks|tracers|runnables)\\/)/.test(u));
      console.log(JSON.stringify({ filters: result.filters, heavy: heavy.length }));
    `;
    const r = spawnSync(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], {
      cwd: ROOT,
      env: scrubbedEnv(),
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const { filters, heavy } = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.equal(heavy, 0);
    assert.deepEqual(
      filters.map((f: { column: string; operator: string; value: unknown }) => [f.column, f.operator, f.value]),
      [
        ["cooking_time_min", "<=", 10],
        ["cooking_cost_yen", "<", 500],
        ["dish_category", "=", "副菜"],
      ],
    );
  });
});
