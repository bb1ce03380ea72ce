/**
 * Is every trace the receiver got whole? One root per trace (the root's id is the trace id),
 * every other run's parent received and in the same trace, every run ended. Used by the
 * fault matrix, the CLI tests and the load check.
 */
import type { ReceivedRun } from "../../stand-ins/langsmith-receiver.js";
import { byTrace } from "./trace-shape.js";

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
