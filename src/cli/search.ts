import type { Writable } from "node:stream";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Database } from "sql.js";
import type { ExtractionResult } from "../extractor/result.js";
import type { Registry } from "../filters/registry.js";
import { valueText } from "../formats/columns.js";
import { printable, safeJson } from "../formats/terminal-text.js";
import { hybridSearch } from "../search/embedding-fusion.js";
import { type RankedSearch, rankedSearch } from "../search/ranked-search.js";
import type { RecipeRow } from "../search/recipe-store.js";
import type { Redactor } from "../secrets/redact.js";
import { renderSummary } from "./render.js";

/** The one line, and a line per filter, that say nothing within the filters matches the residual. */
function noMatchLines(residual: string, search: RankedSearch): string[] {
  if (!search.relaxations) return [];
  return [
    `no recipe within the filters matches 「${printable(residual)}」; dropping one filter would give:`,
    ...search.relaxations.map(
      ({ filter, count }) =>
        `  without ${filter.column} ${filter.operator} ${printable(valueText(filter.value))}: ${count}`,
    ),
  ];
}

/**
 * `--search`: the extracted filters applied to the recipe catalog, ranked by the residual
 * (the query's words no filter took), with `embeddings` also by an embeddings model (fused
 * by reciprocal rank). Shows each recipe's title and the columns the query filtered on (all of
 * them when it filtered on none). False when the embeddings model failed and the words alone ranked.
 */
export async function writeSearchResult(
  result: ExtractionResult,
  db: Database,
  options: { json: boolean; limit: number; registry: Registry; redactor: Redactor; embeddings?: EmbeddingsInterface },
  io: { stdout: Writable; stderr: Writable },
): Promise<boolean> {
  const { registry } = options;
  const request = { filters: result.filters, residual: result.residual };
  let search = rankedSearch(db, request, { limit: options.limit, registry });
  let complete = true;
  if (options.embeddings)
    try {
      search = await hybridSearch(db, request, { limit: options.limit, registry, embeddings: options.embeddings });
    } catch (error) {
      complete = false;
      const message = options.redactor.redact(String((error as Error)?.message ?? error));
      io.stderr.write(
        `recipe-filters: warning: the embeddings model failed (${printable(message)}); ranked by words alone\n`,
      );
    }
  const { recipes } = search;
  if (options.json) {
    io.stdout.write(`${safeJson({ ...result, ...search })}\n`);
    return complete;
  }
  const filtered = [...new Set(result.filters.map((f) => f.column))];
  const shown = filtered.length > 0 ? filtered : registry.columns;
  // A value-list column (a category) reads on its own; a number needs its unit.
  const unit = (column: string) => (registry.byColumn(column)?.values ? "" : ` ${registry.unitOf(column)}`);
  const cell = (row: RecipeRow, column: string) =>
    `${column}=${printable(String(row[column as keyof RecipeRow]))}${unit(column)}`;
  const lines = [
    renderSummary(result, registry),
    "",
    `recipes:   ${recipes.length === 0 ? "none match" : `${recipes.length}${recipes.length === options.limit ? ` (first ${options.limit}; --limit for more)` : ""}`}`,
  ];
  if (search.matched > 0)
    lines.push(`ranked:    ${search.matched} match 「${printable(result.residual)}」, best first`);
  lines.push(...noMatchLines(result.residual, search));
  for (const row of recipes)
    lines.push(`  ${printable(String(row.title))}  (${shown.map((c) => cell(row, c)).join(", ")})`);
  io.stdout.write(`${lines.join("\n")}\n`);
  return complete;
}
