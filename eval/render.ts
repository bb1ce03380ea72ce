/** The evaluation report as text for a terminal. */

import type { Filter } from "../src/filters/filter-type.js";
import { printable } from "../src/formats/terminal-text.js";
import type { EvalReport } from "./evaluate.js";
import type { Counts } from "./score.js";

const ratio = (x: number | null) => (x === null ? "   —  " : x.toFixed(4));
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const filterList = (fs: Filter[]) =>
  fs.length === 0 ? "(none)" : fs.map((f) => `${f.column} ${f.operator} ${printable(String(f.value))}`).join(", ");

function row(name: string, c: Counts, width: number): string {
  return `  ${name.padEnd(width)}  ${ratio(c.precision)}     ${ratio(c.recall)}  ${ratio(c.f1)}  ${String(c.tp).padStart(5)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}`;
}

export function renderReport(report: EvalReport): string {
  const width = Math.max(11, ...report.columns.map((c) => c.length));
  const skipped = Object.entries(report.skipped).map(([column, n]) => `${column} ×${n}`);
  const notScored = Object.entries(report.notScored).map(([column, n]) => `${column} (${n} of ${report.cases} cases)`);
  // A column no case labels has no score at all, not a score of nothing.
  const scoredRow = (c: string) =>
    report.notScored[c] === report.cases ? `  ${c.padEnd(width)}  not scored` : row(c, report.perColumn[c], width);
  const lines = [
    `dataset    ${printable(report.dataset)}: ${report.cases} cases (${report.composition.ja} ja, ${report.composition.en} en, ${report.composition.emptyFilterList} with no filter)`,
    `extractor  ${report.extractor}${report.model ? ` (${printable(report.model)})` : ""}, ${report.durationMs} ms`,
    ...(skipped.length ? [`not scored (no filter type for the column yet): ${skipped.join(", ")}`] : []),
    ...(notScored.length ? [`not scored (cases that do not label the column): ${notScored.join(", ")}`] : []),
    "",
    `  ${"filter type".padEnd(width)}  precision  recall  F1          tp   fp   fn`,
    ...report.columns.map(scoredRow),
    row("all (micro)", report.overall, width),
    "",
    `exact match: ${report.exactMatches}/${report.cases} = ${percent(report.exactMatchRate)}`,
    `no-filter cases with an invented filter: ${report.noFilter.withInventedFilter}/${report.noFilter.cases}`,
    `invented-filter rate: ${report.invented.invented}/${report.invented.unlabelled} = ${percent(report.invented.rate)} (of the case × column pairs whose label has no filter there, those that got one)`,
    `  per column: ${Object.entries(report.invented.perColumn)
      .filter(([column]) => report.notScored[column] !== report.cases)
      .map(([column, c]) => `${column} ${c.invented}/${c.unlabelled}`)
      .join(", ")}`,
    ...(report.answerGate
      ? [
          `answer gate: ${report.answerGate.gated}/${report.answerGate.branchCalls} branch calls without the model (${percent(report.answerGate.gatedShare)}), ~${Math.round(report.answerGate.promptTokensSavedPerQuery)} prompt tokens saved per query, ${report.answerGate.lostFilters} labelled filters lost`,
        ]
      : []),
    "",
    report.failures.length === 0 ? "failing cases: none" : `failing cases (${report.failures.length}):`,
  ];
  for (const f of report.failures) {
    lines.push(
      `  line ${f.line}: ${printable(f.query)}`,
      `    wanted: ${filterList(f.wanted)}`,
      `    got:    ${filterList(f.got)}`,
    );
    for (const e of f.errors) lines.push(`    error:  ${e.branch} (${e.kind}): ${printable(e.message)}`);
  }
  return lines.join("\n");
}
