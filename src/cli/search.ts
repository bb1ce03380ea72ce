import type { Writable } from "node:stream";
import type { Database } from "sql.js";
import type { ExtractionResult } from "../extractor/result.js";
import { FILTER_TYPES, filterTypeOf, unitOf } from "../filters/index.js";
import { printable, safeJson } from "../formats/terminal-text.js";
import { type RecipeRow, searchRecipes } from "../search/recipe-store.js";
import { renderSummary } from "./render.js";

/**
 * `--search`: the extracted filters applied to the recipe catalog. Shows each recipe's title
 * and the columns the query filtered on (all of them when it filtered on none).
 */
export function writeSearchResult(
  result: ExtractionResult,
  db: Database,
  options: { json: boolean; limit: number },
  stdout: Writable,
): void {
  const recipes = searchRecipes(db, result.filters, { limit: options.limit });
  if (options.json) {
    stdout.write(`${safeJson({ ...result, recipes })}\n`);
    return;
  }
  const filtered = [...new Set(result.filters.map((f) => f.column))];
  const shown = filtered.length > 0 ? filtered : FILTER_TYPES.map((t) => t.column);
  // A value-list column (a category) reads on its own; a number needs its unit.
  const unit = (column: string) => (filterTypeOf(column, FILTER_TYPES)?.values ? "" : ` ${unitOf(column)}`);
  const cell = (row: RecipeRow, column: string) =>
    `${column}=${printable(String(row[column as keyof RecipeRow]))}${unit(column)}`;
  const lines = [
    renderSummary(result),
    "",
    `recipes:   ${recipes.length === 0 ? "none match" : `${recipes.length}${recipes.length === options.limit ? ` (first ${options.limit}; --limit for more)` : ""}`}`,
  ];
  for (const row of recipes)
    lines.push(`  ${printable(String(row.title))}  (${shown.map((c) => cell(row, c)).join(", ")})`);
  stdout.write(`${lines.join("\n")}\n`);
}
