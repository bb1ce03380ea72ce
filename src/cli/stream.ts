import type { BranchFinished, ExtractionEvent } from "../extractor/events.js";
import type { ExtractionResult } from "../extractor/result.js";
import { valueText } from "../formats/columns.js";
import { printable, safeJson } from "../formats/terminal-text.js";

const describeBranch = (event: BranchFinished) => {
  if (event.error) return `failed (${event.error.kind}): ${printable(event.error.message)}`;
  if (event.filters.length === 0) return "no filter";
  return event.filters.map((f) => printable(`${f.column} ${f.operator} ${valueText(f.value)}`)).join(", ");
};

/**
 * `--stream`: writes each branch's line the moment its event arrives — one JSON document
 * per line with `json` (the events of extraction-events.ts, the result last), a readable
 * line otherwise — and returns the result for the caller to print and to choose the exit code.
 */
export async function printEvents(
  events: AsyncIterable<ExtractionEvent>,
  options: { json: boolean; write: (text: string) => void },
): Promise<ExtractionResult> {
  const { write } = options;
  for await (const event of events) {
    if (options.json) write(`${safeJson(event)}\n`);
    if (event.type === "result") {
      if (!options.json) write("\n");
      return event.result;
    }
    if (!options.json)
      write(`[${String(event.elapsedMs).padStart(6)} ms] ${printable(event.branch)}: ${describeBranch(event)}\n`);
  }
  throw new Error("the extraction ended without a result");
}
