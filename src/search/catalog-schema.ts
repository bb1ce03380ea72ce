import type { Registry } from "../filters/registry.js";
import { quoteIdentifier } from "../formats/sql.js";

/** The columns every catalog has besides the registry's: a recipe's identity and what a person reads. */
const FIXED_COLUMNS = [
  { column: "id", definition: "INTEGER PRIMARY KEY" },
  { column: "title", definition: "TEXT NOT NULL" },
] as const;

/**
 * The searchable text a catalog may carry besides the title, which `--search` ranks by:
 * a recipe's main ingredients, its method and keywords, each as words separated by spaces
 * (spellings and glosses welcome: 鶏むね肉 鶏胸肉 むね肉 chicken breast). Optional: a catalog
 * without them is ranked by its titles alone.
 */
export const SEARCH_TEXT_COLUMNS = ["ingredients", "method", "keywords"] as const;

/** The table's columns, in order: id, title, then one per filter type in registry order. */
export const recipeColumns = (registry: Registry): string[] => [
  ...FIXED_COLUMNS.map((c) => c.column),
  ...registry.columns,
];

/**
 * The `CREATE TABLE recipes` statement for a registry: the one declaration of the catalog's
 * schema (the generator, the bundled file, the tests and a user's own catalog follow it).
 * With `searchText`, the optional searchable text columns follow the registry's.
 */
export function createRecipesTable(registry: Registry, options: { searchText?: boolean } = {}): string {
  const columns = [
    ...FIXED_COLUMNS.map((c) => `${c.column} ${c.definition}`),
    ...registry.types.map((t) => `${quoteIdentifier(t.column)} ${t.sqlType}`),
    ...(options.searchText ? SEARCH_TEXT_COLUMNS.map((c) => `${c} TEXT`) : []),
  ];
  return `CREATE TABLE recipes (\n  ${columns.join(",\n  ")}\n)`;
}

/** The registry's columns a search sorts by, in registry order: the numeric ones (quickest, cheapest … first). */
export const sortColumns = (registry: Registry): string[] =>
  registry.types.filter((t) => t.sqlType !== "TEXT").map((t) => t.column);
