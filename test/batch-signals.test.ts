// Interrupting a batch: SIGINT, SIGTERM or SIGHUP stops the intake, the lines in flight are
// finished and written whole (result lines over 4 KB), stderr says where it stopped and which
// --skip resumes, and the exit code is 128 + the signal's number. One key press that arrives
// twice (terminal and npm) is one stop; only another signal after a pause drops what is in
// flight. In-process, signalled through main's io; through npm and a real process group:
// batch-signals.e2e.test.ts.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FORCE_PAUSE_MS } from "../src/cli/stop-signals.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";

const LINES = 40;
// ~1,500 kana: each result line (which repeats the query) is over 4 KB, more than a pipe writes atomically.
const query = (i: number) => `${5 + i}分以内の副菜 ${"あ".repeat(1500)} #${i}`;
const STOPPED =
  /^recipe-filters: stopped by (SIG\w+): (?:lines 1–(\d+) written|no line written).*; resume with --skip (\d+)\n$/m;

/** What the CLI says when it takes the first signal. */
const STOPPING = /^recipe-filters: stopping on SIG\w+: finishing the lines in flight/m;

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
      assert.equal(r.stderr.match(new RegExp(STOPPING, "gm"))?.length, 1, r.stderr);
      assert.equal(Number(stop[3]), written.length, "--skip names the last line written");
    });

  it("one key press that arrives twice, milliseconds apart (terminal and npm), is one stop: nothing in flight dropped", async () => {
    let sent = false;
    const r = await runCli(
      ["--batch", file, "--concurrency", "4"],
      { OPENAI_BASE_URL: server.url },
      {
        onStdout: (soFar, cli) => {
          if (!sent && soFar.split("\n").length > 3) {
            sent = true;
            cli.kill("SIGINT");
            setTimeout(() => cli.kill("SIGINT"), 5);
          }
        },
      },
    );
    assert.equal(r.code, 130, r.stderr);
    const written = assertWholeLines(r.stdout, 1);
    const stop = STOPPED.exec(r.stderr);
    assert.ok(stop, r.stderr);
    assert.doesNotMatch(r.stderr, /in flight dropped/);
    assert.equal(r.stderr.match(new RegExp(STOPPING, "gm"))?.length, 1, r.stderr);
    assert.equal(Number(stop[3]), written.length);
  });

  it("another signal after a pause stops at once: what is in flight is dropped, nothing is torn, --skip still right", async () => {
    // Lines slow enough to be still in flight when the second signal comes.
    const slow = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: FORCE_PAUSE_MS * 3 }));
    try {
      let sent = false;
      let again = false;
      const r = await runCli(
        ["--batch", file, "--concurrency", "4"],
        { OPENAI_BASE_URL: slow.url },
        {
          onStdout: (soFar, cli) => {
            if (!sent && soFar.includes("\n")) {
              sent = true;
              cli.kill("SIGINT");
            }
          },
          // Timed from when the CLI took the first signal, not from when it was sent.
          onStderr: (soFar, cli) => {
            if (!again && STOPPING.test(soFar)) {
              again = true;
              setTimeout(() => cli.kill("SIGINT"), FORCE_PAUSE_MS + 100);
            }
          },
        },
      );
      assert.equal(r.code, 130, r.stderr);
      const written = assertWholeLines(r.stdout, 1);
      const stop = STOPPED.exec(r.stderr);
      assert.ok(stop, r.stderr);
      assert.match(r.stderr, /in flight dropped/);
      assert.equal(Number(stop[3]), written.length);
    } finally {
      await slow.close();
    }
  });

  it("--skip N resumes after line N, numbering lines as in the file", async () => {
    const r = await runCli(["--batch", file, "--skip", "25"], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    assertWholeLines(r.stdout, 26);
    assert.equal(r.stdout.trim().split("\n").length, LINES - 25);
  });
});
