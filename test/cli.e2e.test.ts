// The CLI as a real process, for what only a process shows: the --help examples run as
// written through npm, a stdout that is closed, full or goes away mid-batch (EPIPE, ENOSPC
// are the kernel's answers), the library chatter bin.ts keeps off stderr, and the memory a
// 200 MB batch line costs. Everything else runs in-process.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { typesAskedFor } from "../src/filters/answer-gate.js";
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

describe("the --help examples, run as written", () => {
  it("every example that writes JSON writes only JSON: no npm banner on stdout, a resumed batch appends whole lines", async () => {
    const help = (await runCli(["--help"])).stdout;
    const examples = help
      .split("\n")
      .filter((line) => line.startsWith("  npm -s start --") || line.startsWith("  echo "))
      .map((line) => line.trim().replace(/\s+\(resume after line \d+\)$/, ""));
    const forPrograms = examples.filter((line) => /--json|--format|--batch/.test(line));
    assert.ok(forPrograms.length >= 5, help);
    const work = mkdtempSync(join(tmpdir(), "recipe-filters-help-"));
    const queries = join(work, "queries.jsonl");
    const results = join(work, "results.jsonl");
    writeFileSync(
      queries,
      Array.from({ length: 60 }, (_, i) => JSON.stringify({ query: `${i + 1}分以内` })).join("\n"),
    );
    for (const example of forPrograms) {
      const command = example.replaceAll("queries.jsonl", queries).replaceAll("results.jsonl", results);
      // npm start runs from the package root; the shell does what the example says.
      const stdout = execFileSync("sh", ["-c", command], {
        cwd: ROOT,
        env: scrubbedEnv(),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      if (example.includes("--batch")) assert.equal(stdout, "", example);
      else assert.doesNotThrow(() => JSON.parse(stdout), `${example}\n${stdout}`);
    }
    const lines = readFileSync(results, "utf8").trimEnd().split("\n");
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).line),
      [...Array.from({ length: 60 }, (_, i) => i + 1), 58, 59, 60],
    );
  });
});

describe("a stdout that fails", () => {
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

  it("--batch stops quietly when the reader goes away (… | head)", async () => {
    const input = join(mkdtempSync(join(tmpdir(), "recipe-filters-e2e-")), "pipe.txt");
    writeFileSync(input, `${Array.from({ length: 3000 }, (_, i) => `${(i % 50) + 1}分以内`).join("\n")}\n`);
    const child = spawn(process.execPath, ["--import", TSX, MAIN, "--batch", input], {
      cwd: "/tmp",
      env: scrubbedEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });
});

describe("library chatter on stderr", () => {
  let server: OpenAIStandIn;
  before(async () => {
    // A tool-call answer whose arguments are not JSON: @langchain/core prints an "upgrade your packages" hint.
    server = await startOpenAIStandIn(() => ({ content: "{not json" }));
  });
  after(() => server.close());

  // A subprocess each: the console is the process's, and only bin.ts quiets it.
  const subprocess = { subprocess: true };

  it("the model library's upgrade hint does not reach the user; the branch errors are on stdout", async () => {
    const r = await runCli(
      ["--json", "--model", "gpt-3.5-turbo", SEED],
      { OPENAI_BASE_URL: server.url, RECIPE_FILTERS_MAX_RETRIES: "0" },
      subprocess,
    );
    assert.equal(server.requests.at(-1)?.request.shape, "tools", "the tool-call path ran");
    assert.equal(r.code, 3);
    assert.equal(r.stderr, "");
    assert.equal(JSON.parse(r.stdout).errors.length, typesAskedFor(SEED, FILTER_TYPES).length);
  });

  it("an unreachable LangSmith endpoint costs one line, not the client's own dozens", async () => {
    const r = await runCli(
      ["--json", SEED],
      {
        LANGSMITH_TRACING: "true",
        LANGSMITH_ENDPOINT: await closedPortUrl(),
        LANGSMITH_API_KEY: "lsv2_chatter_key_0123456789",
      },
      subprocess,
    );
    assert.equal(r.code, 0);
    assert.equal(r.stderr.split("\n").length, 2, r.stderr);
    assert.match(r.stderr, /^recipe-filters: warning: 1 of 1 trace was not delivered to LangSmith/);
  });
});

describe("a 200 MB batch line", () => {
  it("is refused as it is read: an error record for its line, the next line still runs, memory stays small", async () => {
    const timed = existsSync("/usr/bin/time");
    const args = ["--import", TSX, MAIN, "--batch", "-"];
    const child = spawn(
      timed ? "/usr/bin/time" : process.execPath,
      timed ? ["-f", "peak-rss-kb %M", process.execPath, ...args] : args,
      {
        cwd: "/tmp",
        env: scrubbedEnv(),
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const write = (text: string | Buffer) =>
      new Promise<void>((resolve) => (child.stdin.write(text) ? resolve() : child.stdin.once("drain", resolve)));
    await write("10分以内\n");
    const megabyte = Buffer.alloc(2 ** 20, "あ");
    for (let i = 0; i < 200; i++) await write(megabyte);
    await write("\n500円以下\n");
    child.stdin.end();
    const code = await closed;
    assert.equal(code, 3, stderr);
    const results = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      results.map((x) => [x.line, x.errors[0]?.kind ?? "ok"]),
      [
        [1, "ok"],
        [2, "unusable"],
        [3, "ok"],
      ],
    );
    assert.match(
      results[1].errors[0].message,
      /^the line is 209715200 bytes long; the longest line read is 65536 bytes$/,
    );
    const rss = /peak-rss-kb (\d+)/.exec(stderr);
    // Holding the line would need ≥ 200 MB for its bytes alone (735 MB was seen).
    if (rss) assert.ok(Number(rss[1]) / 1024 < 400, `peak RSS ${Math.round(Number(rss[1]) / 1024)} MB`);
  });
});
