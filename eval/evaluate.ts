/** Runs an extractor over a dataset (through the batch runner) and scores it. */
import { type BatchLineResult, type BatchOptions, runBatch } from "../src/extractor/batch.js";
import type { Extractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { caseLanguage, type EvalCase } from "./dataset.js";
import { type GateReport, gateReport } from "./gate-report.js";
import {
  type CaseOutcome,
  compareCase,
  datasetColumns,
  type Scores,
  scoredColumns,
  scoreOutcomes,
  skippedColumns,
} from "./score.js";

export interface EvalReport extends Scores {
  dataset: string;
  extractor: "llm" | "rules";
  model?: string;
  startedAt: string;
  durationMs: number;
  /** Cases per language, and cases whose wanted filter list is empty. */
  composition: { ja: number; en: number; emptyFilterList: number };
  /** llm only: the branch calls the answer gate answered without the model (src/filters/answer-gate.ts). */
  answerGate?: GateReport;
}

export interface EvaluateOptions extends Pick<BatchOptions, "concurrency" | "callbacks"> {
  extractor: "llm" | "rules";
  model?: string;
  baseUrl?: string;
  /** Names the dataset in the report. */
  dataset?: string;
  /** The registry's columns; a case is scored on those it labels. The extractor's registry's by default. */
  columns?: readonly string[];
}

/**
 * Consecutive cases whose every branch failed with the same endpoint error kind before the
 * evaluation stops: a dead endpoint (nothing listening, a wrong key) would otherwise fail every
 * case, print an error per branch per case and score zero, as if the model were that bad.
 */
export const FAIL_FAST_AFTER = 5;

/** Error kinds that say the endpoint, not the case, failed. */
const ENDPOINT_KINDS = new Set(["network", "timeout", "http", "server", "rate_limit"]);

/** The model endpoint failed the first few cases alike: the dataset was not scored. */
export class EndpointFailingError extends Error {
  override name = "EndpointFailingError";
}

/** The one error kind (and a message) of a case that produced nothing because its endpoint failed, if it is one. */
function endpointFailure(result: BatchLineResult): { kind: string; message: string } | undefined {
  const [first] = result.errors;
  if (!first || result.filters.length > 0 || !ENDPOINT_KINDS.has(first.kind)) return undefined;
  return result.errors.every((e) => e.kind === first.kind) ? first : undefined;
}

export async function evaluate(cases: EvalCase[], extractor: Extractor, options: EvaluateOptions): Promise<EvalReport> {
  const columns = options.columns ?? extractor.registry.columns;
  const startedAt = new Date();
  const started = performance.now();
  // Each case goes in as a batch JSON line, exactly as `--batch dataset.jsonl` would read it.
  const lines = cases.map((c) => JSON.stringify({ query: c.query }));
  const context = { extractor: options.extractor, model: options.model, baseUrl: options.baseUrl };
  const labelled = datasetColumns(cases);
  const outcomes: CaseOutcome[] = [];
  let i = 0;
  let alike: { kind: string; message: string; cases: number } | undefined;
  for await (const result of runBatch(lines, extractor, {
    concurrency: options.concurrency,
    callbacks: options.callbacks,
    context,
  })) {
    const evalCase = cases[i++];
    outcomes.push(compareCase(evalCase, result, scoredColumns(evalCase, columns, labelled)));
    const failure = endpointFailure(result);
    alike =
      failure && (!alike || alike.kind === failure.kind) ? { ...failure, cases: (alike?.cases ?? 0) + 1 } : undefined;
    // Leaving the loop stops the intake; the cases in flight end on their own.
    if (alike && alike.cases >= FAIL_FAST_AFTER)
      throw new EndpointFailingError(
        `stopped after ${alike.cases} cases in a row failed alike, every branch with ${alike.kind} (${alike.message}); nothing was scored`,
      );
  }
  return buildReport(cases, outcomes, columns, { ...options, startedAt, durationMs: performance.now() - started });
}

/** The report for scored cases, however they were run (here, or as a LangSmith experiment). */
export function buildReport(
  cases: EvalCase[],
  outcomes: CaseOutcome[],
  columns: readonly string[],
  run: Pick<EvaluateOptions, "extractor" | "model" | "dataset"> & { startedAt: Date; durationMs: number },
): EvalReport {
  return {
    dataset: run.dataset ?? "(in memory)",
    extractor: run.extractor,
    ...(run.extractor === "llm" && run.model ? { model: run.model } : {}),
    startedAt: run.startedAt.toISOString(),
    durationMs: Math.round(run.durationMs),
    composition: {
      ja: cases.filter((c) => caseLanguage(c.query) === "ja").length,
      en: cases.filter((c) => caseLanguage(c.query) === "en").length,
      emptyFilterList: cases.filter((c) => c.filters.length === 0).length,
    },
    ...scoreOutcomes(outcomes, columns, skippedColumns(cases, columns)),
    ...(run.extractor === "llm" ? { answerGate: gateReport(cases, FILTER_TYPES) } : {}),
  };
}
