import type MiniSearch from "minisearch";
import type { Database } from "sql.js";
import type { Filter } from "../filters/filter-type.js";
import type { Registry } from "../filters/registry.js";
import { quoteIdentifier, toSqlWhere } from "../formats/sql.js";
import { recipeColumns, sortColumns } from "./catalog-schema.js";
import { type CatalogOptions, type RecipeRow, searchRecipes } from "./recipe-store.js";
import { buildSearchIndex, catalogIndex } from "./search-index.js";
import { searchTerms } from "./search-terms.js";

/** A recipe the search found, with how well its text matched the residual (0: not at all, or no residual). */
export type RankedRecipe = RecipeRow & { score: number };

/** How many recipes would match both the residual and the filters if one filter were dropped. */
export interface Relaxation {
  filter: Filter;
  count: number;
}

export interface RankedSearch {
  /** The filters' recipes: those whose text matches the residual first, best first; ties and the rest in filter order. */
  recipes: RankedRecipe[];
  /** How many of the filters' recipes match the residual. */
  matched: number;
  /** Set only when the residual has terms and none of the filters' recipes matches it: one line per filter. */
  relaxations?: Relaxation[];
}

export interface RankedSearchRequest {
  filters: readonly Filter[];
  /** The query's words that no filter took (src/query/residual.ts); "" ranks nothing. */
  residual: string;
}

/** Every recipe id of an index whose text matches the residual, with its BM25 score. */
const scores = (index: MiniSearch, residual: string): Map<number, number> =>
  new Map(index.search(residual).map((hit) => [Number(hit.id), hit.score]));

/**
 * The search behind `--search`: the recipes that satisfy every filter, ranked by how well
 * their text matches the residual (BM25 over title, ingredients, method and keywords, with
 * the statistics of the recipes the filters let through). Ties,
 * recipes that match nothing and an empty residual keep the filters' order (quickest,
 * cheapest … first). When the residual has terms and no filtered recipe matches them,
 * `relaxations` says, per filter, how many would match without that filter.
 */
export function rankedSearch(
  db: Database,
  request: RankedSearchRequest,
  options: CatalogOptions & { limit?: number },
): RankedSearch {
  const { registry } = options;
  const limit = options.limit ?? 20;
  // Today's order, and the catalog's columns checked, by the one filter search.
  const today = searchRecipes(db, request.filters, { registry, limit });
  const ranks = searchTerms(request.residual).length > 0;
  if (!ranks) return { recipes: today.map((row) => ({ ...row, score: 0 })), matched: 0 };
  const matches = scores(buildSearchIndex(db, toSqlWhere(request.filters, { registry })), request.residual);
  // Reading whole rows costs; the ranking needs only ids (in today's order), the answer only `limit` rows.
  const ranked = orderedIds(db, request.filters, registry)
    .map((id, position) => ({ id, score: matches.get(id) ?? 0, position }))
    .sort((a, b) => b.score - a.score || a.position - b.position);
  const matched = ranked.filter((r) => r.score > 0).length;
  const chosen = limit < 0 ? ranked : ranked.slice(0, limit);
  const rows = rowsById(
    db,
    chosen.map((r) => r.id),
    registry,
  );
  const recipes = chosen.map((r) => ({ ...(rows.get(r.id) as RecipeRow), score: r.score }));
  if (matched > 0) return { recipes, matched };
  const anywhere = scores(catalogIndex(db), request.residual);
  const relaxations = request.filters.map((filter, i) => ({
    filter,
    count: orderedIds(
      db,
      request.filters.filter((_, j) => j !== i),
      registry,
    ).filter((id) => anywhere.has(id)).length,
  }));
  return { recipes, matched, relaxations };
}

/** The ids of the recipes that satisfy the filters, in the filter search's order. */
function orderedIds(db: Database, filters: readonly Filter[], registry: Registry): number[] {
  const { where, params } = toSqlWhere(filters, { registry });
  const order = [...sortColumns(registry), "id"].map(quoteIdentifier).join(", ");
  return (db.exec(`SELECT id FROM recipes WHERE ${where} ORDER BY ${order}`, params)[0]?.values ?? []).map((r) =>
    Number(r[0]),
  );
}

/** The given recipes' rows (the filter search's columns), by id. */
function rowsById(db: Database, ids: readonly number[], registry: Registry): Map<number, RecipeRow> {
  const rows = new Map<number, RecipeRow>();
  if (ids.length === 0) return rows;
  const select = recipeColumns(registry).map(quoteIdentifier).join(", ");
  const statement = db.prepare(`SELECT ${select} FROM recipes WHERE id IN (${ids.map(() => "?").join(", ")})`);
  try {
    statement.bind([...ids]);
    while (statement.step()) {
      const row = statement.getAsObject() as RecipeRow;
      rows.set(Number(row.id), row);
    }
  } finally {
    statement.free();
  }
  return rows;
}
