// One transient LangSmith upload failure pauses new traces briefly and never switches tracing
// off for the rest of a batch: the backoff, by the clock it is given. The traced batches
// through real upload failures and hanging backends are in load-langsmith-transient.test.ts.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS, TraceDelivery } from "../src/tracing/delivery.js";

describe("a failed upload pauses new traces, with a backoff that ends", () => {
  it("one failure pauses nothing (the client retries it); two in a row pause 1 s, doubling, bounded, ended by a success", () => {
    let now = 0;
    const delivery = new TraceDelivery(() => now);
    delivery.uploadFinished("HTTP 500");
    assert.equal(delivery.failing, false, "a single failure does not stop new traces");
    delivery.uploadFinished("ECONNRESET");
    assert.equal(delivery.failing, true);
    now += FIRST_BACKOFF_MS;
    assert.equal(delivery.failing, false, "no further upload is needed for tracing to resume");
    delivery.uploadFinished("HTTP 503");
    now += FIRST_BACKOFF_MS;
    assert.equal(delivery.failing, true, "the third failure in a row pauses twice as long");
    now += FIRST_BACKOFF_MS;
    assert.equal(delivery.failing, false);
    for (let i = 0; i < 40; i++) delivery.uploadFinished("HTTP 503");
    now += MAX_BACKOFF_MS;
    assert.equal(delivery.failing, false, "the pause is bounded");
    delivery.uploadFinished("HTTP 503");
    assert.equal(delivery.failing, true);
    delivery.uploadFinished(undefined);
    assert.equal(delivery.failing, false, "a success ends the pause");
  });
});
