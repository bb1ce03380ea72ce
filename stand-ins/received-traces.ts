/**
 * Is every trace the LangSmith receiver got whole? One root per trace (the root's id is the
 * trace id), every other run's parent received and in the same trace, every run ended; and
 * is each shaped like a query (a run per branch, a model call per branch, the reducer). Used
 * by the fault matrix, the CLI tests, the load checks and the traced-batch benchmark.
 */
import { FILTER_TYPES } from "../src/filters/index.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import type { ReceivedRun } from "./langsmith-receiver.js";

/** Runs grouped by trace id. */
export function byTrace(runs: Iterable<ReceivedRun>): Map<string, ReceivedRun[]> {
  const traces = new Map<string, ReceivedRun[]>();
  for (const run of runs) traces.set(String(run.trace_id), [...(traces.get(String(run.trace_id)) ?? []), run]);
  return traces;
}

/** Traces missing a branch, a model call per branch, or the reducer. */
export function countMisshapenTraces(received: Iterable<ReceivedRun>): number {
  return [...byTrace(received).values()].filter((runs) => {
    const count = (pred: (name?: string, type?: string) => boolean) =>
      runs.filter((r) => pred(r.name, r.run_type)).length;
    return (
      FILTER_TYPES.some((t) => count((name) => name === t.name) !== 1) ||
      count((_, type) => type === "llm") !== FILTER_TYPES.length ||
      count((name) => name === REDUCE_NODE) !== 1
    );
  }).length;
}

export interface TraceCompleteness {
  traces: number;
  runs: number;
  /** Runs whose parent was never received, or sits in another trace. */
  orphans: ReceivedRun[];
  /** Runs without an end time: left open. */
  unfinished: ReceivedRun[];
  /** Trace ids without exactly one root run whose id is the trace id. */
  badRoots: string[];
}

export function checkTraces(received: Iterable<ReceivedRun>): TraceCompleteness {
  const runs = [...received];
  const byId = new Map(runs.map((run) => [run.id, run]));
  const traces = byTrace(runs);
  const badRoots = [...traces].filter(([traceId, members]) => {
    const roots = members.filter((run) => !run.parent_run_id);
    return roots.length !== 1 || roots[0].id !== traceId;
  });
  return {
    traces: traces.size,
    runs: runs.length,
    orphans: runs.filter((run) => run.parent_run_id && byId.get(run.parent_run_id)?.trace_id !== run.trace_id),
    unfinished: runs.filter((run) => !run.end_time),
    badRoots: badRoots.map(([traceId]) => traceId),
  };
}

/** A one-line summary for assertion messages. */
export function describeCompleteness(report: TraceCompleteness): string {
  const names = (runs: ReceivedRun[]) => runs.map((run) => run.name).join(", ") || "none";
  return `${report.traces} traces, ${report.runs} runs; orphans: ${names(report.orphans)}; unfinished: ${names(report.unfinished)}; bad roots: ${report.badRoots.length}`;
}
