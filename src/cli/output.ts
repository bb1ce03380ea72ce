import type { Writable } from "node:stream";
import type { ExtractionResult } from "../extractor/result.js";
import type { Registry } from "../filters/registry.js";
import { carriesWholeResult, type FormatName, formatResult } from "../formats/index.js";
import { printable } from "../formats/terminal-text.js";
import { type RecordedRun, renderTimeline } from "../tracing/trace-view.js";
import { renderSummary } from "./render.js";

/** `summary` is the readable default; the rest are the --format names (`--json` is `json`). */
export type Output = FormatName | "summary";

export const chooseOutput = (options: { json?: boolean; format?: FormatName }): Output =>
  options.format ?? (options.json ? "json" : "summary");

/** Only the summary is for a person alone; every --format may be read by a program. */
const isForPrograms = (output: Output) => output !== "summary" && output !== "table";

/**
 * The result on stdout. A format that carries only the filters (table, structured-query,
 * databricks, sql) leaves failed branches, dropped filters and contradictions out, so they
 * go to stderr, one line each — the exit code says "partial" as well.
 */
export function writeResult(
  result: ExtractionResult,
  output: Output,
  registry: Registry,
  { stdout, stderr }: { stdout: Writable; stderr: Writable },
): void {
  stdout.write(`${output === "summary" ? renderSummary(result, registry) : formatResult(result, output, { registry })}
`);
  if (output === "summary" || carriesWholeResult(output)) return;
  const notes = [
    ...result.errors.map((e) => `branch ${e.branch} failed (${e.kind}): ${e.message}`),
    ...result.warnings.map((w) => `${w.branch}: ${w.message}`),
    ...result.contradictions.map((c) => `conflict: ${c.message}`),
  ];
  for (const note of notes) stderr.write(`recipe-filters: warning: ${printable(note)}\n`);
}

/** `--trace`: the timeline after the result — on stderr when stdout is for a program, so stdout stays one document. */
export function writeTrace(
  root: RecordedRun | undefined,
  output: Output,
  { stdout, stderr }: { stdout: Writable; stderr: Writable },
): void {
  const text = root ? renderTimeline(root) : "no runs were recorded";
  (isForPrograms(output) ? stderr : stdout).write(`\n${text}\n`);
}
