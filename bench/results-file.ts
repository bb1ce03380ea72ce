/**
 * bench/results.json: one entry per section, each with the run that measured it (date, load,
 * rounds), so a partial run (BENCH_ONLY) replaces its own sections and keeps the others.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface SectionEntry {
  measuredAt: string;
  /** The HEAD commit this section measured (sections of earlier partial runs keep theirs). */
  headCommit?: string;
  loadAverage: [number, number, number];
  rounds: number;
  /** Figure → median over the rounds, per build. */
  head: Record<string, number>;
  baseline?: Record<string, number>;
  /** HEAD ÷ baseline per figure. */
  ratio?: Record<string, number>;
  errors?: string[];
  detail: { head: unknown[]; baseline?: unknown[] };
}

export interface ResultsFile {
  baseline: { commit: string; why: string };
  head: { commit: string; dirty: boolean };
  machine: Record<string, unknown>;
  settings: Record<string, unknown>;
  sections: Record<string, SectionEntry>;
  updatedAt: string;
}

export function readResults(path: string): ResultsFile | undefined {
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, "utf8"));
  // A results file from before the side-by-side bench has no sections to keep.
  return json.sections ? (json as ResultsFile) : undefined;
}

/** The new run's sections over the old file's: sections this run did not measure are kept as they were. */
export function mergeResults(old: ResultsFile | undefined, run: ResultsFile): ResultsFile {
  return { ...run, sections: { ...(old?.sections ?? {}), ...run.sections } };
}

export function writeResults(path: string, results: ResultsFile) {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
