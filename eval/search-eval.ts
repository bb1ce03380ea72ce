/**
 * `npm run eval -- --search`: the judged search queries (eval/search-queries.jsonl) run through
 * the extractor and the catalog, scored two ways — the filters alone in today's order, and the
 * filters' recipes ranked by the residual — by precision@5 and nDCG@5 (binary relevance: a
 * recipe is relevant when it has the asked ingredient / dish and satisfies the query's
 * meaning, as the generator's own data says).
 */
import type { Database } from "sql.js";
import { generateCatalog, type Recipe } from "../catalog/generate.js";
import type { Extractor } from "../src/extractor/extractor.js";
import { rankedSearch } from "../src/search/ranked-search.js";
import { searchRecipes } from "../src/search/recipe-store.js";
import type { RecipeFiltersContext } from "../src/settings/run.js";
import { caseLanguage } from "./dataset.js";
import { isRelevant, type SearchCase } from "./search-judgments.js";

export const CUTOFF = 5;

export interface SearchScores {
  precision: number;
  ndcg: number;
}

export interface SearchCaseReport {
  query: string;
  residual: string;
  relevant: number;
  filtersOnly: SearchScores & { top: string[] };
  ranked: SearchScores & { top: string[] };
}

export interface SearchEvalReport {
  cutoff: number;
  cases: number;
  byLanguage: Record<"all" | "ja" | "en", { cases: number; filtersOnly: SearchScores; ranked: SearchScores }>;
  details: SearchCaseReport[];
}

/** Precision and nDCG at the cutoff of a ranked list of relevance flags, given how many relevant items exist. */
export function scoreList(flags: boolean[], relevantCount: number, cutoff = CUTOFF): SearchScores {
  const top = flags.slice(0, cutoff);
  const dcg = top.reduce((sum, hit, i) => sum + (hit ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(cutoff, relevantCount); i++) ideal += 1 / Math.log2(i + 2);
  return { precision: top.filter(Boolean).length / cutoff, ndcg: ideal === 0 ? 0 : dcg / ideal };
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const average = (scores: SearchScores[]): SearchScores => ({
  precision: mean(scores.map((s) => s.precision)),
  ndcg: mean(scores.map((s) => s.ndcg)),
});

export async function evaluateSearch(
  cases: readonly SearchCase[],
  extractor: Extractor,
  db: Database,
  context: Partial<RecipeFiltersContext>,
): Promise<SearchEvalReport> {
  const catalog = new Map<number, Recipe>(generateCatalog().map((r) => [r.id, r]));
  const details: SearchCaseReport[] = [];
  for (const judged of cases) {
    const result = await extractor.extract(judged.query, { context });
    const relevant = (id: unknown) => {
      const recipe = catalog.get(Number(id));
      return recipe !== undefined && isRelevant(recipe, judged);
    };
    const relevantCount = [...catalog.values()].filter((r) => isRelevant(r, judged)).length;
    const plain = searchRecipes(db, result.filters, { limit: CUTOFF, registry: extractor.registry });
    const ranked = rankedSearch(
      db,
      { filters: result.filters, residual: result.residual },
      { limit: CUTOFF, registry: extractor.registry },
    ).recipes;
    details.push({
      query: judged.query,
      residual: result.residual,
      relevant: relevantCount,
      filtersOnly: {
        ...scoreList(
          plain.map((r) => relevant(r.id)),
          relevantCount,
        ),
        top: plain.map((r) => String(r.title)),
      },
      ranked: {
        ...scoreList(
          ranked.map((r) => relevant(r.id)),
          relevantCount,
        ),
        top: ranked.map((r) => String(r.title)),
      },
    });
  }
  const group = (language?: "ja" | "en") => {
    const chosen = details.filter((d) => !language || caseLanguage(d.query) === language);
    return {
      cases: chosen.length,
      filtersOnly: average(chosen.map((d) => d.filtersOnly)),
      ranked: average(chosen.map((d) => d.ranked)),
    };
  };
  return {
    cutoff: CUTOFF,
    cases: details.length,
    byLanguage: { all: group(), ja: group("ja"), en: group("en") },
    details,
  };
}

/** The text report: the two figures per language, then every query the ranking leaves below precision 1. */
export function renderSearchReport(report: SearchEvalReport): string {
  const f = (n: number) => n.toFixed(3);
  const lines = [
    `search: ${report.cases} judged queries, precision@${report.cutoff} and nDCG@${report.cutoff}`,
    "",
    "              filters only          ranked by residual",
    "              P@5     nDCG@5        P@5     nDCG@5",
  ];
  for (const [name, g] of Object.entries(report.byLanguage))
    lines.push(
      `  ${`${name} (${g.cases})`.padEnd(12)}${f(g.filtersOnly.precision)}   ${f(g.filtersOnly.ndcg)}         ${f(g.ranked.precision)}   ${f(g.ranked.ndcg)}`,
    );
  const weak = report.details.filter((d) => d.ranked.precision < 1);
  if (weak.length) {
    lines.push("", "ranked below P@5 = 1:");
    for (const d of weak)
      lines.push(
        `  ${d.query}  (residual 「${d.residual}」, ${d.relevant} relevant): P@5 ${f(d.ranked.precision)}; top: ${d.ranked.top.join(" / ")}`,
      );
  }
  return lines.join("\n");
}
