/**
 * `npm run bench`: every performance figure of the project, measured side by side in one
 * run against the local stand-ins (no network; model stand-in and LangSmith receiver in a
 * process of their own, so the client's CPU is measured alone), printed as tables and
 * written to bench/results.json, with the latency chart in bench/latency-vs-n.svg.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { measureBatchThroughput } from "./batch-throughput.js";
import { latencyChartSvg } from "./chart.js";
import { measureClientCpu } from "./client-cpu.js";
import { BENCH_QUERY, measureFanOut, measureTracing } from "./fan-out.js";
import { measureColdStart, measureOfflineThroughput } from "./offline.js";
import { benchOpenTelemetry } from "./otel.js";
import { profileTracedQueries } from "./profile.js";
import { startRemoteStandIns } from "./remote-stand-ins.js";
import { round } from "./stats.js";
import { syntheticFilterTypes } from "./synthetic-types.js";
import { measureTokens } from "./tokens.js";
import { measureTracedBatch } from "./traced-batch.js";
import { measureUpdateValidation } from "./upstream-overheads.js";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const CPU_QUERIES = Number(process.env.BENCH_CPU_QUERIES ?? 320);
const CPU_CONCURRENCY = 32;
const OUT_DIR = process.env.BENCH_OUT_DIR ?? "bench";
const SECTIONS = new Set(
  (process.env.BENCH_ONLY ?? "fanout,cpu,tracing,otel,batch,tracedbatch,tokens,profile,offline").split(","),
);

const warnings: string[] = [];
process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}`));

const started = performance.now();
const loadBefore = loadavg()[0];
const standIns = await startRemoteStandIns();
await standIns.setLatency(LATENCY_MS);
const results: Record<string, unknown> = {};

console.log(`latency L = ${LATENCY_MS} ms, medians of ${REPEATS} runs\n`);
if (SECTIONS.has("fanout")) {
  const fanOut = await measureFanOut({ ns: [1, 2, 4, 8, 16], repeats: REPEATS, baseUrl: standIns.modelUrl });
  results.fanOut = fanOut;
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
  writeFileSync(
    join(OUT_DIR, "latency-vs-n.svg"),
    latencyChartSvg(fanOut, `Latency vs filter types (L = ${LATENCY_MS} ms per call)`),
  );
}

let untracedCpuMs = Number(process.env.BENCH_CPU_MS_PER_QUERY ?? 0);
if (SECTIONS.has("cpu")) {
  const cpu = await measureClientCpu({
    registry: FILTER_TYPES,
    queries: CPU_QUERIES,
    concurrency: CPU_CONCURRENCY,
    standIns,
  });
  results.clientCpu = cpu;
  untracedCpuMs = cpu[0].cpuMsPerQuery;
  console.log(
    `\nclient CPU per query: ${CPU_QUERIES} queries at concurrency ${CPU_CONCURRENCY}, ${FILTER_TYPES.length} filter types, L = ${LATENCY_MS} ms`,
  );
  console.table(
    cpu.map((r) => ({
      tracing: r.traced ? (r.slim ? "on, slim" : "on") : "off",
      "CPU ms/query": round(r.cpuMsPerQuery, 2),
      "wall ms/query": round(r.wallMsPerQuery, 1),
      "runs/query": r.runsPerQuery === undefined ? "" : round(r.runsPerQuery, 2),
      "traces / unfinished runs": r.traces === undefined ? "" : `${r.traces} / ${r.unfinishedRuns}`,
    })),
  );
  const traced = cpu[1];
  if (traced.runsByName)
    console.log(
      `runs per query by name: ${Object.entries(traced.runsByName)
        .map(([name, n]) => `${name} ${round(n / traced.queries, 2)}`)
        .join(", ")}`,
    );
  console.log(`traced ÷ untraced CPU: ${round(traced.cpuMsPerQuery / cpu[0].cpuMsPerQuery, 2)}`);
  if (cpu[2])
    console.log(
      `traced (slim, as a traced batch) ÷ untraced CPU: ${round(cpu[2].cpuMsPerQuery / cpu[0].cpuMsPerQuery, 2)}`,
    );
}

if (SECTIONS.has("tracing")) {
  const tracing = await measureTracing({
    registries: [
      { label: "synthetic", types: syntheticFilterTypes(2) },
      { label: "registry", types: FILTER_TYPES },
      { label: "synthetic", types: syntheticFilterTypes(16) },
    ],
    repeats: Math.max(REPEATS, 9),
    baseUrl: standIns.modelUrl,
    tracer: () => {
      const t = createTracing({ apiUrl: standIns.receiverUrl, apiKey: "lsv2_bench_not_a_key_000000" });
      return { callbacks: [t.tracer], flush: () => t.flush(30_000) };
    },
  });
  results.tracing = tracing;
  console.log("\ntracing on ÷ off, one query at a time (wall time)");
  console.table(
    tracing.map((r) => ({
      N: r.n,
      types: r.registry,
      "tracing off ms": round(r.offMs, 0),
      "tracing on ms": round(r.onMs, 0),
      "on/off": round(r.onOverOff, 3),
      "flush ms": round(r.flushMs, 0),
    })),
  );
}

if (SECTIONS.has("otel"))
  results.openTelemetry = await benchOpenTelemetry({ repeats: REPEATS, latencyMs: LATENCY_MS, standIns });

if (SECTIONS.has("batch")) {
  const BATCH_LATENCY_MS = Number(process.env.BENCH_BATCH_LATENCY_MS ?? 500);
  const cores = availableParallelism();
  await standIns.setLatency(BATCH_LATENCY_MS);
  const batch = await measureBatchThroughput({
    concurrencies: [8, 32, 64],
    queries: 128,
    latencyMs: BATCH_LATENCY_MS,
    baseUrl: standIns.modelUrl,
    cpuMsPerQuery: untracedCpuMs,
    cores,
  });
  await standIns.setLatency(LATENCY_MS);
  results.batch = batch;
  console.log(
    `\nbatch of 128 queries, L = ${BATCH_LATENCY_MS} ms, ${FILTER_TYPES.length} filter types; CPU floor = Q × ${round(untracedCpuMs, 2)} ms ÷ ${cores} cores`,
  );
  console.table(
    batch.map((r) => ({
      concurrency: r.concurrency,
      seconds: round(r.seconds),
      "ideal ceil(Q/C)×L": round(r.idealSeconds),
      "CPU floor": round(r.cpuFloorSeconds),
      binds: r.binds,
      "÷ max(ideal, floor)": round(r.overBound, 3),
      "queries/s": round(r.queriesPerSecond, 1),
    })),
  );
}

if (SECTIONS.has("tracedbatch")) {
  // The CLI in a process of its own, its stand-ins in this one: the RSS is the CLI's alone.
  const tracedBatch = await measureTracedBatch();
  results.tracedBatch = tracedBatch;
  console.log(
    `\ntraced batch (CLI --batch, ${tracedBatch.queries} queries, c = ${tracedBatch.concurrency}, tracing on): traces delivered ${tracedBatch.delivered}, unfinished runs ${tracedBatch.unfinished}, orphans ${tracedBatch.orphans}, CLI peak RSS ${tracedBatch.peakRssMb ?? "n/a"} MB, ${tracedBatch.seconds} s, exit ${tracedBatch.exitCode} — target 1000/1000, 0 unfinished, ≤ 600 MB: ${tracedBatch.targetMet ? "met" : "NOT met"}`,
  );
}

if (SECTIONS.has("tokens")) {
  const tokens = await measureTokens(FILTER_TYPES, BENCH_QUERY);
  results.tokens = tokens;
  console.log(`\nprompt tokens for 「${BENCH_QUERY}」 (o200k_base, gpt-4o-mini family)`);
  console.table(
    [...tokens.perBranch, tokens.total, tokens.singleCall].map((r) => ({
      request: r.branch,
      system: r.system,
      user: r.user,
      schema: r.schema,
      "prompt total": r.total,
      answer: r.answer,
    })),
  );
  console.log(
    `single call ÷ five calls, prompt tokens: ${round(tokens.singleCall.total / tokens.total.total, 2)} (measured, not used)`,
  );
}

if (SECTIONS.has("profile")) {
  const shares = await profileTracedQueries({
    registry: FILTER_TYPES,
    queries: 160,
    concurrency: CPU_CONCURRENCY,
    standIns,
  });
  const update = measureUpdateValidation();
  results.profile = { shares, updateValidation: update };
  const top = Object.entries(shares.byPackage)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 8)
    .map(([name, share]) => `${name} ${round(share * 100, 1)} %`);
  console.log(`\ntraced pass, self CPU by package: ${top.join(", ")}`);
  console.log(
    `langsmith RunTree constructor ${round(shares.runTreeConstructor * 100, 1)} % of self CPU; zod ${round(shares.zod * 100, 1)} %`,
  );
  console.log(
    `LangGraph state-update validation: ${round(update.perUpdateMs, 3)} ms per node update (partial schemas derived per update) vs ${round(update.cachedMs, 3)} ms derived once`,
  );
}

if (SECTIONS.has("offline")) {
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
    `cold start: npm start ${round(coldStart.npmStartMs, 0)} ms, node dist/src/cli/bin.js ${round(coldStart.nodeDirectMs, 0)} ms, CLI peak RSS ${coldStart.peakRssMb ? `${round(coldStart.peakRssMb, 0)} MB` : "n/a"}`,
  );
  Object.assign(results, { offline, coldStart });
}

await standIns.close();
const maxListenerWarnings = warnings.filter((w) => w.startsWith("MaxListenersExceededWarning")).length;
const summary = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: process.platform,
    loadAverageAtStart: round(loadBefore, 2),
  },
  date: new Date().toISOString(),
  latencyMs: LATENCY_MS,
  repeats: REPEATS,
  ...results,
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
  maxListenerWarnings,
  benchSeconds: round((performance.now() - started) / 1000, 1),
};
console.log(
  `\nbench process peak RSS ${summary.peakRssMb} MB; MaxListenersExceededWarning: ${maxListenerWarnings}; load average at start ${summary.machine.loadAverageAtStart}; took ${summary.benchSeconds} s`,
);
writeFileSync(join(OUT_DIR, "results.json"), `${JSON.stringify(summary, null, 2)}\n`);
