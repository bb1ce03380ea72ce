/**
 * The traced batch: 1,000 queries through the compiled CLI's `--batch` at concurrency 32 with
 * LangSmith tracing on, against the stand-ins in this process (the CLI's memory is its own).
 * Reports the traces delivered, runs left unfinished and the CLI's peak RSS.
 * Target: 1000/1000 traces, 0 unfinished, peak RSS ≤ 600 MB.
 */
import { type CliBatchLoadReport, runCliBatchLoadCheck } from "./cli-batch-load.js";

export interface TracedBatchResult extends Omit<CliBatchLoadReport, "stderr" | "results"> {
  resultLines: number;
  /** Traces delivered, as "delivered/queries". */
  delivered: string;
  targetMet: boolean;
}

export const TRACED_BATCH_TARGET = { rssMb: 600 };

export async function measureTracedBatch({ queries = 1000, concurrency = 32 } = {}): Promise<TracedBatchResult> {
  const { stderr, results, ...report } = await runCliBatchLoadCheck({ queries, concurrency });
  if (stderr) console.log(`traced batch stderr: ${stderr.trim()}`);
  return {
    ...report,
    resultLines: results.length,
    delivered: `${report.traces}/${queries}`,
    targetMet:
      report.traces === queries &&
      report.errorFree === queries &&
      report.unfinished === 0 &&
      report.orphans === 0 &&
      report.peakRssMb !== undefined &&
      report.peakRssMb <= TRACED_BATCH_TARGET.rssMb,
  };
}
