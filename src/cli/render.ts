import type { ExtractionResult } from "../extractor/result.js";
import type { Registry } from "../filters/registry.js";
import { valueText } from "../formats/columns.js";
import { markEvidence } from "../formats/evidence-marks.js";
import { printable } from "../formats/terminal-text.js";

/** The readable summary printed without --json. */
export function renderSummary(result: ExtractionResult, registry: Registry): string {
  const lines = [
    // Each filter's evidence in brackets: the words it was read from.
    `query:     ${printable(markEvidence(result.query, result.filters))}`,
    `extractor: ${result.extractor === "llm" ? "llm (chat model)" : "rules (offline)"}`,
  ];
  if (result.filters.length === 0) lines.push("filters:   none");
  else {
    lines.push(`filters:   ${result.filters.length} (all must hold)`);
    for (const f of result.filters)
      lines.push(
        `  ${f.column} ${f.operator} ${printable(valueText(f.value))}  ${registry.unitOf(f.column)}`.trimEnd(),
      );
  }
  lines.push(`residual:  ${printable(result.residual) || "(none)"}`);
  for (const e of result.errors)
    lines.push(`error:     branch ${e.branch} failed (${e.kind}): ${printable(e.message)}`);
  for (const w of result.warnings) lines.push(`warning:   ${w.branch}: ${printable(w.message)}`);
  for (const c of result.contradictions) lines.push(`conflict:  ${printable(c.message)}`);
  return lines.join("\n");
}
