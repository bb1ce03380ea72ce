/**
 * A reusable in-process load check: N queries through one compiled extractor, a few at a
 * time, against the OpenAI-compatible stand-in, traced to the LangSmith receiver. It reports
 * whether every query came back whole and every trace arrived whole, and peak memory.
 *
 *   node --expose-gc --import tsx test/support/load-check.ts [queries=1000] [concurrency=16]
 *
 * The stand-ins run in the same process and keep every request and every decoded run, so the
 * peaks include them; `retainedHeapMb` is measured after they are dropped.
 */
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { loadQuery, PADDING, queryNumber } from "../../bench/load-queries.js";
import { createExtractor } from "../../src/extractor/extractor.js";
import { FILTER_TYPES } from "../../src/filters/index.js";
import { createTracing } from "../../src/tracing/langsmith.js";
import { startLangSmithReceiver } from "../../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../../stand-ins/openai-server.js";
import { checkTraces, countMisshapenTraces } from "../../stand-ins/received-traces.js";
import { offlineFilters } from "./offline-filters.js";

export interface LoadCheckOptions {
  queries: number;
  /** Queries in flight at once. */
  concurrency?: number;
  /** Model latency the stand-in adds to every answer. */
  modelDelayMs?: number;
  /**
   * Every k-th query's first branch answers valid JSON padded with 70,000 newlines (a string
   * ≥ 64 KB, which the tracing client serializes off-thread); 0: none.
   */
  paddedEvery?: number;
}

export interface LoadReport {
  queries: number;
  /** Queries whose result had one filter per filter type and no error. */
  complete: number;
  traces: number;
  runs: number;
  orphans: number;
  unfinished: number;
  badRoots: number;
  /** Traces missing a branch, an LLM call per branch, or the reducer. */
  misshapenTraces: number;
  flushed: boolean;
  ms: number;
  /** Highest heap use seen (sampled every 20 ms). */
  peakHeapMb: number;
  /** The process's peak resident set size so far (includes whatever ran before). */
  peakRssMb: number;
  /**
   * Heap still in use once the stand-ins and their logs (every request and run they kept)
   * are gone — what the extractor and tracing retain. Command line with --expose-gc only.
   */
  retainedHeapMb?: number;
}

export async function runLoadCheck({
  queries,
  concurrency = 16,
  modelDelayMs = 5,
  paddedEvery = 0,
}: LoadCheckOptions): Promise<LoadReport> {
  const answer = answerLikeTheExtractor(FILTER_TYPES, { delayMs: modelDelayMs });
  const server = await startOpenAIStandIn((req) => {
    const reply = answer(req);
    const query = queryNumber(req.user);
    const padded = paddedEvery > 0 && query % paddedEvery === 0 && req.schemaName === FILTER_TYPES[0].answerName;
    return padded && "json" in reply ? { content: JSON.stringify(reply.json) + PADDING, delayMs: modelDelayMs } : reply;
  });
  const receiver = await startLangSmithReceiver({ keepRawBodies: false });
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  try {
    const tracing = createTracing({ apiUrl: receiver.url, apiKey: "lsv2_load_check_key_0123456789" });
    const extractor = createExtractor();
    let next = 0;
    let complete = 0;
    const worker = async () => {
      for (let i = next++; i < queries; i = next++) {
        const result = await extractor.extract(loadQuery(i), {
          context: { extractor: "llm", baseUrl: server.url },
          callbacks: [tracing.tracer],
        });
        if (result.errors.length === 0 && isDeepStrictEqual(result.filters, offlineFilters(result.query)))
          complete += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queries) }, worker));
    const flushed = await tracing.flush(60_000);
    const ms = performance.now() - started;

    const shape = checkTraces(receiver.runs.values());
    const misshapenTraces = countMisshapenTraces(receiver.runs.values());
    return {
      queries,
      complete,
      traces: shape.traces,
      runs: shape.runs,
      orphans: shape.orphans.length,
      unfinished: shape.unfinished.length,
      badRoots: shape.badRoots.length,
      misshapenTraces,
      flushed,
      ms: Math.round(ms),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    await receiver.close();
  }
}

/** The load check, then the heap still in use once its stand-ins (and their logs) are gone. */
async function runLoadCheckAndMeasureRetained(options: LoadCheckOptions): Promise<LoadReport> {
  const report = await runLoadCheck(options);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return report;
  // Sockets and timers of the closed stand-ins let go of their buffers a tick or two later.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
  }
  return { ...report, retainedHeapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [queries = 1000, concurrency = 16] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await runLoadCheckAndMeasureRetained({ queries, concurrency }), null, 2));
}
