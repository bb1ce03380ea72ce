// OpenTelemetry as a user turns it on: the standard OTEL_* variables and nothing else, in the
// CLI (single, --stream, --batch, offline) and `npm run eval`; an endpoint that is dead, slow
// or refuses costs one warning line and never the answer or the exit code; no key in a span.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { FLUSH_TIMEOUT_MS } from "../src/tracing/langsmith.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { EXPERIMENT_HEADER, type OtlpReceiver, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { runCli } from "./support/cli.js";
import { closedPortUrl, type SilentServer, startSilentServer } from "./support/dead-endpoints.js";
import { runEval } from "./support/eval.js";
import { echoKeyOnFailingBranch, FAULT_QUERY, isFailingBranchRequest } from "./support/fault-cases.js";
import { beforeEachOfFile } from "./support/hooks.js";
import { describeTrees, spanTrees } from "./support/span-tree.js";

const WARNING = new RegExp(
  `^recipe-filters: warning: 1 of 1 trace was not delivered to the OpenTelemetry endpoint \\((last error: .+|none accepted within ${FLUSH_TIMEOUT_MS / 1000} s)\\)\\n$`,
);

let openai: OpenAIStandIn;
let receiver: OtlpReceiver;
let silent: SilentServer;
let respond: (req: ChatRequest) => Reply;
before(async () => {
  openai = await startOpenAIStandIn((req) => respond(req));
  receiver = await startOtlpReceiver();
  silent = await startSilentServer();
});
after(async () => {
  await openai.close();
  await receiver.close();
  await silent.close();
});
beforeEachOfFile(import.meta.url, () => {
  respond = answerLikeTheExtractor(FILTER_TYPES);
  receiver.clear();
});

/** What an MLflow user sets. */
const mlflowEnv = (endpoint = receiver.tracesUrl) => ({
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${EXPERIMENT_HEADER}=17`,
});

/** Every trace whole: one root each, no orphan, every span ended. */
function assertWholeTraces(expected: number) {
  const trees = spanTrees(receiver.spans);
  assert.equal(trees.traces.size, expected, describeTrees(trees));
  assert.equal(trees.roots.length, expected, describeTrees(trees));
  assert.deepEqual(trees.orphans, [], describeTrees(trees));
  assert.deepEqual(trees.unfinished, [], describeTrees(trees));
  return trees;
}

describe("the CLI with the OTEL_* variables", () => {
  it("single query: one trace, service.name recipe-filters, the experiment header on every request", async () => {
    const r = await runCli(["--json", FAULT_QUERY], { OPENAI_BASE_URL: openai.url, ...mlflowEnv() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assertWholeTraces(1);
    assert.equal(receiver.spans[0].resource["service.name"], "recipe-filters");
    assert.ok(
      receiver.requests.every((q) => q.headers[EXPERIMENT_HEADER] === "17" && q.status === 200),
      "every request carried the experiment header and was accepted",
    );
  });

  it("OTEL_EXPORTER_OTLP_ENDPOINT (the base URL), gzip and OTEL_SERVICE_NAME work as the spec says; --stream traces too", async () => {
    const r = await runCli(["--stream", "--json", FAULT_QUERY], {
      OPENAI_BASE_URL: openai.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: `${EXPERIMENT_HEADER}=18`,
      OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      OTEL_SERVICE_NAME: "menu-search",
    });
    assert.equal(r.code, 0, r.stderr);
    assertWholeTraces(1);
    assert.ok(
      receiver.requests.every((q) => q.headers["content-encoding"] === "gzip" && q.status === 200),
      "every request was gzipped and accepted",
    );
    assert.equal(receiver.spans[0].resource["service.name"], "menu-search");
  });

  it("offline (no model): the graph still runs, so the query still leaves its trace", async () => {
    const r = await runCli(["--json", FAULT_QUERY], mlflowEnv());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).extractor, "rules");
    const trees = assertWholeTraces(1);
    assert.equal(trees.roots[0].name, "recipe-filters");
    for (const type of FILTER_TYPES)
      assert.ok(
        receiver.spans.some((s) => s.name === type.name),
        `a span for ${type.name}`,
      );
  });

  it("2. --batch at concurrency 8: exactly one trace per line, each with its own query", async () => {
    const queries = Array.from({ length: 16 }, (_, i) => `${i + 5}分以内に${(i + 3) * 100}円未満で作れる副菜`);
    const r = await runCli(
      ["--batch", "-", "--concurrency", "8"],
      { OPENAI_BASE_URL: openai.url, ...mlflowEnv() },
      { input: `${queries.join("\n")}\n` },
    );
    assert.equal(r.code, 0, r.stderr);
    const trees = assertWholeTraces(queries.length);
    const rootQueries = trees.roots.map((root) =>
      queries.find((q) => String(root.attributes["input.value"]).includes(q)),
    );
    assert.equal(new Set(rootQueries).size, queries.length, "every query has its own trace");
    for (const [traceId, members] of trees.traces) {
      const query = rootQueries[trees.roots.findIndex((root) => root.traceId === traceId)]!;
      for (const span of members.filter((s) => s.attributes["openinference.span.kind"] === "LLM"))
        assert.ok(String(span.attributes["input.value"]).includes(query), "no span of one query in another's trace");
    }
  });

  it("npm run eval: one trace per case", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-filters-otel-eval-"));
    const dataset = join(dir, "cases.jsonl");
    const cases = ["10分以内の副菜", "500円未満の主菜", "2人分で300kcal以下"];
    writeFileSync(dataset, cases.map((query) => `${JSON.stringify({ query, filters: [] })}\n`).join(""));
    const r = await runEval(["--dataset", dataset, "--report", join(dir, "report.json")], mlflowEnv());
    assert.equal(r.code, 0, r.stderr);
    assertWholeTraces(cases.length);
  });
});

describe("5. an endpoint that is dead, slow or refuses", () => {
  for (const [label, env] of [
    ["a closed port", async () => mlflowEnv(`${await closedPortUrl()}/v1/traces`)],
    ["a server that accepts and never answers", async () => mlflowEnv(`${silent.url}/v1/traces`)],
    // MLflow answers 400 to a request without the experiment header.
    ["a 4xx (no experiment header)", async () => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl })],
  ] as const) {
    it(`${label}: the same answer and exit code, and exactly one warning line`, async (t) => {
      const r = await runCli(["--json", FAULT_QUERY], { OPENAI_BASE_URL: openai.url, ...(await env()) });
      t.diagnostic(`exited after ${Math.round(r.ms)} ms (flush bound ${FLUSH_TIMEOUT_MS} ms)`);
      assert.equal(r.code, 0, "the answer's exit code");
      assert.equal(JSON.parse(r.stdout).filters.length, 2, "the answer was printed");
      assert.match(r.stderr, WARNING);
    });
  }

  it("a partial answer keeps its exit code 3 with the endpoint down", async () => {
    respond = (req) => (isFailingBranchRequest(req) ? { status: 400 } : answerLikeTheExtractor(FILTER_TYPES)(req));
    const r = await runCli(["--json", FAULT_QUERY], {
      OPENAI_BASE_URL: openai.url,
      ...mlflowEnv(`${await closedPortUrl()}/v1/traces`),
    });
    assert.equal(r.code, 3);
    assert.match(r.stderr, WARNING);
  });
});

describe("6. no key in any span", () => {
  let langsmith: LangSmithReceiver;
  before(async () => {
    langsmith = await startLangSmithReceiver();
  });
  after(async () => {
    await langsmith.close();
  });

  for (const [label, openaiKey, langsmithKey] of [
    ["key-shaped keys", `sk-proj-${randomBytes(16).toString("hex")}`, `lsv2_pt_${randomBytes(16).toString("hex")}`],
    // Keys of a local OpenAI-compatible server can look like anything: caught by value, not by shape.
    [
      "keys of no known shape",
      `local${randomBytes(12).toString("base64url")}`,
      `tracing${randomBytes(12).toString("base64url")}`,
    ],
  ]) {
    it(`${label}, a 401 that echoes the key, LangSmith on too: not in any span, status or event`, async () => {
      respond = echoKeyOnFailingBranch;
      openai.requests.length = 0;
      const r = await runCli([FAULT_QUERY, "--json", "--", `and ${openaiKey}`], {
        OPENAI_API_KEY: openaiKey,
        OPENAI_BASE_URL: openai.url,
        RECIPE_FILTERS_MAX_RETRIES: "0",
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: langsmith.url,
        LANGSMITH_API_KEY: langsmithKey,
        ...mlflowEnv(),
      });
      assert.equal(r.code, 3, r.stderr);
      assert.ok(
        openai.requests.some((q) => q.request.headers.authorization === `Bearer ${openaiKey}`),
        "the key was in play",
      );
      assertWholeTraces(1);
      const everything = receiver.rawBodies.join("\n");
      for (const key of [openaiKey, langsmithKey])
        assert.ok(!everything.includes(key), `a key leaked into the OTLP payload: ${key.slice(0, 6)}…`);
      const errorTexts = receiver.spans.flatMap((s) => [
        s.status.message,
        ...s.events.map((e) => JSON.stringify(e.attributes)),
      ]);
      assert.ok(
        errorTexts.some((text) => text.includes("Incorrect API key provided: [redacted]")),
        "the echoed key was cut out of the span's error",
      );
    });
  }
});
