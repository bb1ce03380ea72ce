/**
 * Batch throughput against the model stand-in: Q queries at concurrency C should take about
 * the ideal ceil(Q / C) × L, since each query costs one latency L (its branches overlap) —
 * unless the client's CPU binds first: the batch's own CPU time is the CPU floor (one event
 * loop runs the JavaScript, whatever the cores; the model's HTTP and parsing run on it too). The
 * figure to read is seconds ÷ max(ideal, floor), with `binds` saying which limit that is.
 */
import { runBatch } from "../src/extractor/batch.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BENCH_QUERY } from "./fan-out.js";

export interface BatchRow {
  concurrency: number;
  queries: number;
  seconds: number;
  idealSeconds: number;
  overIdeal: number;
  /** The batch's CPU time (this process, user + system), in seconds: the JavaScript runs on one event loop. */
  cpuFloorSeconds: number;
  binds: "latency" | "cpu";
  overBound: number;
  queriesPerSecond: number;
  /** Batch lines that failed: counted, never an abort. */
  failedQueries: number;
}

export async function measureBatchThroughput(options: {
  concurrencies: number[];
  queries: number;
  latencyMs: number;
  baseUrl: string;
}): Promise<BatchRow[]> {
  const extractor = createExtractor();
  const context = { extractor: "llm" as const, baseUrl: options.baseUrl };
  const rows: BatchRow[] = [];
  for (const concurrency of options.concurrencies) {
    const lines = Array.from({ length: options.queries }, (_, i) => `${BENCH_QUERY} ${i}`);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let failed = 0;
    for await (const result of runBatch(lines, extractor, { concurrency, context })) if (result.errors.length) failed++;
    const seconds = (performance.now() - start) / 1000;
    const idealSeconds = (Math.ceil(options.queries / concurrency) * options.latencyMs) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuFloorSeconds = (cpu.user + cpu.system) / 1e6;
    const boundSeconds = Math.max(idealSeconds, cpuFloorSeconds);
    rows.push({
      concurrency,
      cpuFloorSeconds,
      binds: cpuFloorSeconds > idealSeconds ? "cpu" : "latency",
      overBound: seconds / boundSeconds,
      queries: options.queries,
      seconds,
      idealSeconds,
      overIdeal: seconds / idealSeconds,
      queriesPerSecond: options.queries / seconds,
      failedQueries: failed,
    });
  }
  return rows;
}
