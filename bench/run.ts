/**
 * `npm run bench`: every performance figure of the project, for HEAD and a pinned baseline
 * build side by side in one run (bench/baseline.ts): each section runs in one process per
 * build (bench/worker.ts, its stand-ins in a process of their own), the builds interleaved
 * round by round (ABBA) so machine noise hits them alike, and the figures read as
 * HEAD ÷ baseline. Prints tables, writes bench/results.json (a partial run, BENCH_ONLY,
 * replaces only its own sections) and bench/latency-vs-n.svg; `node dist/bench/readme-figures.js`
 * renders the README's figures from the results file.
 *
 *   BENCH_ONLY=fanout,cpu   sections to run (default: all)     BENCH_ROUNDS=2   rounds per build
 *   BENCH_BASELINE=none     HEAD alone                          BENCH_BASELINE=<commit>  another baseline
 *   BENCH_LATENCY_MS=200    BENCH_REPEATS=5    BENCH_CPU_QUERIES=320    BENCH_OUT_DIR=bench
 */
import { execFileSync, fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BASELINE, prepareBaseline } from "./baseline.js";
import { buildRoot } from "./build-root.js";
import { latencyChartSvg } from "./chart.js";
import type { FanOutRow } from "./fan-out.js";
import { mergeResults, readResults, type SectionEntry, writeResults } from "./results-file.js";
import type { SectionResult, SectionSettings } from "./sections.js";
import { median, round } from "./stats.js";
import type { WorkerRequest } from "./worker.js";

const ALL_SECTIONS = [
  "gate",
  "coldstart",
  "search",
  "fanout",
  "cpu",
  "tracing",
  "otel",
  "batch",
  "tokens",
  "offline",
  "profile",
  "tracedbatch",
];
/** Sections whose one round is long and steady enough: run once per build. */
const ONE_ROUND = new Set(["tracedbatch", "profile"]);

const env = process.env;
const SETTINGS: SectionSettings = {
  latencyMs: Number(env.BENCH_LATENCY_MS ?? 200),
  repeats: Number(env.BENCH_REPEATS ?? 5),
  cpuQueries: Number(env.BENCH_CPU_QUERIES ?? 320),
  concurrency: 32,
  batchLatencyMs: Number(env.BENCH_BATCH_LATENCY_MS ?? 500),
  datasetPath: "",
};
const ROUNDS = Number(env.BENCH_ROUNDS ?? 2);
const OUT_DIR = env.BENCH_OUT_DIR ?? "bench";
const only = env.BENCH_ONLY?.split(",").map((s) => s.trim());
const unknown = only?.filter((s) => !ALL_SECTIONS.includes(s)) ?? [];
if (unknown.length) {
  console.error(`bench: unknown section(s) ${unknown.join(", ")}; the sections are ${ALL_SECTIONS.join(", ")}`);
  process.exit(2);
}
const SECTIONS = ALL_SECTIONS.filter((s) => !only || only.includes(s));

interface Worker {
  label: "head" | "baseline";
  run(section: string): Promise<SectionResult | { error: string }>;
  close(): Promise<void>;
}

/** Forks one build's worker (its dist/bench/worker.js, or this folder's when run with tsx). */
async function startWorker(label: Worker["label"], file: string, cwd: string): Promise<Worker> {
  const child = fork(file, { cwd, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, (message: any) => void>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ${label} worker exited (${code}) before it was ready`)));
    child.on("message", (message: { id: number }) => {
      if (message.id === 0) return resolve();
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
  child.removeAllListeners("exit");
  child.on("exit", (code) => {
    for (const settle of pending.values()) settle({ error: `the ${label} worker exited (${code})` });
    pending.clear();
  });
  const send = (request: Omit<WorkerRequest, "id">) =>
    new Promise<any>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    label,
    run: async (section) => {
      const message = await send({ section, settings: SETTINGS });
      return message.error ? { error: message.error } : message.reply;
    },
    close: async () => {
      if (child.connected) await send({ close: true });
    },
  };
}

const medians = (runs: SectionResult[]) => {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.figures)))];
  return Object.fromEntries(
    names.map((name) => [name, median(runs.map((r) => r.figures[name]).filter(Number.isFinite))]),
  );
};

const git = (args: string[], cwd: string) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

const headRoot = buildRoot();
/** Whether HEAD's sources differ from its commit, at the start (the bench's own outputs aside). */
const headCommit = git(["rev-parse", "HEAD"], headRoot);
const headDirty =
  git(["status", "--porcelain", "--", ".", ":!bench/results.json", ":!bench/latency-vs-n.svg"], headRoot) !== "";
SETTINGS.datasetPath = join(headRoot, "eval", "dataset.jsonl");
const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
const baselineCommit = env.BENCH_BASELINE === "none" ? undefined : (env.BENCH_BASELINE ?? BASELINE.commit);
const started = performance.now();
console.log(
  `load average ${loadavg()
    .map((l) => round(l, 2))
    .join(" ")}; ${cpus().length} cores; L = ${SETTINGS.latencyMs} ms; ${ROUNDS} rounds per build`,
);
if (baselineCommit) console.log(`baseline ${baselineCommit.slice(0, 12)}: building it (cached after the first run) …`);
const baselineRoot = baselineCommit ? prepareBaseline(headRoot, baselineCommit) : undefined;
const workers = [await startWorker("head", fileURLToPath(new URL(`./worker${extension}`, import.meta.url)), headRoot)];
if (baselineRoot)
  workers.push(await startWorker("baseline", join(baselineRoot, "dist", "bench", "worker.js"), baselineRoot));

const sections: Record<string, SectionEntry> = {};
for (const section of SECTIONS) {
  const load = loadavg().map((l) => round(l, 2)) as [number, number, number];
  const rounds = ONE_ROUND.has(section) ? 1 : ROUNDS;
  const runs: Record<string, SectionResult[]> = { head: [], baseline: [] };
  const errors: string[] = [];
  for (let r = 0; r < rounds; r++) {
    // ABBA: the build that goes first alternates, so a drifting load favours neither.
    const order = r % 2 === 0 ? workers : [...workers].reverse();
    for (const worker of order) {
      const result = await worker.run(section);
      if ("error" in result) errors.push(`${worker.label}: ${result.error}`);
      else runs[worker.label].push(result);
    }
  }
  const head = medians(runs.head);
  const baseline = baselineRoot ? medians(runs.baseline) : undefined;
  const ratio = baseline
    ? Object.fromEntries(Object.keys(head).map((name) => [name, head[name] / baseline[name]]))
    : undefined;
  sections[section] = {
    measuredAt: new Date().toISOString(),
    headCommit,
    loadAverage: load,
    rounds,
    head,
    ...(baseline ? { baseline, ratio } : {}),
    ...(errors.length ? { errors } : {}),
    detail: {
      head: runs.head.map((r) => r.detail),
      ...(baseline ? { baseline: runs.baseline.map((r) => r.detail) } : {}),
    },
  };
  console.log(`\n${section} (load ${load.join(" ")}; ${rounds} round${rounds > 1 ? "s" : ""} per build)`);
  console.table(
    Object.keys(head).map((name) => ({
      figure: name,
      ...(baseline ? { baseline: round(baseline[name], 3) } : {}),
      HEAD: round(head[name], 3),
      ...(ratio ? { "HEAD ÷ baseline": round(ratio[name], 3) } : {}),
    })),
  );
  for (const error of errors) console.error(`${section} failed on ${error.split("\n")[0]}`);
  if (section === "fanout" && runs.head.length) {
    const rows = (runs.head[runs.head.length - 1].detail as FanOutRow[]).filter((r) => r.registry === "synthetic");
    writeFileSync(
      join(OUT_DIR, "latency-vs-n.svg"),
      latencyChartSvg(rows, `Latency vs filter types (L = ${SETTINGS.latencyMs} ms per call)`),
    );
  }
}
for (const worker of workers) await worker.close();

const path = join(OUT_DIR, "results.json");
writeResults(
  path,
  mergeResults(readResults(path), {
    baseline: {
      commit: baselineCommit ?? "none",
      why: baselineCommit === BASELINE.commit ? BASELINE.why : "set by BENCH_BASELINE",
    },
    head: { commit: headCommit, dirty: headDirty },
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: process.platform,
    },
    settings: { ...SETTINGS, datasetPath: "eval/dataset.jsonl", rounds: ROUNDS },
    sections,
    updatedAt: new Date().toISOString(),
  }),
);
console.log(`\n${path} updated (${SECTIONS.join(", ")}); took ${round((performance.now() - started) / 1000, 1)} s`);
