// Interrupting a batch: SIGINT, SIGTERM or SIGHUP stops the intake, the lines in flight are
// finished and written whole (result lines over 4 KB, into a pipe), stderr says where it
// stopped and which --skip resumes, and the exit code is 128 + the signal's number. A signal
// sent to `npm start` reaches the CLI, which leaves no orphan behind.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { ROOT, runCli, scrubbedEnv } from "./support/cli.js";

const LINES = 40;
// ~1,500 kana: each result line (which repeats the query) is over 4 KB, more than a pipe writes atomically.
const query = (i: number) => `${5 + i}分以内の副菜 ${"あ".repeat(1500)} #${i}`;
const STOPPED =
  /^recipe-filters: stopped by (SIG\w+): (?:lines 1–(\d+) written|no line written).*; resume with --skip (\d+)\n$/m;

let server: OpenAIStandIn;
let dir: string;
let file: string;
before(async () => {
  // Slow enough that a signal lands mid-batch.
  server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: 150 }));
  dir = mkdtempSync(join(tmpdir(), "batch-signals-"));
  file = join(dir, "queries.txt");
  writeFileSync(file, `${Array.from({ length: LINES }, (_, i) => query(i + 1)).join("\n")}\n`);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every stdout line is a whole JSON result, numbered first, first + 1, … */
function assertWholeLines(stdout: string, first: number): number[] {
  const lines = stdout.split("\n");
  assert.equal(lines.pop(), "", "stdout ends with a newline");
  const numbers = lines.map((line) => JSON.parse(line).line as number);
  assert.deepEqual(
    numbers,
    numbers.map((_, i) => first + i),
  );
  return numbers;
}

describe("a signal during --batch", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)
    it(`${signal}: in-flight lines written whole, where it stopped on stderr, exit ${code}`, async () => {
      let sent = false;
      const r = await runCli(
        ["--batch", file, "--concurrency", "4"],
        { OPENAI_BASE_URL: server.url },
        {
          onStdout: (soFar, child) => {
            if (!sent && soFar.split("\n").length > 3) {
              sent = true;
              child.kill(signal);
            }
          },
        },
      );
      assert.equal(r.code, code, r.stderr);
      const written = assertWholeLines(r.stdout, 1);
      assert.ok(written.length >= 3 && written.length < LINES, `${written.length} lines written`);
      const stop = STOPPED.exec(r.stderr);
      assert.ok(stop, r.stderr);
      assert.equal(stop[1], signal);
      assert.equal(Number(stop[3]), written.length, "--skip names the last line written");
    });

  it("a second signal stops at once: what is in flight is dropped, nothing is torn, --skip still right", async () => {
    let sent = false;
    const r = await runCli(
      ["--batch", file, "--concurrency", "4"],
      { OPENAI_BASE_URL: server.url },
      {
        onStdout: (soFar, child) => {
          if (!sent && soFar.split("\n").length > 3) {
            sent = true;
            child.kill("SIGINT");
            // Apart, so the kernel does not merge them into one pending signal.
            setTimeout(() => child.kill("SIGINT"), 20);
          }
        },
      },
    );
    assert.equal(r.code, 130, r.stderr);
    const written = assertWholeLines(r.stdout, 1);
    const stop = STOPPED.exec(r.stderr);
    assert.ok(stop, r.stderr);
    assert.equal(Number(stop[3]), written.length);
  });

  it("--skip N resumes after line N, numbering lines as in the file", async () => {
    const r = await runCli(["--batch", file, "--skip", "25"], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    assertWholeLines(r.stdout, 26);
    assert.equal(r.stdout.trim().split("\n").length, LINES - 25);
  });
});

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((row) => row.trim().split(/\s+/).map(Number));
  const below = (parent: number): number[] =>
    table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a signal sent to npm start", () => {
  it("reaches the CLI: it stops the batch as asked and no process is left running", async () => {
    // npm start builds dist/ first when the sources are newer (once).
    const npm = spawn("npm", ["start", "-s", "--", "--batch", file, "--concurrency", "2"], {
      cwd: ROOT,
      env: scrubbedEnv({ OPENAI_BASE_URL: server.url }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let below: number[] = [];
    npm.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    npm.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
      if (below.length === 0 && stdout.includes("\n")) {
        below = descendants(npm.pid as number);
        npm.kill("SIGTERM");
      }
    });
    await new Promise((resolve) => npm.on("close", resolve));
    assert.ok(below.length > 0, `the CLI ran under npm: ${stderr}`);
    assert.match(stderr, STOPPED);
    assertWholeLines(stdout, 1);
    // The CLI exits once its in-flight lines are written; wait for that, then nothing may remain.
    for (let i = 0; i < 200 && below.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(below.filter(alive), [], "processes left running after npm exited");
  });
});
