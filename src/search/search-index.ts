import MiniSearch from "minisearch";
import type { Database } from "sql.js";
import { quoteIdentifier, type SqlWhere } from "../formats/sql.js";
import { SEARCH_TEXT_COLUMNS } from "./catalog-schema.js";
import { searchTerms, searchTermsOfEach } from "./search-terms.js";

/**
 * A full-text index (MiniSearch, BM25+) over some of a catalog's recipes: their title and
 * whichever searchable text columns the catalog has. Built per search over the recipes the
 * filters let through — segmenting text is most of a cold search's cost, so a search indexes
 * only what it ranks; the whole catalog is indexed (once per opened catalog) only to say what
 * dropping a filter would give.
 */
export function buildSearchIndex(db: Database, where: SqlWhere = { where: "1", params: [] }): MiniSearch {
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
  const statement = db.prepare(
    `SELECT id, ${fields.map(quoteIdentifier).join(", ")} FROM recipes WHERE ${where.where}`,
  );
  const rows: (string | number | null | Uint8Array)[][] = [];
  try {
    statement.bind(where.params);
    while (statement.step()) rows.push(statement.get());
  } finally {
    statement.free();
  }
  const terms = searchTermsOfEach(rows.flatMap((row) => row.slice(1).map((v) => (v === null ? "" : String(v)))));
  // The id is compared with the filtered rows' ids, which sql.js gives as numbers.
  index.addAll(
    rows.map((row, r) => ({
      id: Number(row[0]),
      ...Object.fromEntries(fields.map((f, i) => [f, terms[r * fields.length + i].join(" ")])),
    })),
  );
  return index;
}

const catalogIndexes = new WeakMap<Database, MiniSearch>();

/** The whole catalog's index, built once per opened catalog. */
export function catalogIndex(db: Database): MiniSearch {
  const cached = catalogIndexes.get(db);
  if (cached) return cached;
  const index = buildSearchIndex(db);
  catalogIndexes.set(db, index);
  return index;
}
