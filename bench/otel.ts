/**
 * What OpenTelemetry tracing costs a query: N synthetic filter types through the graph with
 * tracing off, OTel on (the real OTLP exporter to the local receiver) and both backends on
 * (OTel and LangSmith), interleaved per repeat so machine noise hits them alike. The flush
 * (spans leaving after the answer) is measured apart: the answer does not wait for it.
 * The model and the LangSmith receiver are the benchmark's stand-ins in their own process;
 * the OTLP receiver runs here, but only the untimed flush sends to it.
 */

import { createTracing } from "../src/tracing/langsmith.js";
import { startOpenTelemetry } from "../src/tracing/opentelemetry-sdk.js";
import { compileGraph } from "../src/workflow/build.js";
import { EXPERIMENT_HEADER, startOtlpReceiver } from "../stand-ins/otlp-receiver.js";
import { asRegistry, DEFAULT_MODEL, graphSettings } from "./build-api.js";
import { BENCH_QUERY } from "./fan-out.js";
import type { RemoteStandIns } from "./remote-stand-ins.js";
import { median, round, timed } from "./stats.js";
import { syntheticFilterTypes } from "./synthetic-types.js";

/** Wall and CPU milliseconds of `fn`. */
async function measured(fn: () => Promise<unknown>, cpu: number[]): Promise<number> {
  const before = process.cpuUsage();
  const ms = await timed(fn);
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
  return ms;
}

export interface OpenTelemetryRow {
  n: number;
  offMs: number;
  otelMs: number;
  bothMs: number;
  otelOverOff: number;
  bothOverOff: number;
  /** Median CPU time of the process per query (user + system), a figure machine load disturbs less than wall time. */
  offCpuMs: number;
  otelCpuMs: number;
  bothCpuMs: number;
  /** Median time to send one query's spans after it answered. */
  otelFlushMs: number;
  spansPerQuery: number;
}

export async function benchOpenTelemetry(options: {
  repeats: number;
  /** The model stand-in's latency, set by the caller (for the table's title). */
  latencyMs: number;
  standIns: Pick<RemoteStandIns, "modelUrl" | "receiverUrl">;
  ns?: number[];
}): Promise<OpenTelemetryRow[]> {
  const ns = options.ns ?? [2, 16];
  const otlp = await startOtlpReceiver();
  const context = {
    extractor: "llm" as const,
    model: DEFAULT_MODEL,
    baseUrl: options.standIns.modelUrl,
    temperature: 0,
  };
  const rows: OpenTelemetryRow[] = [];
  try {
    for (const n of ns) {
      const graph = compileGraph(asRegistry(syntheticFilterTypes(n)), graphSettings(options.standIns.modelUrl));
      const invoke = (callbacks?: any[]) => () => graph.invoke({ query: BENCH_QUERY }, { context, callbacks });
      const ls = createTracing({ apiUrl: options.standIns.receiverUrl, apiKey: "lsv2_bench_not_a_key_000000" });
      const flushes: number[] = [];
      /** One query with OTel on; OTel is started and stopped outside the timed part. */
      const withOtel = async (run: () => Promise<unknown>, cpu: number[] = []) => {
        const otel = startOpenTelemetry({ url: otlp.tracesUrl, headers: { [EXPERIMENT_HEADER]: "bench" } });
        try {
          const ms = await measured(run, cpu);
          flushes.push(await timed(() => otel.flush(30_000)));
          return ms;
        } finally {
          await otel.shutdown();
        }
      };
      await invoke()();
      await withOtel(invoke([ls.tracer]));
      flushes.length = 0;
      otlp.clear();
      const off: number[] = [];
      const otelOn: number[] = [];
      const both: number[] = [];
      const [offCpu, otelCpu, bothCpu]: number[][] = [[], [], []];
      for (let r = 0; r < options.repeats; r++) {
        off.push(await measured(invoke(), offCpu));
        otelOn.push(await withOtel(invoke(), otelCpu));
        both.push(await withOtel(invoke([ls.tracer]), bothCpu));
      }
      await ls.flush(30_000);
      rows.push({
        n,
        offMs: median(off),
        otelMs: median(otelOn),
        bothMs: median(both),
        otelOverOff: median(otelOn) / median(off),
        bothOverOff: median(both) / median(off),
        offCpuMs: median(offCpu),
        otelCpuMs: median(otelCpu),
        bothCpuMs: median(bothCpu),
        otelFlushMs: median(flushes),
        spansPerQuery: otlp.spans.length / (2 * options.repeats),
      });
    }
  } finally {
    await otlp.close();
  }
  console.log(`\nOpenTelemetry tracing, L = ${options.latencyMs} ms, medians of ${options.repeats} runs`);
  console.table(
    rows.map((r) => ({
      N: r.n,
      "off ms": round(r.offMs, 0),
      "OTel ms": round(r.otelMs, 0),
      "OTel+LangSmith ms": round(r.bothMs, 0),
      "OTel/off": round(r.otelOverOff, 3),
      "both/off": round(r.bothOverOff, 3),
      "CPU ms off / OTel / both": `${round(r.offCpuMs, 0)} / ${round(r.otelCpuMs, 0)} / ${round(r.bothCpuMs, 0)}`,
      "OTel flush ms": round(r.otelFlushMs, 0),
      "spans/query": round(r.spansPerQuery, 0),
    })),
  );
  return rows;
}
