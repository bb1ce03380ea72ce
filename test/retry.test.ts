// Retries and timeouts, asserted on what the server saw (attempt counts, the order and spacing
// of requests, a connection the client closed) — lower bounds only, never a wall-clock limit.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { retryAfterMs } from "../src/model/retry-after.js";
import { buildOptionsFromEnv } from "../src/settings/environment.js";
import { SettingsError } from "../src/settings/operator.js";
import type { BuildOptions } from "../src/workflow/build.js";
import {
  answerLikeTheExtractor,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { FAULT_QUERY, isFailingBranchRequest } from "./support/fault-cases.js";
import { eventually } from "./support/trace-shape.js";

const FAST: BuildOptions = { retryInitialIntervalMs: 5, retryJitter: false, timeoutMs: 5000 };
const BOTH_FILTERS = [
  { column: "cooking_time_min", operator: "<=", value: 10, evidence: { start: 0, end: 5, text: "10分以内" } },
  { column: "cooking_cost_yen", operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } },
];

let server: OpenAIStandIn;
/** Replies for the cost branch's attempts, in order; after the list runs out it answers correctly. */
let script: Reply[] = [];
let attempt = 0;
before(async () => {
  const healthy = answerLikeTheExtractor(FILTER_TYPES);
  server = await startOpenAIStandIn((req) => {
    if (!isFailingBranchRequest(req)) return healthy(req);
    return script[attempt++] ?? answerCost(req);
  });
});
after(() => server.close());

/** The correct answer for the cost branch. */
function answerCost(req: { user: string }): Reply {
  const type = FILTER_TYPES.find((t) => t.column === "cooking_cost_yen")!;
  return { json: type.toAnswer(type.extractOffline(req.user, FILTER_TYPES)) };
}

async function run(replies: Reply[], build: BuildOptions) {
  script = replies;
  attempt = 0;
  server.requests.length = 0;
  const result = await createExtractor({ build: { ...FAST, ...build } }).extract(FAULT_QUERY, {
    context: { extractor: "llm", baseUrl: server.url },
  });
  return { result, attempts: server.requests.filter((r) => isFailingBranchRequest(r.request)) };
}

const gaps = (attempts: { startedAt: number; endedAt?: number }[]) =>
  attempts.slice(1).map((a, i) => a.startedAt - attempts[i].endedAt!);

describe("retries", () => {
  for (const maxRetries of [0, 1, 3]) {
    it(`a server error is tried 1 + ${maxRetries} times, then reported`, async () => {
      const { result, attempts } = await run(Array(10).fill({ status: 500 }), { maxRetries });
      assert.equal(attempts.length, 1 + maxRetries);
      assert.deepEqual(
        result.errors.map((e) => e.kind),
        ["server"],
      );
    });
  }

  it("a retry that succeeds leaves no error and both filters", async () => {
    const { result, attempts } = await run([{ status: 502 }, { reset: true }], { maxRetries: 2 });
    assert.equal(attempts.length, 3);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.filters, BOTH_FILTERS);
  });

  for (const [status, kind] of [
    [400, "http"],
    [401, "http"],
    [404, "http"],
    [422, "http"],
  ] as const) {
    it(`HTTP ${status} is not retried (${kind})`, async () => {
      const { result, attempts } = await run(Array(3).fill({ status }), { maxRetries: 2 });
      assert.equal(attempts.length, 1);
      assert.deepEqual(
        result.errors.map((e) => e.kind),
        [kind],
      );
    });
  }

  it("bad answers are not retried", async () => {
    for (const reply of [
      { content: "not json" },
      { json: { conditions: "none" } },
      { refusal: "no" },
      { content: "" },
    ] as Reply[]) {
      const { attempts } = await run([reply, reply], { maxRetries: 2 });
      assert.equal(attempts.length, 1, JSON.stringify(reply));
    }
  });

  it("backs off exponentially: each wait at least twice the one before", async () => {
    const { attempts } = await run(Array(4).fill({ status: 503 }), { maxRetries: 3, retryInitialIntervalMs: 40 });
    const [first, second, third] = gaps(attempts);
    assert.ok(first >= 38 && second >= 78 && third >= 158, `gaps ${gaps(attempts).map(Math.round)}`);
  });
});

describe("Retry-After", () => {
  it("a 429's Retry-After (seconds) is waited out before the next attempt", async () => {
    const { result, attempts } = await run([{ status: 429, headers: { "retry-after": "1" } }], { maxRetries: 1 });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.filters, BOTH_FILTERS);
    assert.equal(attempts.length, 2);
    assert.ok(gaps(attempts)[0] >= 990, `second attempt ${Math.round(gaps(attempts)[0])} ms after the 429`);
  });

  it("a 503's Retry-After is honoured too", async () => {
    const { result, attempts } = await run([{ status: 503, headers: { "retry-after-ms": "300" } }], { maxRetries: 1 });
    assert.deepEqual(result.errors, []);
    assert.ok(gaps(attempts)[0] >= 295);
  });

  it("a Retry-After longer than the attempt timeout is not waited out: one attempt, rate_limit, said why", async () => {
    const { result, attempts } = await run(Array(3).fill({ status: 429, headers: { "retry-after": "120" } }), {
      maxRetries: 2,
      timeoutMs: 2000,
    });
    assert.equal(attempts.length, 1);
    assert.equal(result.errors[0].kind, "rate_limit");
    assert.match(
      result.errors[0].message,
      /^429 .*asked to retry after 120\.0 s, more than the attempt timeout leaves/,
    );
  });

  it("a 429 without Retry-After is retried with the ordinary backoff", async () => {
    const { result, attempts } = await run(Array(3).fill({ status: 429 }), { maxRetries: 2 });
    assert.equal(attempts.length, 3);
    assert.equal(result.errors[0].kind, "rate_limit");
  });

  it("reads retry-after-ms, Retry-After seconds and HTTP dates; ignores what it cannot read", () => {
    const withHeaders = (h: Record<string, string>) => ({ status: 429, headers: new Headers(h) });
    const now = Date.parse("2025-01-01T00:00:00Z");
    assert.equal(retryAfterMs(withHeaders({ "retry-after-ms": "250", "retry-after": "9" }), now), 250);
    assert.equal(retryAfterMs(withHeaders({ "retry-after": "2" }), now), 2000);
    assert.equal(retryAfterMs(withHeaders({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }), now), 30_000);
    assert.equal(retryAfterMs(withHeaders({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" }), now), 0);
    assert.equal(retryAfterMs(withHeaders({ "retry-after": "soon" }), now), undefined);
    assert.equal(retryAfterMs(withHeaders({}), now), undefined);
    assert.equal(retryAfterMs(new Error("no headers"), now), undefined);
  });
});

describe("timeouts", () => {
  it("a server that never answers: the attempt times out, its HTTP request is closed, no retry", async () => {
    const { result, attempts } = await run(Array(3).fill({ hang: true }), { maxRetries: 2, timeoutMs: 750 });
    assert.equal(attempts.length, 1);
    await eventually(() => assert.ok(attempts[0].abortedByClient, "the client closed the connection"));
    assert.deepEqual(
      result.errors.map((e) => e.kind),
      ["timeout"],
    );
    assert.deepEqual(result.filters, [BOTH_FILTERS[0]]);
  });

  it("an answer slower than the timeout is abandoned the same way", async () => {
    const { result, attempts } = await run([{ json: { conditions: [] }, delayMs: 5000 }], {
      maxRetries: 0,
      timeoutMs: 750,
    });
    await eventually(() => assert.ok(attempts[0].abortedByClient));
    assert.equal(result.errors[0].kind, "timeout");
  });
});

describe("settings from the environment", () => {
  it("defaults when unset; whole numbers in range accepted", () => {
    assert.deepEqual(buildOptionsFromEnv({}), {});
    assert.deepEqual(buildOptionsFromEnv({ RECIPE_FILTERS_MAX_RETRIES: "0", RECIPE_FILTERS_TIMEOUT_MS: " 1500 " }), {
      maxRetries: 0,
      timeoutMs: 1500,
    });
  });
  for (const [variable, value] of [
    ["RECIPE_FILTERS_MAX_RETRIES", "1.5"],
    ["RECIPE_FILTERS_MAX_RETRIES", "11"],
    ["RECIPE_FILTERS_TIMEOUT_MS", "0"],
    ["RECIPE_FILTERS_TIMEOUT_MS", "1e4"],
  ])
    it(`${variable}=${value} is refused`, () =>
      assert.throws(() => buildOptionsFromEnv({ [variable]: value }), SettingsError));
});
