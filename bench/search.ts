/**
 * The catalog search (issue 21 §4), in this process: opening the bundled catalog (sql.js and
 * the file), building the full-text index over the whole catalog, and one ranked search per
 * query of eval/search-queries.jsonl (filters read offline, ranked by the residual) — the
 * work `--search` adds to a query. The search modules are imported by computed names: the
 * baseline build predates the ranked search and reports only what it has (NaN otherwise).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { asRegistry } from "./build-api.js";
import { median } from "./stats.js";

export interface SearchBench {
  openCatalogMs: number;
  /** The whole catalog's index, built from scratch (median of `repeats`). */
  indexBuildMs: number;
  recipes: number;
  /** One `rankedSearch` per query, the catalog already open (its whole-catalog index built on first need). */
  searchMsPerQuery: { median: number; mean: number; max: number };
  queries: number;
}

type Module = Record<string, any>;
const load = (root: string, path: string): Promise<Module | undefined> =>
  import(join(root, path)).catch(() => undefined);

/** `queriesPath`: HEAD's eval/search-queries.jsonl, for both builds. */
export async function measureSearch(root: string, queriesPath: string, repeats: number): Promise<SearchBench> {
  // The compiled build's sources (dist/src/…) or, with tsx, this checkout's src/.
  const src = import.meta.url.endsWith(".ts") ? join(root, "src") : join(root, "dist", "src");
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const [store, index, ranked] = await Promise.all([
    load(src, `search/recipe-store${ext}`),
    load(src, `search/search-index${ext}`),
    load(src, `search/ranked-search${ext}`),
  ]);
  if (!store) throw new Error("this build has no recipe catalog");
  // HEAD's catalog is checked against the registry it is handed; the baseline's takes none.
  const catalogOptions = { registry: asRegistry(FILTER_TYPES) };
  let start = performance.now();
  const db = await store.openCatalog(undefined, catalogOptions);
  const openCatalogMs = performance.now() - start;
  const recipes = Number(db.exec("SELECT count(*) FROM recipes")[0].values[0][0]);
  const builds: number[] = [];
  for (let r = 0; index && r < repeats; r++) {
    start = performance.now();
    index.buildSearchIndex(db);
    builds.push(performance.now() - start);
  }
  const queries = readFileSync(queriesPath, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { query: string }).query);
  const extractor = createExtractor();
  const requests = [];
  for (const query of queries) {
    const result = await extractor.extract(query, { context: { extractor: "rules" } });
    requests.push({ filters: result.filters, residual: result.residual ?? query });
  }
  const times: number[] = [];
  for (const request of ranked ? requests : []) {
    start = performance.now();
    ranked?.rankedSearch(db, request, { ...catalogOptions, limit: 20 });
    times.push(performance.now() - start);
  }
  db.close();
  return {
    openCatalogMs,
    indexBuildMs: builds.length ? median(builds) : Number.NaN,
    recipes,
    searchMsPerQuery: {
      median: times.length ? median(times) : Number.NaN,
      mean: times.length ? times.reduce((a, b) => a + b, 0) / times.length : Number.NaN,
      max: times.length ? Math.max(...times) : Number.NaN,
    },
    queries: times.length,
  };
}
