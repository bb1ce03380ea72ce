/**
 * The evaluation as a LangSmith experiment: the dataset uploaded once (named by its
 * content, so an edited dataset is a new one), the extractor run on every example with
 * `evaluate()` from `langsmith/evaluation` — each example's trace is the experiment run
 * that LangSmith links to it — and one evaluator per filter column plus exact match, the
 * same scoring as the offline report (eval/score.ts). The runs carry the tag `eval`.
 */
import { createHash } from "node:crypto";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import type { Client } from "langsmith";
import { type EvaluationResult, evaluate, type RunEvaluator, type SummaryEvaluatorT } from "langsmith/evaluation";
import { getLangchainCallbacks } from "langsmith/langchain";
import type { Example, Run } from "langsmith/schemas";
import { traceable } from "langsmith/traceable";
import { type BatchLineResult, runBatch } from "../src/extractor/batch.js";
import type { Extractor } from "../src/extractor/extractor.js";
import type { Filter } from "../src/filters/filter-type.js";
import type { RecipeFiltersContext } from "../src/settings/run.js";
import type { EvalCase } from "./dataset.js";
import { buildReport, type EvalReport } from "./evaluate.js";
import { compareCase, datasetColumns, type LabelledCase, scoredColumns, scoreOutcomes } from "./score.js";

/** The tag every run of an evaluation carries, in LangSmith and in a local trace. */
export const EVAL_TAG = "eval";

export interface ExperimentOptions {
  /** A LangSmith client (createTracing's, so the runs are redacted like every other trace). */
  client: Client;
  context: Pick<RecipeFiltersContext, "model" | "baseUrl"> & { extractor: "llm" | "rules" };
  concurrency: number;
  /** Names the dataset: its file, as the user gave it. */
  dataset: string;
  experimentPrefix?: string;
  columns?: readonly string[];
}

export interface ExperimentReport extends EvalReport {
  langsmith: { experiment: string; datasetName: string; datasetId: string; uploadedExamples: number };
}

type Outputs = Pick<BatchLineResult, "filters" | "errors">;

/** The dataset's name in LangSmith: the file's name and a hash of its cases, so a changed dataset is a new one. */
export function langSmithDatasetName(cases: EvalCase[], source: string): string {
  const content = JSON.stringify(cases.map(({ query, filters, note, columns }) => ({ query, filters, note, columns })));
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
  return `recipe-filters ${source.split(/[\\/]/).at(-1)} ${hash}`;
}

/**
 * The dataset in LangSmith, created when missing; examples not there yet (a first run, or
 * an upload that was cut short) are uploaded, recognized by their line number.
 */
export async function uploadDataset(
  client: Client,
  cases: EvalCase[],
  source: string,
): Promise<{ id: string; name: string; uploaded: number }> {
  const name = langSmithDatasetName(cases, source);
  const dataset = (await client.hasDataset({ datasetName: name }))
    ? await client.readDataset({ datasetName: name })
    : await client.createDataset(name, { description: `recipe-filters evaluation cases from ${source}` });
  const present = new Set<number>();
  for await (const example of client.listExamples({ datasetId: dataset.id }))
    present.add(Number(example.metadata?.line));
  const missing = cases.filter((c) => !present.has(c.line));
  for (let start = 0; start < missing.length; start += 100)
    await client.createExamples(
      missing.slice(start, start + 100).map((c) => ({
        dataset_id: dataset.id,
        inputs: { query: c.query },
        outputs: { filters: c.filters, ...(c.columns ? { columns: c.columns } : {}) },
        metadata: { line: c.line, ...(c.note ? { note: c.note } : {}) },
      })),
    );
  return { id: dataset.id, name, uploaded: missing.length };
}

const wantedOf = (referenceOutputs: Record<string, any> | undefined): Filter[] => referenceOutputs?.filters ?? [];
/** An example's label: its wanted filters and, when it labels only some columns, which. */
const labelOf = (referenceOutputs: Record<string, any> | undefined, line = 0): LabelledCase => ({
  line,
  query: "",
  filters: wantedOf(referenceOutputs),
  ...(referenceOutputs?.columns ? { columns: referenceOutputs.columns } : {}),
});
const gotOf = (outputs: Record<string, any> | undefined): Outputs => ({
  filters: outputs?.filters ?? [],
  // A run without outputs failed as a whole.
  errors: outputs?.errors ?? (outputs?.filters ? [] : [{ branch: "eval", kind: "unexpected", message: "no output" }]),
});

/**
 * One evaluator per column (1 when the column's filters are exactly the wanted ones), then
 * exact match. Plain RunEvaluator objects: pure functions of the run's outputs, so they
 * need no run of their own in LangSmith.
 */
export function caseEvaluators(
  columns: readonly string[],
  /** The columns the dataset labels (eval/score.ts, datasetColumns); a column an example does not label gets no score. */
  labelled: readonly string[] = columns,
): (RunEvaluator & { name: string })[] {
  const evaluator = (key: string, right: (label: LabelledCase, got: Outputs, scored: string[]) => boolean | null) => ({
    name: key,
    async evaluateRun(run: Run, example?: Example): Promise<EvaluationResult> {
      const label = labelOf(example?.outputs);
      const verdict = right(label, gotOf(run.outputs), scoredColumns(label, columns, labelled));
      return verdict === null
        ? { key, score: null, comment: "not scored: the example does not label it" }
        : { key, score: verdict ? 1 : 0 };
    },
  });
  return [
    ...columns.map((column) =>
      evaluator(column, (label, got, scored) => {
        if (!scored.includes(column)) return null;
        const outcome = compareCase(label, got, [column]);
        return outcome.missing.length === 0 && !outcome.extra.some((f) => f.column === column);
      }),
    ),
    evaluator("exact_match", (label, got, scored) => compareCase(label, got, scored).exact),
  ];
}

/** Per-column and overall F1 (micro), and the exact-match rate, over the whole experiment. */
export function summaryEvaluator(columns: readonly string[], labelled: readonly string[] = columns): SummaryEvaluatorT {
  return ({
    outputs,
    referenceOutputs,
  }: {
    outputs: Record<string, any>[];
    referenceOutputs?: Record<string, any>[];
  }) => {
    const outcomes = outputs.map((o, i) => {
      const label = labelOf(referenceOutputs?.[i], i + 1);
      return compareCase(label, gotOf(o), scoredColumns(label, columns, labelled));
    });
    const scores = scoreOutcomes(outcomes, columns);
    const f1 = [
      ...columns.map((column) => ({ key: `${column}_f1`, score: scores.perColumn[column].f1 })),
      { key: "f1", score: scores.overall.f1 },
    ].filter((r): r is { key: string; score: number } => r.score !== null);
    return { results: [...f1, { key: "exact_match_rate", score: scores.exactMatchRate }] };
  };
}

/** Runs the cases as a LangSmith experiment and scores them as the offline report does. */
export async function runExperiment(
  cases: EvalCase[],
  extractor: Extractor,
  options: ExperimentOptions,
): Promise<ExperimentReport> {
  const columns = options.columns ?? extractor.registry.columns;
  const labelled = datasetColumns(cases);
  const { client, context } = options;
  const startedAt = new Date();
  const started = performance.now();
  const dataset = await uploadDataset(client, cases, options.dataset);

  // The example's run in the experiment; the graph runs under it, tagged, as one trace.
  const target = traceable(
    async (inputs: { query: string }): Promise<Outputs> => {
      const callbacks = (await getLangchainCallbacks()) ?? new CallbackManager();
      callbacks.addTags([EVAL_TAG], true);
      // Exactly as the offline evaluation and `--batch` read a line.
      for await (const result of runBatch([JSON.stringify({ query: inputs.query })], extractor, { context, callbacks }))
        return { filters: result.filters, errors: result.errors };
      throw new Error("no result");
    },
    { name: "recipe-filters eval", run_type: "chain", tags: [EVAL_TAG] },
  );
  const experiment = await evaluate(target, {
    data: dataset.name,
    client,
    evaluators: caseEvaluators(columns, labelled),
    summaryEvaluators: [summaryEvaluator(columns, labelled)],
    experimentPrefix: options.experimentPrefix ?? `recipe-filters-${context.extractor}`,
    description: `recipe-filters evaluation of ${options.dataset}`,
    metadata: {
      extractor: context.extractor,
      ...(context.extractor === "llm" ? { model: context.model } : {}),
      dataset: options.dataset,
    },
    maxConcurrency: options.concurrency,
  });

  const byLine = new Map(cases.map((c) => [c.line, c]));
  const outcomes = experiment.results
    .map((row) => ({ evalCase: byLine.get(Number((row.example as Example).metadata?.line)), outputs: row.run.outputs }))
    .filter(
      (row): row is { evalCase: EvalCase; outputs: Record<string, any> | undefined } => row.evalCase !== undefined,
    )
    .sort((a, b) => a.evalCase.line - b.evalCase.line)
    .map(({ evalCase, outputs }) => compareCase(evalCase, gotOf(outputs), scoredColumns(evalCase, columns, labelled)));
  const report = buildReport(cases, outcomes, columns, {
    extractor: context.extractor,
    model: context.model,
    dataset: options.dataset,
    startedAt,
    durationMs: performance.now() - started,
  });
  return {
    ...report,
    langsmith: {
      experiment: experiment.experimentName,
      datasetName: dataset.name,
      datasetId: dataset.id,
      uploadedExamples: dataset.uploaded,
    },
  };
}
