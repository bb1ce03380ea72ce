// Signals to a real `npm start -- --batch`, as a terminal and a supervisor send them: Ctrl-C
// reaches the whole process group (npm and the CLI) and npm forwards it again, yet it is one
// stop — every line in flight is finished and written, exit 130, the resume hint on stderr.
// A SIGTERM to npm reaches the CLI and leaves no process behind. A batch reading a FIFO
// whose writer stays open still stops when asked.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { MAIN, ROOT, scrubbedEnv, TSX } from "./support/cli.js";

const LINES = 40;
// ~1,500 kana: each result line (which repeats the query) is over 4 KB, more than a pipe writes atomically.
const query = (i: number) => `${5 + i}分以内の副菜 ${"あ".repeat(1500)} #${i}`;
const STOPPED =
  /^recipe-filters: stopped by (SIG\w+): (?:lines 1–(\d+) written|no line written)(.*); resume with --skip (\d+)\n/m;

let server: OpenAIStandIn;
let dir: string;
let file: string;
before(async () => {
  // Slow enough that a signal lands while lines are in flight.
  server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: 400 }));
  dir = mkdtempSync(join(tmpdir(), "batch-signals-e2e-"));
  file = join(dir, "queries.txt");
  writeFileSync(file, `${Array.from({ length: LINES }, (_, i) => query(i + 1)).join("\n")}\n`);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every stdout line is a whole JSON result, numbered 1, 2, … */
function assertWholeLines(stdout: string): number {
  const lines = stdout.split("\n");
  assert.equal(lines.pop(), "", "stdout ends with a newline");
  assert.deepEqual(
    lines.map((line) => JSON.parse(line).line as number),
    lines.map((_, i) => i + 1),
  );
  return lines.length;
}

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

/** Collects a child's output; `onStdout` sees all of stdout so far each time more arrives. */
function watch(child: ChildProcess, onStdout: (soFar: string) => void) {
  let stdout = "";
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d) => (stderr += d));
  child.stdout?.setEncoding("utf8").on("data", (d) => {
    stdout += d;
    onStdout(stdout);
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

describe("npm start -- --batch", () => {
  it("Ctrl-C (SIGINT to the whole process group, forwarded again by npm) is one stop: every line in flight written, exit 130", async () => {
    // Its own process group, as a terminal's foreground job. npm builds dist/ first when the sources are newer (once).
    const npm = spawn("npm", ["start", "-s", "--", "--batch", file, "--concurrency", "4"], {
      cwd: ROOT,
      env: scrubbedEnv({ OPENAI_BASE_URL: server.url }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let sent = false;
    const r = await watch(npm, (soFar) => {
      if (!sent && soFar.split("\n").length > 3) {
        sent = true;
        process.kill(-(npm.pid as number), "SIGINT");
      }
    });
    const stop = STOPPED.exec(r.stderr);
    assert.ok(stop, r.stderr);
    assert.equal(stop[1], "SIGINT");
    assert.equal(stop[3], "", `nothing in flight may be dropped: ${r.stderr}`);
    const written = assertWholeLines(r.stdout);
    assert.ok(written < LINES, `${written} lines written: the batch stopped`);
    assert.equal(Number(stop[4]), written, "--skip names the last line written");
    assert.equal(r.code, 130, r.stderr);
  });

  it("SIGTERM to npm reaches the CLI: it stops the batch as asked and no process is left running", async () => {
    const npm = spawn("npm", ["start", "-s", "--", "--batch", file, "--concurrency", "2"], {
      cwd: ROOT,
      env: scrubbedEnv({ OPENAI_BASE_URL: server.url }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let below: number[] = [];
    const r = await watch(npm, (soFar) => {
      if (below.length === 0 && soFar.includes("\n")) {
        below = descendants(npm.pid as number);
        npm.kill("SIGTERM");
      }
    });
    assert.ok(below.length > 0, `the CLI ran under npm: ${r.stderr}`);
    assert.match(r.stderr, STOPPED);
    assertWholeLines(r.stdout);
    // The CLI exits once its in-flight lines are written; wait for that, then nothing may remain.
    for (let i = 0; i < 200 && below.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(below.filter(alive), [], "processes left running after npm exited");
  });
});

describe("--batch reading a FIFO", () => {
  it("stops on SIGINT while the writer keeps the FIFO open", async () => {
    const fifo = join(dir, "queries.fifo");
    execFileSync("mkfifo", [fifo]);
    const cli = spawn(process.execPath, ["--import", TSX, MAIN, "--batch", fifo], {
      cwd: dir,
      env: scrubbedEnv({ OPENAI_BASE_URL: server.url }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Opens once the CLI opens its end; then two lines, and the writer stays.
    const writer = await open(fifo, "w");
    // Only so that a hanging CLI fails the test instead of hanging it: far beyond any start-up.
    let writerClosedFirst = false;
    const guard = setTimeout(() => {
      writerClosedFirst = true;
      void writer.close();
    }, 120_000);
    try {
      await writer.write(`${query(1)}\n${query(2)}\n`);
      let sent = false;
      const r = await watch(cli, (soFar) => {
        if (!sent && soFar.includes("\n")) {
          sent = true;
          cli.kill("SIGINT");
        }
      });
      assert.equal(writerClosedFirst, false, "the CLI waited for the writer to close");
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, STOPPED);
      assertWholeLines(r.stdout);
    } finally {
      clearTimeout(guard);
      if (!writerClosedFirst) await writer.close();
    }
  });
});
