import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Database } from "sql.js";
import { quoteIdentifier } from "../formats/sql.js";
import { SEARCH_TEXT_COLUMNS } from "./catalog-schema.js";
import { type RankedRecipe, type RankedSearch, type RankedSearchRequest, rankedSearch } from "./ranked-search.js";
import type { CatalogOptions } from "./recipe-store.js";

/** Reciprocal rank fusion's constant: 60, as in Cormack et al. and most hybrid-search engines. */
export const RRF_K = 60;

/** At most this many of the filters' recipes are embedded per search (best lexical first). */
export const MAX_EMBEDDED_RECIPES = 300;

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

/** Each recipe's text as an embedding model reads it: the title, then its searchable text. */
function recipeTexts(db: Database, ids: number[]): Map<number, string> {
  const present = new Set(
    db.exec("SELECT name FROM pragma_table_xinfo('recipes')")[0]?.values.map((r) => String(r[0])),
  );
  const columns = ["title", ...SEARCH_TEXT_COLUMNS.filter((c) => present.has(c))].map(quoteIdentifier);
  const texts = new Map<number, string>();
  const statement = db.prepare(`SELECT id, ${columns.join(", ")} FROM recipes WHERE id = ?`);
  try {
    for (const id of ids) {
      statement.bind([id]);
      if (statement.step()) {
        const [, ...values] = statement.get();
        texts.set(id, values.filter((v) => v !== null && v !== "").join(" "));
      }
      statement.reset();
    }
  } finally {
    statement.free();
  }
  return texts;
}

/**
 * The lexical ranking fused with an embedding ranking by reciprocal rank fusion: each recipe
 * scores 1/(60 + its lexical rank) when its text matched the residual, plus 1/(60 + its rank
 * by cosine similarity to the residual's embedding). Any OpenAI-compatible embeddings model
 * (`OpenAIEmbeddings`) will do; the config-free `EmbeddingsInterface` is all it needs. An
 * empty residual changes nothing. The fused score replaces `score`; ties keep the lexical order.
 */
export async function fuseWithEmbeddings(
  db: Database,
  lexical: readonly RankedRecipe[],
  residual: string,
  embeddings: EmbeddingsInterface,
): Promise<RankedRecipe[]> {
  if (residual.trim() === "" || lexical.length === 0) return [...lexical];
  const embedded = lexical.slice(0, MAX_EMBEDDED_RECIPES);
  const texts = recipeTexts(
    db,
    embedded.map((r) => Number(r.id)),
  );
  const [query, vectors] = await Promise.all([
    embeddings.embedQuery(residual),
    embeddings.embedDocuments(embedded.map((r) => texts.get(Number(r.id)) ?? String(r.title))),
  ]);
  const semanticRank = new Map(
    embedded
      .map((r, i) => ({ id: Number(r.id), similarity: cosine(query, vectors[i]), i }))
      .sort((a, b) => b.similarity - a.similarity || a.i - b.i)
      .map((x, rank) => [x.id, rank + 1]),
  );
  return lexical
    .map((r, i) => {
      const semantic = semanticRank.get(Number(r.id));
      const score = (r.score > 0 ? 1 / (RRF_K + i + 1) : 0) + (semantic ? 1 / (RRF_K + semantic) : 0);
      return { recipe: { ...r, score }, i };
    })
    .sort((a, b) => b.recipe.score - a.recipe.score || a.i - b.i)
    .map((x) => x.recipe);
}

/**
 * `rankedSearch` with the lexical ranking fused with an embeddings model's (`fuseWithEmbeddings`):
 * for a caller with an OpenAI-compatible key or server, e.g.
 * `hybridSearch(db, { filters, residual }, { embeddings: new OpenAIEmbeddings({ model: "text-embedding-3-small" }) })`.
 */
export async function hybridSearch(
  db: Database,
  request: RankedSearchRequest,
  options: CatalogOptions & { limit?: number; embeddings: EmbeddingsInterface },
): Promise<RankedSearch> {
  const lexical = rankedSearch(db, request, { registry: options.registry, limit: -1 });
  const fused = await fuseWithEmbeddings(db, lexical.recipes, request.residual, options.embeddings);
  const limit = options.limit ?? 20;
  return { ...lexical, recipes: limit < 0 ? fused : fused.slice(0, limit) };
}
