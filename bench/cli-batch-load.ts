/**
 * The traced-batch load check through the real CLI: N queries in a batch file, `--batch` at
 * concurrency C with LangSmith tracing on, the CLI in its own process and the stand-ins in
 * this one (so the CLI's memory is its own). Reports the exit code, whether every result
 * line came back, whether every trace arrived whole, and the CLI's peak RSS.
 * Optionally one query in k gets a large answer: valid JSON padded with 70,000 newlines,
 * as a local model under a JSON grammar sends (a string ≥ 64 KB, serialized off-thread).
 *
 *   node --import tsx bench/cli-batch-load.ts [queries=1000] [concurrency=32] [paddedEvery=0]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractionResult } from "../src/extractor/result.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type Reply, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { checkTraces, countMisshapenTraces } from "../stand-ins/received-traces.js";
import { cliEntry } from "./build-root.js";
import { loadQuery, PADDING, queryNumber } from "./load-queries.js";

/** The developer's own settings, kept from the CLI: it gets exactly the stand-ins' settings. */
const OWN_SETTINGS = /^(OPENAI_|RECIPE_FILTERS_|LANGSMITH_|LANGCHAIN_)/;
const scrubbedEnv = (env: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !OWN_SETTINGS.test(name))),
  ...env,
});

export interface CliBatchLoadOptions {
  queries: number;
  concurrency: number;
  /** Every k-th query's first branch answers with 70,000 newlines of padding (0: none). */
  paddedEvery?: number;
  /** Model latency the stand-in adds to every answer. */
  modelDelayMs?: number;
  /** More environment for the CLI (e.g. RECIPE_FILTERS_TRACE_EVERY). */
  env?: Record<string, string>;
}

export interface CliBatchLoadReport {
  queries: number;
  concurrency: number;
  exitCode: number | null;
  /** The result lines on stdout, parsed. */
  results: (ExtractionResult & { line: number })[];
  /** Result lines without an error. */
  errorFree: number;
  traces: number;
  runs: number;
  orphans: number;
  unfinished: number;
  badRoots: number;
  misshapenTraces: number;
  /** The CLI process's peak resident set size (Linux /usr/bin/time), if measurable. */
  peakRssMb?: number;
  seconds: number;
  /** The CLI's stderr, without the RSS line. */
  stderr: string;
}

/** The CLI's entry: compiled when this runs from dist/, the TypeScript source through tsx otherwise. */
function cliCommand(): string[] {
  const compiled = cliEntry();
  if (existsSync(compiled)) return [compiled];
  return ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("../src/cli/bin.ts", import.meta.url))];
}

export async function runCliBatchLoadCheck(options: CliBatchLoadOptions): Promise<CliBatchLoadReport> {
  const { queries, concurrency, paddedEvery = 0, modelDelayMs = 5 } = options;
  const answer = answerLikeTheExtractor(FILTER_TYPES, { delayMs: modelDelayMs });
  const server = await startOpenAIStandIn((req): Reply => {
    const reply = answer(req);
    const padded =
      paddedEvery > 0 && queryNumber(req.user) % paddedEvery === 0 && req.schemaName === FILTER_TYPES[0].answerName;
    return padded && "json" in reply ? { content: JSON.stringify(reply.json) + PADDING, delayMs: modelDelayMs } : reply;
  });
  const receiver = await startLangSmithReceiver({ keepRawBodies: false });
  const dir = mkdtempSync(join(tmpdir(), "cli-batch-load-"));
  const file = join(dir, "queries.txt");
  writeFileSync(file, `${Array.from({ length: queries }, (_, i) => loadQuery(i)).join("\n")}\n`);
  const started = performance.now();
  try {
    const timed = existsSync("/usr/bin/time");
    const args = [...cliCommand(), "--batch", file, "--concurrency", String(concurrency)];
    const child = spawn(
      timed ? "/usr/bin/time" : process.execPath,
      timed ? ["-f", "peak-rss-kb %M", process.execPath, ...args] : args,
      {
        cwd: tmpdir(),
        env: scrubbedEnv({
          RECIPE_FILTERS_EXTRACTOR: "llm",
          OPENAI_BASE_URL: server.url,
          LANGSMITH_TRACING: "true",
          LANGSMITH_ENDPOINT: receiver.url,
          LANGSMITH_API_KEY: "lsv2_cli_batch_load_key_0123456789",
          ...options.env,
        }),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const seconds = (performance.now() - started) / 1000;
    const rss = /peak-rss-kb (\d+)\s*$/.exec(stderr);
    const results = stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const shape = checkTraces(receiver.runs.values());
    return {
      queries,
      concurrency,
      exitCode,
      results,
      errorFree: results.filter((r) => r.errors.length === 0).length,
      traces: shape.traces,
      runs: shape.runs,
      orphans: shape.orphans.length,
      unfinished: shape.unfinished.length,
      badRoots: shape.badRoots.length,
      misshapenTraces: countMisshapenTraces(receiver.runs.values()),
      peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : undefined,
      seconds: Math.round(seconds * 10) / 10,
      stderr: rss ? stderr.slice(0, rss.index) : stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
    await receiver.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [queries = 1000, concurrency = 32, paddedEvery = 0] = process.argv.slice(2).map(Number);
  const { results, ...report } = await runCliBatchLoadCheck({ queries, concurrency, paddedEvery });
  console.log(JSON.stringify({ ...report, resultLines: results.length }, null, 2));
}
