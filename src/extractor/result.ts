import type { BranchError, Contradiction, FilterRecord, Warning } from "../workflow/state.js";

/** What one query yields (the graph's output); the CLI's --json document is exactly this. */
export interface ExtractionResult {
  query: string;
  /** Which extractor produced the candidates: the chat model or the offline rules. */
  extractor: "llm" | "rules";
  /** The chat model that answered; null for the offline rules. */
  model: string | null;
  filters: FilterRecord[];
  errors: BranchError[];
  warnings: Warning[];
  contradictions: Contradiction[];
  /** The query minus every filter's evidence and the words it stranded (src/query/residual.ts): what a search ranks by. */
  residual: string;
}
