/**
 * `npm run bench`: every performance figure of the project, measured side by side in one
 * run against the local stand-ins (no network), printed as a table and written to
 * bench/results.json, with the latency chart in bench/latency-vs-n.svg.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { measureBatchThroughput } from "./batch-throughput.js";
import { latencyChartSvg } from "./chart.js";
import { measureFanOut, measureTracing } from "./fan-out.js";
import { measureColdStart, measureOfflineThroughput } from "./offline.js";
import { round } from "./stats.js";
import { syntheticFilterTypes } from "./synthetic-types.js";
import { measureTracedBatch } from "./traced-batch.js";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const OUT_DIR = process.env.BENCH_OUT_DIR ?? "bench";

const warnings: string[] = [];
process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}`));

const started = performance.now();
const server = await startOpenAIStandIn(
  answerLikeTheExtractor([...FILTER_TYPES, ...syntheticFilterTypes(64)], { delayMs: LATENCY_MS }),
);
const receiver = await startLangSmithReceiver();

console.log(`latency L = ${LATENCY_MS} ms, medians of ${REPEATS} runs\n`);
const fanOut = await measureFanOut({ ns: [1, 2, 4, 8, 16], repeats: REPEATS, baseUrl: server.url });
console.table(
  fanOut.map((r) => ({
    N: r.n,
    "graph ms": round(r.graphMs, 0),
    "floor ms": round(r.floorMs, 0),
    "sequential ms": round(r.sequentialMs, 0),
    "graph/floor": round(r.graphOverFloor, 3),
    "sequential/floor": round(r.sequentialOverFloor, 2),
  })),
);

const tracing = await measureTracing({
  ns: [2, 16],
  repeats: REPEATS,
  baseUrl: server.url,
  tracer: () => {
    const t = createTracing({ apiUrl: receiver.url, apiKey: "lsv2_bench_not_a_key_000000" });
    return { callbacks: [t.tracer], flush: () => t.flush(30_000) };
  },
});
console.table(
  tracing.map((r) => ({
    N: r.n,
    "tracing off ms": round(r.offMs, 0),
    "tracing on ms": round(r.onMs, 0),
    "on/off": round(r.onOverOff, 3),
    "flush ms": round(r.flushMs, 0),
  })),
);

const BATCH_LATENCY_MS = Number(process.env.BENCH_BATCH_LATENCY_MS ?? 500);
const batchServer = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: BATCH_LATENCY_MS }));
const batch = await measureBatchThroughput({
  concurrencies: [1, 8, 32, 64],
  queries: 128,
  latencyMs: BATCH_LATENCY_MS,
  baseUrl: batchServer.url,
});
await batchServer.close();
console.log(`\nbatch of 128 queries, L = ${BATCH_LATENCY_MS} ms, ${FILTER_TYPES.length} filter types`);
console.table(
  batch.map((r) => ({
    concurrency: r.concurrency,
    seconds: round(r.seconds),
    "ideal ceil(Q/C)×L": round(r.idealSeconds),
    "÷ ideal": round(r.overIdeal, 3),
    "queries/s": round(r.queriesPerSecond, 1),
  })),
);

const tracedBatch = await measureTracedBatch();
console.log(
  `\ntraced batch (CLI --batch, ${tracedBatch.queries} queries, c = ${tracedBatch.concurrency}, tracing on): traces delivered ${tracedBatch.delivered}, unfinished runs ${tracedBatch.unfinished}, orphans ${tracedBatch.orphans}, CLI peak RSS ${tracedBatch.peakRssMb ?? "n/a"} MB, ${tracedBatch.seconds} s, exit ${tracedBatch.exitCode} — target 1000/1000, 0 unfinished, ≤ 600 MB: ${tracedBatch.targetMet ? "met" : "NOT met"}`,
);

const offline = {
  fastPath: await measureOfflineThroughput(20_000),
  viaGraph: await measureOfflineThroughput(2_000, true),
};
for (const [path, r] of Object.entries(offline))
  console.log(
    `offline (${path}): ${r.queries} queries in ${round(r.seconds)} s = ${round(r.perSecond, 0)} queries/s (one process)`,
  );
const coldStart = measureColdStart(5);
console.log(
  `cold start: npm start ${round(coldStart.npmStartMs, 0)} ms, node dist/src/cli/main.js ${round(coldStart.nodeDirectMs, 0)} ms, CLI peak RSS ${coldStart.peakRssMb ? `${round(coldStart.peakRssMb, 0)} MB` : "n/a"}`,
);

await server.close();
await receiver.close();
const maxListenerWarnings = warnings.filter((w) => w.startsWith("MaxListenersExceededWarning")).length;
const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: process.platform,
  },
  date: new Date().toISOString(),
  latencyMs: LATENCY_MS,
  repeats: REPEATS,
  fanOut,
  tracing,
  batch,
  tracedBatch,
  offline,
  coldStart,
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
  maxListenerWarnings,
  benchSeconds: round((performance.now() - started) / 1000, 1),
};
console.log(
  `bench process peak RSS ${results.peakRssMb} MB; MaxListenersExceededWarning: ${maxListenerWarnings}; took ${results.benchSeconds} s`,
);
writeFileSync(join(OUT_DIR, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(OUT_DIR, "latency-vs-n.svg"),
  latencyChartSvg(fanOut, `Latency vs filter types (L = ${LATENCY_MS} ms per call)`),
);
