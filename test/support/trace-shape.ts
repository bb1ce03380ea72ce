import type { ReceivedRun } from "../../stand-ins/langsmith-receiver.js";

/** Waits until `check` passes or `timeoutMs` elapses (then throws its last error). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Runs grouped by trace id. */
export function byTrace(runs: Iterable<ReceivedRun>): Map<string, ReceivedRun[]> {
  const traces = new Map<string, ReceivedRun[]>();
  for (const run of runs) traces.set(String(run.trace_id), [...(traces.get(String(run.trace_id)) ?? []), run]);
  return traces;
}
