// --stream through the CLI subprocess: each branch's filters are printed the moment that
// branch finishes. Proven by order, not by time: the stand-in holds the slow branch's
// answer until the fast branch's line has reached the test through the CLI's stdout, so
// a CLI that printed only at the end would never see its slow branch answer (it would time out).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる料理教えて";
// The stand-in quotes each filter's words; the residual is the query without them.
const SEED_RESIDUAL = "作れる料理教えて";
const SEED_FILTERS = [
  { column: "cooking_time_min", operator: "<=", value: 10, evidence: { start: 0, end: 5, text: "10分以内" } },
  { column: "cooking_cost_yen", operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } },
];
const [slow, fast] = FILTER_TYPES; // cooking_time waits for cooking_cost's line

describe("--stream", () => {
  let server: OpenAIStandIn;
  let fastLinePrinted: Promise<void>;
  let markFastLinePrinted: () => void;
  const armGate = () => (fastLinePrinted = new Promise((resolve) => (markFastLinePrinted = resolve)));
  const answer = answerLikeTheExtractor(FILTER_TYPES, { delayMsBySchema: { [fast.answerName]: 20 } });
  const env = () => ({
    OPENAI_BASE_URL: server.url,
    RECIPE_FILTERS_MAX_RETRIES: "0",
    RECIPE_FILTERS_TIMEOUT_MS: "15000",
  });

  before(async () => {
    server = await startOpenAIStandIn(async (req) => {
      if (req.user.includes("fail-cost") && req.schemaName === fast.answerName)
        return { status: 400, body: { error: { message: "bad request" } } };
      if (req.schemaName === slow.answerName) await fastLinePrinted;
      return answer(req);
    });
  });
  after(() => server.close());

  it("--json: one JSON event per line, the fast branch's first, then the slow one's, then the result", async () => {
    armGate();
    const r = await runCli(["--stream", "--json", SEED], env(), {
      onStdout: (soFar) => soFar.includes(`"branch":"${fast.name}"`) && markFastLinePrinted(),
    });
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      events.map((e) => e.type),
      [...FILTER_TYPES.map(() => "branch"), "result"],
    );
    // Other branches (no latency) may come first; the fast one always precedes the slow one.
    const timed = events.filter((e) => e.branch === fast.name || e.branch === slow.name);
    assert.deepEqual(
      timed.map((e) => e.branch),
      [fast.name, slow.name],
    );
    assert.deepEqual(timed[0].filters, [SEED_FILTERS[1]]);
    assert.deepEqual(timed[1].filters, [SEED_FILTERS[0]]);
    assert.equal(timed[0].error, null);
    for (const e of events) assert.equal(typeof e.elapsedMs, "number");
    // The last event carries exactly the document --json prints.
    assert.deepEqual(events.at(-1).result, {
      query: SEED,
      extractor: "llm",
      model: "gpt-4o-mini",
      filters: SEED_FILTERS,
      errors: [],
      warnings: [],
      contradictions: [],
      residual: SEED_RESIDUAL,
      complete: true,
    });
    assert.equal(r.stderr, "");
  });

  it("readable: a line per branch as it finishes, then the summary", async () => {
    armGate();
    const r = await runCli(["--stream", SEED], env(), {
      onStdout: (soFar) => soFar.includes(`${fast.name}:`) && markFastLinePrinted(),
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    assert.match(lines[at(`${fast.name}:`)], /cooking_cost_yen < 500/);
    assert.match(lines[at(`${slow.name}:`)], /cooking_time_min <= 10/);
    assert.ok(at(`${fast.name}:`) < at(`${slow.name}:`), r.stdout);
    assert.ok(at(`${slow.name}:`) < at("query:"), "the summary comes after the branches");
  });

  it("a failed branch streams its error, the other branch its filters; exit 3", async () => {
    armGate();
    markFastLinePrinted(); // the failing branch is the fast one; nothing to wait for
    const r = await runCli(["--stream", "--json", `${SEED} fail-cost`], env());
    assert.equal(r.code, 3, r.stderr);
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const failed = events.find((e) => e.branch === fast.name);
    assert.equal(failed.error.kind, "http");
    assert.deepEqual(failed.filters, []);
    assert.deepEqual(events.find((e) => e.branch === slow.name).filters, [SEED_FILTERS[0]]);
    assert.deepEqual(events.at(-1).result.filters, [SEED_FILTERS[0]]);
  });
});
