import type { Database } from "sql.js";
import type { ExtractionResult } from "../extractor/result.js";
import type { Registry } from "../filters/registry.js";
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
  options: { json: boolean; limit: number; registry: Registry },
): void {
  const { registry } = options;
  const recipes = searchRecipes(db, result.filters, { limit: options.limit, registry });
  if (options.json) {
    process.stdout.write(`${safeJson({ ...result, recipes })}\n`);
    return;
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
  for (const row of recipes)
    lines.push(`  ${printable(String(row.title))}  (${shown.map((c) => cell(row, c)).join(", ")})`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
