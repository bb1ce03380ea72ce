// `npm run eval -- --extractor llm` against a dead endpoint stops after the first few cases fail
// alike, says so in one line and exits 1 (it ran 299 s, printed 4,404 ECONNREFUSED lines — one
// per branch per case — and exited 0, as if the model had scored zero). A model that fails some
// cases, or fails them differently, is still scored.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../eval/dataset.js";
import { EndpointFailingError, evaluate, FAIL_FAST_AFTER } from "../eval/evaluate.js";
import { createExtractor, type DecidedExtractOptions } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import type { CheckedQuery } from "../src/workflow/query-check.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { closedPortUrl } from "./support/dead-endpoints.js";
import { runEval } from "./support/eval.js";

const DATASET = fileURLToPath(new URL("../eval/dataset.jsonl", import.meta.url));
const cases = (await loadDataset(DATASET)).slice(0, 60);

let openai: OpenAIStandIn;
/** Every other case's requests fail with 401: many failures, but never two cases in a row. */
const refused = cases.filter((_, i) => i % 2 === 0).map((c) => JSON.stringify(c.query).slice(1, -1));
before(async () => {
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  openai = await startOpenAIStandIn((req) => {
    const body = JSON.stringify(req.body);
    return refused.some((query) => body.includes(query)) ? { status: 401 } : answer(req);
  });
});
after(() => openai.close());

describe("eval against a dead model endpoint", () => {
  it(`evaluate() stops once ${FAIL_FAST_AFTER} cases in a row failed with the same endpoint error`, async () => {
    const baseUrl = await closedPortUrl();
    let started = 0;
    // Retried network failures fail alike too; short backoffs keep the test quick.
    const extractor = createExtractor({ build: { retryInitialIntervalMs: 5, retryJitter: false } });
    const counting = {
      registry: extractor.registry,
      runs: extractor.runs,
      decide: extractor.decide,
      // evaluate() runs a batch: each line's query checked and its run decided once, handed down.
      extract: ((query: CheckedQuery, options: DecidedExtractOptions) => {
        started += 1;
        return extractor.extract(query, options);
      }) as typeof extractor.extract,
      stream: extractor.stream,
    };
    const error = await evaluate(cases, counting, { extractor: "llm", baseUrl, concurrency: 4 }).then(
      () => assert.fail("the evaluation finished"),
      (e: Error) => e,
    );
    assert.ok(error instanceof EndpointFailingError, String(error));
    assert.match(
      error.message,
      /^stopped after 5 cases in a row failed alike, every branch with network \(.*ECONNREFUSED.*\); nothing was scored$/,
    );
    assert.ok(started < cases.length, `stopped early: ${started} of ${cases.length} cases started`);
  });

  it("npm run eval: one line on stderr, no report, exit 1", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "eval-dead-"));
    const r = await runEval(
      ["--extractor", "llm", "--base-url", await closedPortUrl(), "--report", join(dir, "report.json")],
      // No retry waits: what is under test is the stop, not the backoff.
      { RECIPE_FILTERS_MAX_RETRIES: "0" },
    );
    t.diagnostic(`exited after ${Math.round(r.ms)} ms`);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^eval: stopped after 5 cases in a row failed alike, every branch with network \(.*\); nothing was scored\n$/,
    );
  });

  it("a model that fails some cases, not in a row, is scored to the end", async () => {
    const report = await evaluate(cases, createExtractor(), { extractor: "llm", baseUrl: openai.url, concurrency: 4 });
    assert.equal(report.cases, cases.length);
    assert.ok(report.failures.length >= refused.length, "the refused cases were scored as failures");
  });
});
