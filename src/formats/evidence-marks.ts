import type { Filter } from "../filters/filter.js";

/**
 * The query with every filter's evidence in brackets — 「鶏むね肉を使った[10分以内]の[副菜]」 —
 * so a reader sees which words each filter came from. Overlapping spans share one bracket;
 * a span whose offsets do not hold its text is left unmarked.
 */
export function markEvidence(query: string, filters: readonly Filter[]): string {
  const spans = filters
    .map((f) => f.evidence)
    .filter(
      (e): e is NonNullable<Filter["evidence"]> => !!e && e.end > e.start && query.slice(e.start, e.end) === e.text,
    )
    .map((e) => [e.start, e.end] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let marked = "";
  let from = 0;
  for (const [start, end] of merged) {
    marked += `${query.slice(from, start)}[${query.slice(start, end)}]`;
    from = end;
  }
  return marked + query.slice(from);
}
