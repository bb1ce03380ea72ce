// The embeddings option: the real OpenAIEmbeddings client against the stand-in's /v1/embeddings,
// its ranking fused with the lexical one by reciprocal rank fusion.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Database } from "sql.js";
import { generateCatalog } from "../catalog/generate.js";
import type { Filter } from "../src/filters/filter.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { fuseWithEmbeddings, hybridSearch, RRF_K } from "../src/search/embedding-fusion.js";
import { rankedSearch } from "../src/search/ranked-search.js";
import { openCatalog } from "../src/search/recipe-store.js";
import { type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const SIDES: Filter[] = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "dish_category", operator: "=", value: "副菜" },
];
const byId = new Map(generateCatalog().map((r) => [r.id, r]));

describe("hybridSearch: lexical and embedding ranks fused", () => {
  let server: OpenAIStandIn;
  let db: Database;
  let embeddings: OpenAIEmbeddings;
  before(async () => {
    server = await startOpenAIStandIn(() => ({ status: 500 }));
    db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
    embeddings = new OpenAIEmbeddings({
      model: "text-embedding-3-small",
      apiKey: "sk-test",
      configuration: { baseURL: server.url },
      maxRetries: 0,
    });
  });
  after(async () => {
    db.close();
    await server.close();
  });

  it("embeds the residual and the filters' recipes through the real client; chicken-breast sides still come first", async () => {
    const search = await hybridSearch(
      db,
      { filters: SIDES, residual: "鶏むね肉" },
      { embeddings, limit: 5, registry: BUILT_IN_REGISTRY },
    );
    assert.equal(search.recipes.length, 5);
    for (const r of search.recipes)
      assert.ok(byId.get(Number(r.id))?.ingredient_keys.includes("chicken_breast"), String(r.title));
    assert.ok(server.embedded.includes("鶏むね肉"), "the residual was embedded");
    assert.ok(
      server.embedded.some((t) => t.startsWith("鶏むね肉ときゅうりのサラダ")),
      "recipe texts were embedded",
    );
  });

  it("the fused score is 1/(60 + lexical rank) + 1/(60 + embedding rank), best first", async () => {
    const lexical = rankedSearch(
      db,
      { filters: SIDES, residual: "鶏むね肉" },
      { limit: -1, registry: BUILT_IN_REGISTRY },
    ).recipes;
    const fused = await fuseWithEmbeddings(db, lexical, "鶏むね肉", embeddings);
    assert.equal(fused.length, lexical.length);
    const top = fused[0];
    const lexicalRank = lexical.findIndex((r) => r.id === top.id) + 1;
    assert.ok(
      top.score > 1 / (RRF_K + lexicalRank) && top.score <= 1 / (RRF_K + lexicalRank) + 1 / (RRF_K + 1) + 1e-12,
    );
    for (let i = 1; i < fused.length; i++) assert.ok(fused[i - 1].score >= fused[i].score);
  });

  it("an empty residual keeps the lexical order and asks nothing", async () => {
    const before = server.embedded.length;
    const lexical = rankedSearch(
      db,
      { filters: SIDES, residual: "" },
      { limit: -1, registry: BUILT_IN_REGISTRY },
    ).recipes;
    assert.deepEqual(await fuseWithEmbeddings(db, lexical, "", embeddings), lexical);
    assert.equal(server.embedded.length, before);
  });
});
