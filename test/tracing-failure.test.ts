// Tracing under failure: an unreachable LangSmith endpoint cannot hold the CLI (bounded flush,
// one warning line), and no API key ever appears in a trace payload, on stdout or on stderr —
// not even when the upstream server echoes the key back in its error.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing, FLUSH_TIMEOUT_MS } from "../src/tracing/langsmith.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { checkTraces } from "../stand-ins/received-traces.js";
import { runCli } from "./support/cli.js";
import { closedPortUrl, type SilentServer, startSilentServer } from "./support/dead-endpoints.js";
import { echoKeyOnFailingBranch, FAULT_QUERY } from "./support/fault-cases.js";

const WARNING = new RegExp(
  `^recipe-filters: warning: 1 of 1 trace was not delivered to LangSmith \\((last error: .+|none acknowledged in the last ${FLUSH_TIMEOUT_MS / 1000} s)\\)\\n$`,
);

let openai: OpenAIStandIn;
let silent: SilentServer;
let receiver: LangSmithReceiver;
/** How the model answers the current test. */
let respond: (req: ChatRequest) => Reply = answerLikeTheExtractor(FILTER_TYPES);
before(async () => {
  openai = await startOpenAIStandIn((req) => respond(req));
  silent = await startSilentServer();
  receiver = await startLangSmithReceiver();
});
after(async () => {
  await openai.close();
  await silent.close();
  await receiver.close();
});

describe("an unreachable LangSmith endpoint", () => {
  for (const [label, endpoint] of [
    ["a closed port", () => closedPortUrl()],
    ["a server that accepts and never answers", async () => silent.url],
  ] as const) {
    it(`${label}: the CLI answers, exits, and says so in exactly one warning line`, async (t) => {
      respond = answerLikeTheExtractor(FILTER_TYPES);
      const r = await runCli(["--json", FAULT_QUERY], {
        OPENAI_BASE_URL: openai.url,
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: await endpoint(),
        LANGSMITH_API_KEY: "lsv2_unreachable_key_0123456789",
      });
      t.diagnostic(`exited after ${Math.round(r.ms)} ms`);
      assert.equal(r.code, 0, "the process exited on its own, with the answer's exit code");
      assert.equal(JSON.parse(r.stdout).filters.length, 2, "the answer was printed");
      assert.match(r.stderr, WARNING);
    });
  }
});

describe("API keys never leave in a payload, a log line or an error message", () => {
  for (const [label, openaiKey, langsmithKey] of [
    ["key-shaped keys", `sk-proj-${randomBytes(16).toString("hex")}`, `lsv2_pt_${randomBytes(16).toString("hex")}`],
    // Keys of a local OpenAI-compatible server can look like anything: caught by value, not by shape.
    [
      "keys of no known shape",
      `local${randomBytes(12).toString("base64url")}`,
      `tracing${randomBytes(12).toString("base64url")}`,
    ],
  ]) {
    for (const json of [true, false]) {
      it(`${label}, ${json ? "--json" : "summary"}: not in stdout, stderr or anything the receiver got`, async () => {
        respond = echoKeyOnFailingBranch;
        openai.requests.length = 0;
        receiver.runs.clear();
        receiver.rawBodies.length = 0;
        const r = await runCli([...(json ? ["--json"] : []), FAULT_QUERY], {
          OPENAI_API_KEY: openaiKey,
          OPENAI_BASE_URL: openai.url,
          RECIPE_FILTERS_MAX_RETRIES: "0",
          LANGSMITH_TRACING: "true",
          LANGSMITH_ENDPOINT: receiver.url,
          LANGSMITH_API_KEY: langsmithKey,
        });
        assert.equal(r.code, 3, r.stderr);
        // The key really was in play: the model server got it, and echoed it.
        assert.ok(openai.requests.some((q) => q.request.headers.authorization === `Bearer ${openaiKey}`));
        assert.ok(receiver.rawBodies.length > 0 && receiver.runs.size > 0, "the trace arrived");
        assert.deepEqual(checkTraces(receiver.runs.values()).unfinished, []);
        const everything = [r.stdout, r.stderr, ...receiver.rawBodies].join("\n");
        for (const key of [openaiKey, langsmithKey])
          assert.ok(!everything.includes(key), `a key leaked: ${key.slice(0, 6)}…`);
        assert.match(r.stdout, /\[redacted\]/, "the echoed key was cut out of the error message");
        assert.ok(
          [...receiver.runs.values()].some((run) => String(run.error ?? "").includes("[redacted]")),
          "and out of the traced error",
        );
      });
    }
  }

  it("a key pasted into the query itself is cut out of the trace (the user's own terminal still shows their query)", async () => {
    respond = answerLikeTheExtractor(FILTER_TYPES);
    receiver.rawBodies.length = 0;
    const key = `sk-${randomBytes(16).toString("hex")}`;
    const tracing = createTracing({ apiUrl: receiver.url, apiKey: "lsv2_query_key_test_0123456789" });
    await createExtractor().extract(`${FAULT_QUERY} ${key}`, {
      context: { extractor: "llm", baseUrl: openai.url },
      callbacks: [tracing.tracer],
    });
    assert.equal(await tracing.flush(10_000), true);
    assert.ok(receiver.rawBodies.length > 0);
    assert.ok(!receiver.rawBodies.join("\n").includes(key));
  });
});
