import MiniSearch from "minisearch";
import type { Database } from "sql.js";
import type { Filter } from "../filters/filter-type.js";
import { FILTER_TYPES } from "../filters/index.js";
import { quoteIdentifier } from "../formats/sql.js";
import { SEARCH_TEXT_COLUMNS } from "./catalog-schema.js";
import { type CatalogOptions, type RecipeRow, searchRecipes } from "./recipe-store.js";
import { searchTerms, searchTermsOfEach } from "./search-terms.js";

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

const indexes = new WeakMap<Database, MiniSearch>();

/** BM25 (MiniSearch's BM25+) over every recipe's title and searchable text; built once per opened catalog. */
function catalogIndex(db: Database): MiniSearch {
  const cached = indexes.get(db);
  if (cached) return cached;
  const present = new Set(
    db.exec("SELECT name FROM pragma_table_xinfo('recipes')")[0]?.values.map((r) => String(r[0])),
  );
  const fields = ["title", ...SEARCH_TEXT_COLUMNS.filter((c) => present.has(c))];
  // Each field arrives already as its terms, joined by spaces (a term never holds one).
  const index = new MiniSearch({
    idField: "id",
    fields,
    tokenize: (terms) => (terms ? terms.split(" ") : []),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 2 }, combineWith: "OR", tokenize: searchTerms },
  });
  const rows = db.exec(`SELECT id, ${fields.map(quoteIdentifier).join(", ")} FROM recipes`)[0]?.values ?? [];
  const texts = rows.flatMap((row) => row.slice(1).map((v) => (v === null ? "" : String(v))));
  const terms = searchTermsOfEach(texts);
  // The id is compared with the filtered rows' ids, which sql.js gives as numbers.
  index.addAll(
    rows.map((row, r) => ({
      id: Number(row[0]),
      ...Object.fromEntries(fields.map((f, i) => [f, terms[r * fields.length + i].join(" ")])),
    })),
  );
  indexes.set(db, index);
  return index;
}

/** Every recipe id whose text matches the residual, with its BM25 score. */
function scores(db: Database, residual: string): Map<number, number> {
  if (searchTerms(residual).length === 0) return new Map();
  return new Map(
    catalogIndex(db)
      .search(residual)
      .map((hit) => [Number(hit.id), hit.score]),
  );
}

/**
 * The search behind `--search`: the recipes that satisfy every filter, ranked by how well
 * their text matches the residual (BM25 over title, ingredients, method and keywords). Ties,
 * recipes that match nothing and an empty residual keep the filters' order (quickest,
 * cheapest … first). When the residual has terms and no filtered recipe matches them,
 * `relaxations` says, per filter, how many would match without that filter.
 */
export function rankedSearch(
  db: Database,
  request: RankedSearchRequest,
  options: CatalogOptions & { limit?: number } = {},
): RankedSearch {
  const registry = options.registry ?? FILTER_TYPES;
  const all = (filters: readonly Filter[]) => searchRecipes(db, filters, { registry, limit: -1 });
  const rows = all(request.filters);
  const matches = scores(db, request.residual);
  const ranked = rows
    .map((row, position) => ({ row: { ...row, score: matches.get(Number(row.id)) ?? 0 }, position }))
    .sort((a, b) => b.row.score - a.row.score || a.position - b.position)
    .map((x) => x.row);
  const matched = ranked.filter((r) => r.score > 0).length;
  const limit = options.limit ?? 20;
  const recipes = limit < 0 ? ranked : ranked.slice(0, limit);
  if (matched > 0 || searchTerms(request.residual).length === 0) return { recipes, matched };
  const relaxations = request.filters.map((filter, i) => ({
    filter,
    count: all(request.filters.filter((_, j) => j !== i)).filter((r) => matches.has(Number(r.id))).length,
  }));
  return { recipes, matched, relaxations };
}
