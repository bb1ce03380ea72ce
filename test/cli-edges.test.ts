// The CLI at its edges, as a user meets them: --version, a query on standard input, a stdout
// that is closed or full, usage errors that used to look like bugs, and library chatter
// kept off stderr. Each ends in one line and a documented exit code.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { MAIN, ROOT, runCli, scrubbedEnv, TSX } from "./support/cli.js";
import { closedPortUrl } from "./support/dead-endpoints.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";

/** Runs the CLI with stdout wired as given: a file descriptor, or a pipe the test closes at once. */
function runWithStdout(
  args: string[],
  stdout: number | "closed-pipe",
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd: "/tmp",
    env: scrubbedEnv(),
    stdio: ["ignore", stdout === "closed-pipe" ? "pipe" : stdout, "pipe"],
  });
  if (stdout === "closed-pipe") child.stdout?.destroy();
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("CLI edges", () => {
  it("--version prints the package version, exit 0", async () => {
    const r = await runCli(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).version}\n`);
  });

  it("with no query argument, the query is read from standard input (echo … | recipe-filters)", async () => {
    const r = await runCli(["--json"], {}, { input: `${SEED}\n` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).query, SEED);
  });

  it("several lines on standard input without --batch: exit 2, one line naming --batch -", async () => {
    const r = await runCli(["--json"], {}, { input: "10分以内\n500円以下\n" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^recipe-filters: standard input holds 2 lines; .*--batch -.*\n$/);
  });

  for (const [label, stdout, why] of [
    ["closed (… | true)", "closed-pipe", /the reader closed the pipe/],
    ["full (> /dev/full)", "full", /no space left on the device/],
  ] as const)
    it(`stdout ${label}: one line on stderr, exit 1, no stack trace`, async () => {
      const r = await runWithStdout(["--json", SEED], stdout === "full" ? openSync("/dev/full", "w") : stdout);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr.split("\n").length, 2, r.stderr);
      assert.match(r.stderr, /^recipe-filters: the result could not be written to standard output: /);
      assert.match(r.stderr, why);
    });

  for (const [label, args, env] of [
    ["an invalid --base-url", ["--base-url", "not a url", SEED], {}],
    ["a --base-url that is not http(s)", ["--base-url", "file:///etc/passwd", SEED], {}],
    ["a huge --concurrency", ["--batch", "-", "--concurrency", "99999999999999999999"], {}],
    ["LANGSMITH_ENDPOINT that is not a URL", [SEED], { LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: "not-a-url" }],
    ["RECIPE_FILTERS_TRACE_EVERY that is not a count", ["--batch", "-"], { RECIPE_FILTERS_TRACE_EVERY: "often" }],
    ["--skip without --batch", ["--skip", "3", SEED], {}],
  ] as const)
    it(`${label}: a usage error, exit 2, one line`, async () => {
      const r = await runCli([...args], env, { input: "" });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.split("\n").length, 2, r.stderr);
    });
});

describe("library chatter on stderr", () => {
  let server: OpenAIStandIn;
  before(async () => {
    // A tool-call answer whose arguments are not JSON: @langchain/core prints an "upgrade your packages" hint.
    server = await startOpenAIStandIn(() => ({ content: "{not json" }));
  });
  after(() => server.close());

  it("the model library's upgrade hint does not reach the user; the branch errors are on stdout", async () => {
    const r = await runCli(["--json", "--model", "gpt-3.5-turbo", SEED], {
      OPENAI_BASE_URL: server.url,
      RECIPE_FILTERS_MAX_RETRIES: "0",
    });
    assert.equal(server.requests.at(-1)?.request.shape, "tools", "the tool-call path ran");
    assert.equal(r.code, 3);
    assert.equal(r.stderr, "");
    assert.equal(JSON.parse(r.stdout).errors.length, FILTER_TYPES.length);
  });

  it("an unreachable LangSmith endpoint costs one line, not the client's own dozens", async () => {
    const r = await runCli(["--json", SEED], {
      LANGSMITH_TRACING: "true",
      LANGSMITH_ENDPOINT: await closedPortUrl(),
      LANGSMITH_API_KEY: "lsv2_chatter_key_0123456789",
    });
    assert.equal(r.code, 0);
    assert.equal(r.stderr.split("\n").length, 2, r.stderr);
    assert.match(r.stderr, /^recipe-filters: warning: 1 of 1 trace was not delivered to LangSmith/);
  });
});
