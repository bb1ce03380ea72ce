/**
 * Scoring: per-filter-type precision / recall / F1 and the per-query exact-match rate.
 * Filters are compared as a set of "column operator value". A case is scored on the columns
 * that the evaluated registry has AND the case labels: wanted filters on other columns (a
 * filter type that does not exist yet) are counted as skipped, and filters the extractor
 * returns on a column the case does not label (a filter type newer than the labels) as not
 * scored, so one dataset keeps working while the registry grows.
 */
import type { Filter } from "../src/filters/filter-type.js";
import type { BranchError } from "../src/workflow/state.js";

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  /** null when nothing was returned (tp + fp = 0). */
  precision: number | null;
  /** null when nothing was wanted (tp + fn = 0). */
  recall: number | null;
  /** 2tp / (2tp + fp + fn); null when there is nothing to score. */
  f1: number | null;
}

export interface CaseOutcome {
  line: number;
  query: string;
  wanted: Filter[];
  got: Filter[];
  /** Wanted but not returned. */
  missing: Filter[];
  /** Returned but not wanted. */
  extra: Filter[];
  errors: BranchError[];
  /** The registry's columns this case was scored on (those it labels). */
  scored: string[];
  /** The same filter set (on the scored columns) and no error. */
  exact: boolean;
}

export interface Scores {
  columns: string[];
  cases: number;
  exactMatches: number;
  exactMatchRate: number;
  perColumn: Record<string, Counts>;
  /** Micro-averaged over the scored columns. */
  overall: Counts;
  /** Cases that want no filter on the scored columns, and how many of them got one anyway. */
  noFilter: { cases: number; withInventedFilter: number };
  /**
   * The invented-filter rate: of the (case, column) pairs whose label has no filter on the column,
   * the share that got one there — overall and per column. A value the query never stated for
   * that column, which is worse than a wrong bound.
   */
  invented: InventedFilters;
  /** Wanted filters on columns the registry does not have, per column (not scored). */
  skipped: Record<string, number>;
  /** Per registry column, the cases that do not label it (their filters there are not scored). */
  notScored: Record<string, number>;
  failures: CaseOutcome[];
}

export interface InventedFilters {
  /** (case, column) pairs whose label has no filter on the column. */
  unlabelled: number;
  /** Of those, the pairs that got a filter on the column anyway. */
  invented: number;
  /** invented / unlabelled; 0 when nothing is unlabelled. */
  rate: number;
  perColumn: Record<string, { unlabelled: number; invented: number; rate: number }>;
}

/** The invented-filter rate of a set of outcomes on `columns` (each case counts only on the columns it is scored on). */
export function inventedFilters(outcomes: readonly CaseOutcome[], columns: readonly string[]): InventedFilters {
  const rate = (invented: number, unlabelled: number) => (unlabelled === 0 ? 0 : invented / unlabelled);
  const perColumn = Object.fromEntries(
    columns.map((column) => {
      const unlabelled = outcomes.filter(
        (o) => o.scored.includes(column) && !o.wanted.some((f) => f.column === column),
      );
      const invented = unlabelled.filter((o) => o.got.some((f) => f.column === column)).length;
      return [column, { unlabelled: unlabelled.length, invented, rate: rate(invented, unlabelled.length) }];
    }),
  );
  const unlabelled = Object.values(perColumn).reduce((n, c) => n + c.unlabelled, 0);
  const invented = Object.values(perColumn).reduce((n, c) => n + c.invented, 0);
  return { unlabelled, invented, rate: rate(invented, unlabelled), perColumn };
}

/** The identity of a filter in a set; numbers rounded so 1.5 from 90秒 equals 1.5. */
export const filterKey = (f: Filter) =>
  `${f.column} ${f.operator} ${typeof f.value === "number" ? Math.round(f.value * 1e6) / 1e6 : f.value}`;

const uniqueFilters = (filters: Filter[]) => [...new Map(filters.map((f) => [filterKey(f), f])).values()];

export function counts(tp: number, fp: number, fn: number): Counts {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    f1: tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn),
  };
}

/** A labelled case: its wanted filters and, when it labels only some columns, which. */
export interface LabelledCase {
  line: number;
  query: string;
  filters: Filter[];
  /** The columns the case's label covers; absent: every column its dataset labels. */
  columns?: string[];
}

/** The columns a dataset labels: every column any case names, in a filter or its `columns`. */
export const datasetColumns = (cases: readonly LabelledCase[]): string[] => [
  ...new Set(cases.flatMap((c) => [...(c.columns ?? []), ...c.filters.map((f) => f.column)])),
];

/** The registry's columns one case is scored on: those it labels (its own list, else its dataset's). */
export const scoredColumns = (
  evalCase: LabelledCase,
  registryColumns: readonly string[],
  labelled: readonly string[],
) => registryColumns.filter((c) => (evalCase.columns ?? labelled).includes(c));

/** One case's outcome on `columns`, the columns it is scored on. */
export function compareCase(
  evalCase: LabelledCase,
  result: { filters: Filter[]; errors: BranchError[] },
  columns: readonly string[],
): CaseOutcome {
  const wanted = uniqueFilters(evalCase.filters.filter((f) => columns.includes(f.column)));
  const got = uniqueFilters(result.filters.filter((f) => columns.includes(f.column)));
  const gotKeys = new Set(got.map(filterKey));
  const wantedKeys = new Set(wanted.map(filterKey));
  const missing = wanted.filter((f) => !gotKeys.has(filterKey(f)));
  const extra = got.filter((f) => !wantedKeys.has(filterKey(f)));
  return {
    line: evalCase.line,
    query: evalCase.query,
    wanted,
    got,
    missing,
    extra,
    errors: result.errors,
    scored: [...columns],
    exact: missing.length === 0 && extra.length === 0 && result.errors.length === 0,
  };
}

export function scoreOutcomes(
  outcomes: CaseOutcome[],
  columns: readonly string[],
  skipped: Record<string, number> = {},
): Scores {
  const tally = (column?: string) => {
    const mine = (fs: Filter[]) => fs.filter((f) => column === undefined || f.column === column).length;
    const fp = outcomes.reduce((n, o) => n + mine(o.extra), 0);
    const fn = outcomes.reduce((n, o) => n + mine(o.missing), 0);
    const tp = outcomes.reduce((n, o) => n + mine(o.got) - mine(o.extra), 0);
    return counts(tp, fp, fn);
  };
  const exactMatches = outcomes.filter((o) => o.exact).length;
  const noFilterCases = outcomes.filter((o) => o.wanted.length === 0);
  return {
    columns: [...columns],
    cases: outcomes.length,
    exactMatches,
    exactMatchRate: outcomes.length === 0 ? 0 : exactMatches / outcomes.length,
    perColumn: Object.fromEntries(columns.map((c) => [c, tally(c)])),
    overall: tally(),
    noFilter: { cases: noFilterCases.length, withInventedFilter: noFilterCases.filter((o) => o.got.length > 0).length },
    invented: inventedFilters(outcomes, columns),
    skipped,
    notScored: Object.fromEntries(
      columns.map((c) => [c, outcomes.filter((o) => !o.scored.includes(c)).length] as const).filter(([, n]) => n > 0),
    ),
    failures: outcomes.filter((o) => !o.exact),
  };
}

/** Wanted filters on columns outside `columns`, counted per column. */
export function skippedColumns(cases: { filters: Filter[] }[], columns: readonly string[]): Record<string, number> {
  const skipped: Record<string, number> = {};
  for (const f of cases.flatMap((c) => c.filters))
    if (!columns.includes(f.column)) skipped[f.column] = (skipped[f.column] ?? 0) + 1;
  return skipped;
}
