import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initSqlJs, { type Database } from "sql.js";
import type { Filter } from "../filters/filter-type.js";
import { toSqlWhere } from "../formats/sql.js";

/**
 * The recipe catalog: an SQLite database file with one table, opened in process with sql.js
 * (SQLite compiled to WebAssembly: no native build, works on every Node this project
 * supports). Swap in your own catalog by pointing `--catalog` / RECIPE_FILTERS_CATALOG at
 * any SQLite file with this table (extra columns are fine):
 *
 *   CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, dish_category TEXT,
 *     cooking_time_min REAL, cooking_cost_yen REAL, calories_kcal REAL, servings INTEGER);
 */
export const BUNDLED_CATALOG = join(packageRoot(), "catalog", "recipes.sqlite");

/** The folder holding package.json, whether this runs from src/ (tsx) or dist/ (compiled). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const RECIPE_COLUMNS = [
  "id",
  "title",
  "dish_category",
  "cooking_time_min",
  "cooking_cost_yen",
  "calories_kcal",
  "servings",
] as const;

export type RecipeRow = Record<(typeof RECIPE_COLUMNS)[number], string | number | null>;

export const CREATE_RECIPES_TABLE = `CREATE TABLE recipes (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  dish_category TEXT,
  cooking_time_min REAL,
  cooking_cost_yen REAL,
  calories_kcal REAL,
  servings INTEGER
)`;

/** A catalog that cannot be used (missing file, not SQLite, no `recipes` table or a missing column). */
export class CatalogError extends Error {
  override name = "CatalogError";
}

export async function openCatalog(path: string = BUNDLED_CATALOG): Promise<Database> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CatalogError(`cannot read the catalog ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const columns =
      db.exec("SELECT name FROM pragma_table_info('recipes')")[0]?.values.map((row) => String(row[0])) ?? [];
    if (columns.length === 0) throw new CatalogError(`${path} has no table "recipes"`);
    const missing = RECIPE_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length) throw new CatalogError(`${path}: table "recipes" lacks the column(s) ${missing.join(", ")}`);
  } catch (error) {
    db.close();
    if (error instanceof CatalogError) throw error;
    throw new CatalogError(`${path} is not an SQLite database (${(error as Error).message})`);
  }
  return db;
}

/**
 * The recipes that satisfy every filter, through the same parameterized SQL translator as
 * `--format sql` (values only ever as parameters), quickest and cheapest first.
 */
export function searchRecipes(db: Database, filters: readonly Filter[], options: { limit?: number } = {}): RecipeRow[] {
  const { where, params } = toSqlWhere(filters);
  const statement = db.prepare(
    `SELECT ${RECIPE_COLUMNS.join(", ")} FROM recipes WHERE ${where} ORDER BY cooking_time_min, cooking_cost_yen, id LIMIT ?`,
  );
  try {
    statement.bind([...params, options.limit ?? 20]);
    const rows: RecipeRow[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as RecipeRow);
    return rows;
  } finally {
    statement.free();
  }
}
