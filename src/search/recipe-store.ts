import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initSqlJs, { type Database } from "sql.js";
import type { Filter } from "../filters/filter-type.js";
import type { Registry } from "../filters/registry.js";
import { quoteIdentifier, toSqlWhere } from "../formats/sql.js";
import { recipeColumns, sortColumns } from "./catalog-schema.js";

/**
 * The recipe catalog: an SQLite database file with one table, opened in process with sql.js
 * (SQLite compiled to WebAssembly: no native build, works on every Node this project
 * supports). Swap in your own catalog by pointing `--catalog` / RECIPE_FILTERS_CATALOG at
 * any SQLite file whose plain table `recipes` has every column of `createRecipesTable()`
 * (extra columns are fine).
 */
export const BUNDLED_CATALOG = join(packageRoot(), "catalog", "recipes.sqlite");

/**
 * sql.js holds the whole file in memory and runs in this thread: a bigger file is refused
 * rather than read (the bundled sample is under 100 KB).
 */
export const MAX_CATALOG_BYTES = 256 * 1024 * 1024;

/** The folder holding package.json, whether this runs from src/ (tsx) or dist/ (compiled). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** One recipe: id, title and a value for every registry column. */
export type RecipeRow = Record<string, string | number | null>;

/**
 * A catalog that cannot be used: missing, not a regular file, too big, not SQLite, damaged, no
 * plain `recipes` table, a missing column, a column whose type or collation would answer wrong.
 */
export class CatalogError extends Error {
  override name = "CatalogError";
}

export interface CatalogOptions {
  /** The filter types whose columns the catalog must have: the extractor's registry. */
  registry: Registry;
}

const firstColumn = (db: Database, sql: string) => db.exec(sql)[0]?.values.map((row) => row[0]) ?? [];

/** SQLite's diagnostics can span lines; an error here is one line. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** The names of the columns of `recipes`. */
const tableColumns = (db: Database) => firstColumn(db, "SELECT name FROM pragma_table_xinfo('recipes')").map(String);

/**
 * Refuses what a search could not use or could not finish: a `recipes` that is a view (which
 * can compute forever) or a virtual table, a damaged file, a missing registry column, a
 * searched column computed on read — each as one line naming the problem.
 */
function checkCatalog(db: Database, path: string, registry: Registry): void {
  const entry = db.exec("SELECT type, sql FROM sqlite_master WHERE name = 'recipes' COLLATE NOCASE")[0]?.values[0];
  if (!entry) throw new CatalogError(`${path} has no table "recipes"`);
  const [type, sql] = entry.map(String);
  if (type !== "table") throw new CatalogError(`${path}: "recipes" is a ${type}, not a plain table`);
  if (/^\s*CREATE\s+VIRTUAL\b/i.test(sql))
    throw new CatalogError(`${path}: "recipes" is a virtual table, not a plain table`);
  const integrity = firstColumn(db, "PRAGMA quick_check(1)").map(String);
  if (integrity[0] !== "ok") throw new CatalogError(`${path} is a damaged SQLite database (${oneLine(integrity[0])})`);
  const columns = tableColumns(db);
  const missing = recipeColumns(registry).filter((c) => !columns.includes(c));
  if (missing.length) throw new CatalogError(`${path}: table "recipes" lacks the column(s) ${missing.join(", ")}`);
  // A virtual generated column is computed on every read, by any expression the file's author chose.
  const computed = firstColumn(db, "SELECT name FROM pragma_table_xinfo('recipes') WHERE hidden = 2")
    .map(String)
    .filter((c) => recipeColumns(registry).includes(c));
  if (computed.length)
    throw new CatalogError(
      `${path}: the column(s) ${computed.join(", ")} of "recipes" are computed on read, not stored`,
    );
  checkColumnTypes(db, path, registry);
  checkComparable(db, path, registry);
}

/**
 * SQLite's type affinity of a declared column type (https://sqlite.org/datatype3.html §3.1):
 * what decides whether "1000" is stored, and compared, as a number or as text.
 */
export function typeAffinity(declared: string): "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC" {
  const type = declared.toUpperCase();
  if (type.includes("INT")) return "INTEGER";
  if (/CHAR|CLOB|TEXT/.test(type)) return "TEXT";
  if (type.includes("BLOB") || type.trim() === "") return "BLOB";
  if (/REAL|FLOA|DOUB/.test(type)) return "REAL";
  return "NUMERIC";
}

const isNumericAffinity = (affinity: string) => affinity !== "TEXT" && affinity !== "BLOB";

/**
 * A registry column must compare as the registry means it: a number column declared TEXT (what
 * a CSV import makes) compares "1000" < "500" as text, and a search then answers wrong without
 * an error. Checked: each column's declared type (by affinity) and, for a number column, that
 * no stored value is text.
 */
function checkColumnTypes(db: Database, path: string, registry: Registry): void {
  const declared = new Map(
    (db.exec("SELECT name, type FROM pragma_table_xinfo('recipes')")[0]?.values ?? []).map(([name, type]) => [
      String(name),
      String(type ?? ""),
    ]),
  );
  for (const { column, sqlType } of registry.types) {
    const type = declared.get(column) ?? "";
    const numeric = isNumericAffinity(typeAffinity(sqlType));
    if (numeric !== isNumericAffinity(typeAffinity(type)))
      throw new CatalogError(
        `${path}: the column ${column} of "recipes" is declared ${JSON.stringify(type || "(no type)")}, but holds ${numeric ? "numbers" : "text"}: declare it ${sqlType}` +
          (numeric ? " (as TEXT its values compare as text: 1000 < 500)" : ""),
      );
    if (!numeric) continue;
    const [count, example] =
      db.exec(
        `SELECT count(*), min(id) FROM recipes WHERE typeof(${quoteIdentifier(column)}) NOT IN ('integer', 'real', 'null')`,
      )[0]?.values[0] ?? [];
    if (Number(count) > 0)
      throw new CatalogError(
        `${path}: the column ${column} of "recipes" holds ${count} value(s) that are not numbers (the first in recipe id ${example}); a number column compares them as text`,
      );
  }
}

/**
 * Prepares, for each registry column, the comparison and the sort a search makes, so that what
 * SQLite only finds when it plans a query — a collation it does not know, in the column or an
 * index — refuses the catalog when it is opened, before any model call.
 */
function checkComparable(db: Database, path: string, registry: Registry): void {
  for (const { column } of registry.types) {
    const name = quoteIdentifier(column);
    try {
      db.prepare(`SELECT id FROM recipes WHERE ${name} = ? AND ${name} < ? ORDER BY ${name}, id LIMIT 0`).free();
    } catch (error) {
      throw new CatalogError(
        `${path}: the column ${column} of "recipes" cannot be searched (${oneLine((error as Error).message)})`,
      );
    }
  }
}

/**
 * The catalog's bytes, from a regular file only: a device (/dev/zero reads forever) or a FIFO
 * (whose open waits for a writer) is refused without being read. Opened non-blocking and
 * checked on the open descriptor, so what is read is what was checked.
 */
function readCatalogFile(path: string): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new CatalogError(`the catalog ${path} is a directory, not a file`);
    if (!stats.isFile())
      throw new CatalogError(`the catalog ${path} is not a regular file (a device, a FIFO or a socket is not read)`);
    if (stats.size > MAX_CATALOG_BYTES)
      throw new CatalogError(
        `the catalog ${path} is ${stats.size} bytes, more than the ${MAX_CATALOG_BYTES} this reads`,
      );
    return readFileSync(fd);
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw new CatalogError(`cannot read the catalog ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function openCatalog(where: string | undefined, options: CatalogOptions): Promise<Database> {
  const path = where ?? BUNDLED_CATALOG;
  const bytes = readCatalogFile(path);
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    checkCatalog(db, path, options.registry);
  } catch (error) {
    db.close();
    if (error instanceof CatalogError) throw error;
    const message = oneLine((error as Error).message);
    throw new CatalogError(
      /not a database/.test(message)
        ? `${path} is not an SQLite database (${message})`
        : `${path} is a damaged SQLite database (${message})`,
    );
  }
  return db;
}

/**
 * The recipes that satisfy every filter, through the same parameterized SQL translator as
 * `--format sql` (values only ever as parameters), sorted by the registry's numeric columns
 * in registry order (quickest, then cheapest …), then id.
 */
export function searchRecipes(
  db: Database,
  filters: readonly Filter[],
  options: CatalogOptions & { limit?: number },
): RecipeRow[] {
  const { registry } = options;
  // SQLite reads an unknown double-quoted name as a string literal, so a missing column
  // would silently match nothing: every column is checked against the table first.
  const present = tableColumns(db);
  const absent = [...new Set([...recipeColumns(registry), ...filters.map((f) => f.column)])].filter(
    (c) => !present.includes(c),
  );
  if (absent.length) throw new CatalogError(`the catalog's table "recipes" lacks the column(s) ${absent.join(", ")}`);
  const { where, params } = toSqlWhere(filters, { registry });
  const order = [...sortColumns(registry), "id"].map(quoteIdentifier).join(", ");
  const select = recipeColumns(registry).map(quoteIdentifier).join(", ");
  const statement = db.prepare(`SELECT ${select} FROM recipes WHERE ${where} ORDER BY ${order} LIMIT ?`);
  try {
    statement.bind([...params, options.limit ?? 20]);
    const rows: RecipeRow[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as RecipeRow);
    return rows;
  } finally {
    statement.free();
  }
}
