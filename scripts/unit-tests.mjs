#!/usr/bin/env node
// `npm run test:unit`: the fast loop, chosen by file name — every test/*.test.ts but the
// real-process end-to-end tests (*.e2e.test.ts) and the load tests (load*.test.ts). `npm test`
// runs them all.
//
// Files share processes (--test-isolation=none), so LangChain, LangGraph and the OpenAI client
// load once per process, not once per file: four processes, a quarter of the files each (most
// of a test's time is a wait on a stand-in or a timeout, so two cores serve four), each ended
// once its tests are done (--test-force-exit: with every stand-in closed, something no longer
// listed as a handle held a shared process open some 80 s after its last test).
// So no test may leave state behind for another file's tests: the environment, process
// listeners, OpenTelemetry's patch of LangChain, a module's state. A `before` at a file's top
// level runs before all of its process's tests, its `after` after them all, and a top-level
// `beforeEach` before every file's tests (use test/support/hooks.ts).
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const SHARED_PROCESSES = 4;
/**
 * Seconds the slowest files took in a shared process (summed top-level test durations,
 * December 2026), so the shares come out even: each file goes to the share with the least so
 * far, slowest first. A stale figure only unbalances the shares; any other file counts 0.7 s.
 */
const SECONDS = {
  "fault-matrix.test.ts": 16,
  "cli-faults.test.ts": 13,
  "property.test.ts": 13,
  "opentelemetry-cli.test.ts": 12,
  "opentelemetry.test.ts": 12,
  "batch-signals.test.ts": 8,
  "tracing-failure.test.ts": 8,
  "retry.test.ts": 5,
  "eval-langsmith.test.ts": 4,
  "semantics-v2.test.ts": 4,
  "eval-fail-fast.test.ts": 4,
  "model-secrets.test.ts": 3,
};
const seconds = (name) => SECONDS[name] ?? 0.7;

const dir = "test";
const unit = readdirSync(dir)
  .filter((name) => name.endsWith(".test.ts") && !name.endsWith(".e2e.test.ts") && !name.startsWith("load"))
  .sort((a, b) => seconds(b) - seconds(a) || a.localeCompare(b));
const shares = Array.from({ length: SHARED_PROCESSES }, () => ({ seconds: 0, files: [] }));
for (const name of unit) {
  const share = shares.reduce((least, s) => (s.seconds < least.seconds ? s : least));
  share.seconds += seconds(name);
  share.files.push(join(dir, name));
}

/** Runs one share of the files; its report is printed whole when it ends, so the reports do not interleave. */
function run(files) {
  const args = ["--import", "tsx", "--test", "--test-isolation=none", "--test-force-exit", ...process.argv.slice(2)];
  const child = spawn(process.execPath, [...args, ...files], { stdio: ["ignore", "pipe", "pipe"] });
  const output = [];
  child.stdout.on("data", (chunk) => output.push(chunk));
  child.stderr.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      process.stdout.write(Buffer.concat(output));
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

const codes = await Promise.all(shares.filter((s) => s.files.length > 0).map((s) => run(s.files)));
process.exit(codes.find((code) => code !== 0) ?? 0);
