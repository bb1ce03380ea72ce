/**
 * The run tree of one query as a terminal timeline — each run's name, start offset,
 * duration and a bar — so the parallel branches are seen overlapping. The runs come from
 * the framework's callbacks — `@langchain/core`'s `RunCollectorCallbackHandler`, a
 * `BaseTracer` whose handlers are awaited, so the tree is complete when `invoke` returns —
 * and need no LangSmith account. With LangSmith tracing on as well, both handlers are in
 * the same `callbacks` of the same invoke and see the same runs (the same run ids).
 *
 * Hand-written: no maintained package draws a run tree as a terminal Gantt chart, and the
 * layout is a few lines of arithmetic.
 */
import stringWidth from "string-width";
import { printable } from "../formats/terminal-text.js";

/** A run as the tracers record it (core's tracer `Run` and langsmith's `Run` both fit). */
export interface RecordedRun {
  id?: string;
  name: string;
  run_type?: string;
  start_time?: number | string;
  end_time?: number | string;
  tags?: string[];
  error?: string;
  /** What the run returned: a branch node's `candidates` carry each filter's evidence. */
  outputs?: Record<string, unknown>;
  child_runs?: RecordedRun[];
}

/** A filter as a branch's outputs hold it (only what the view shows). */
interface ShownFilter {
  operator?: unknown;
  value?: unknown;
  evidence?: { text?: unknown };
}

const condition = (f: ShownFilter) =>
  `${String(f.operator)} ${Array.isArray(f.value) ? `[${f.value.join(", ")}]` : String(f.value)}`;

/**
 * The words each filter of a run was read from, and what it became: 「10分以内」 <= 10; then
 * each condition the branch dropped, and why (✗ < 700: its evidence "500円未満" does not state
 * 700). From a node's `candidates` and `warnings` (a branch's; the reducer's drops show on its
 * row); "" for other runs.
 */
export function evidenceNote(run: RecordedRun): string {
  const { candidates, warnings } = run.outputs ?? {};
  const kept = (Array.isArray(candidates) ? (candidates as ShownFilter[]) : [])
    .filter((f) => typeof f?.evidence?.text === "string")
    .map((f) => `「${f.evidence?.text}」 ${condition(f)}`);
  const dropped = (Array.isArray(warnings) ? (warnings as { filter?: ShownFilter; message?: unknown }[]) : [])
    .filter((w) => w?.filter && typeof w.message === "string")
    .map((w) => `✗ ${condition(w.filter as ShownFilter)}: ${String(w.message).replace(/^dropped: /, "")}`);
  return [...kept, ...dropped].join(", ");
}

export interface TimelineRow {
  run: RecordedRun;
  /** Tree drawing before the name, e.g. "│  └─ ". */
  prefix: string;
  offsetMs: number;
  durationMs: number;
  /** The bar covers columns [barStart, barEnd) of the timeline. */
  barStart: number;
  barEnd: number;
}

// Runs LangSmith hides too: LangGraph's internal steps (__start__, channel writes).
const isHidden = (run: RecordedRun) => run.tags?.includes("langsmith:hidden") ?? false;

/** Epoch milliseconds (tracers record numbers; ISO strings are accepted too). */
const epochMs = (time: number | string | undefined) => (typeof time === "string" ? Date.parse(time) : time);
const startOf = (run: RecordedRun) => epochMs(run.start_time) ?? 0;

/** The latest end among a run and its descendants (a run that did not end yet lasts until then). */
function latestEnd(run: RecordedRun): number {
  return Math.max(epochMs(run.end_time) ?? startOf(run), ...(run.child_runs ?? []).map(latestEnd));
}

/** One row per visible run, depth first, children by start time; bars scaled to `width` columns. */
export function timelineRows(root: RecordedRun, width = 40): TimelineRow[] {
  const t0 = startOf(root);
  const total = Math.max(1, latestEnd(root) - t0);
  const column = (ms: number) => Math.min(width, Math.round((ms / total) * width));
  const rows: TimelineRow[] = [];
  const visit = (run: RecordedRun, prefix: string, childPrefix: string) => {
    const offsetMs = startOf(run) - t0;
    const durationMs = (epochMs(run.end_time) ?? latestEnd(run)) - startOf(run);
    const barStart = Math.min(column(offsetMs), width - 1);
    rows.push({
      run,
      prefix,
      offsetMs,
      durationMs,
      barStart,
      barEnd: Math.max(barStart + 1, column(offsetMs + durationMs)),
    });
    const children = (run.child_runs ?? []).filter((c) => !isHidden(c)).sort((a, b) => startOf(a) - startOf(b));
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      visit(child, `${childPrefix}${last ? "└─ " : "├─ "}`, `${childPrefix}${last ? "   " : "│  "}`);
    });
  };
  visit(root, "", "");
  return rows;
}

/**
 *     run                              start  duration
 *     recipe-filters                    0 ms    612 ms  ████████████████████████████████████████
 *     ├─ cooking_cost                  11 ms    146 ms  █████████
 *     ├─ cooking_time                  12 ms    598 ms  ███████████████████████████████████████  「10分以内」 <= 10
 *
 * A branch's row ends with the words each of its filters was read from, and what it dropped (evidenceNote).
 */
export function renderTimeline(root: RecordedRun, width = 40): string {
  const rows = timelineRows(root, width);
  const label = (row: TimelineRow) => `${row.prefix}${printable(row.run.name)}${row.run.error ? " (failed)" : ""}`;
  const nameWidth = Math.max(3, ...rows.map((row) => stringWidth(label(row))));
  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
  const header = `${"run".padEnd(nameWidth)}  ${"start".padStart(8)}  ${"duration".padStart(8)}`;
  const lines = rows.map((row) => {
    const name = label(row);
    const bar = " ".repeat(row.barStart) + "█".repeat(row.barEnd - row.barStart);
    const note = evidenceNote(row.run);
    const line = `${name}${" ".repeat(nameWidth - stringWidth(name))}  ${ms(row.offsetMs)}  ${ms(row.durationMs)}  ${bar}`;
    return note ? `${line}${" ".repeat(width - row.barEnd)}  ${printable(note)}` : line;
  });
  return [header, ...lines].join("\n");
}
