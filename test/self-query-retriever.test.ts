// The StructuredQuery round trip and the query constructor: what `--format structured-query`
// prints goes back into a LangChain translator, and the graph plugs into LangChain's own
// SelfQueryRetriever (over an in-memory vector store of the bundled catalog) with no glue,
// finding exactly the recipes `--search` finds.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SelfQueryRetriever } from "@langchain/classic/retrievers/self_query";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Document } from "@langchain/core/documents";
import { FunctionalTranslator, StructuredQuery } from "@langchain/core/structured_query";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { SyntheticEmbeddings } from "@langchain/core/utils/testing";
import { createQueryConstructor, PartialFilterError } from "../src/extractor/query-constructor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { UnwritableFilterError } from "../src/formats/columns.js";
import { fromStructuredQueryJson, InvalidStructuredQueryError } from "../src/formats/structured-query.js";
import { openCatalog, searchRecipes } from "../src/search/recipe-store.js";
import { runCli } from "./support/cli.js";
import { closedPortUrl } from "./support/dead-endpoints.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";
const OFFLINE = { extractor: "rules" } as const;

/** Every recipe of catalog/recipes.sqlite as a Document: the title as text, the row as metadata. */
async function catalogDocuments(): Promise<Document[]> {
  const db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
  try {
    return searchRecipes(db, [], { registry: BUILT_IN_REGISTRY, limit: 1_000_000 }).map(
      (row) => new Document({ pageContent: String(row.title), metadata: row }),
    );
  } finally {
    db.close();
  }
}

async function searchedIds(query: string): Promise<number[]> {
  const r = await runCli(["--search", "--json", "--limit", "1000000", query]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout)
    .recipes.map((x: { id: number }) => x.id)
    .sort((a: number, b: number) => a - b);
}

const idsOf = (docs: Document[]) => docs.map((d) => Number(d.metadata.id)).sort((a, b) => a - b);

describe("--format structured-query, read back", () => {
  it("turns the printed JSON back into objects a translator visits, selecting what --search selects", async () => {
    const printed = await runCli(["--format", "structured-query", SEED]);
    assert.equal(printed.code, 0, printed.stderr);
    // The bug this fixes: plain JSON has no accept().
    assert.throws(
      () => new FunctionalTranslator().visitStructuredQuery(JSON.parse(printed.stdout)),
      /accept is not a function/,
    );
    const query = fromStructuredQueryJson(printed.stdout, { registry: BUILT_IN_REGISTRY });
    assert.ok(query instanceof StructuredQuery);
    // The search text is the residual, as --json reports it.
    assert.equal(query.query, JSON.parse((await runCli(["--json", SEED])).stdout).residual);
    const { filter } = new FunctionalTranslator().visitStructuredQuery(query) as { filter: (d: Document) => boolean };
    const docs = await catalogDocuments();
    const selected = idsOf(docs.filter(filter));
    assert.ok(selected.length > 0 && selected.length < docs.length);
    assert.deepEqual(selected, await searchedIds(SEED));
    // Re-serialized, it is the same document.
    assert.equal(JSON.stringify(query), printed.stdout.trim());
  });

  it("reads a single comparison, no filter, and hand-written JSON without exprName", () => {
    const single = fromStructuredQueryJson(
      {
        query: "15分以内",
        filter: { comparator: "lte", attribute: "cooking_time_min", value: 15 },
      },
      { registry: BUILT_IN_REGISTRY },
    );
    assert.equal(single.filter?.exprName, "Comparison");
    assert.equal(
      fromStructuredQueryJson('{"query":"hello","exprName":"StructuredQuery"}', { registry: BUILT_IN_REGISTRY }).filter,
      undefined,
    );
  });

  it("refuses what is not a StructuredQuery, and attributes outside the registry", () => {
    assert.throws(() => fromStructuredQueryJson("{", { registry: BUILT_IN_REGISTRY }), InvalidStructuredQueryError);
    assert.throws(
      () => fromStructuredQueryJson({ filter: {} }, { registry: BUILT_IN_REGISTRY }),
      InvalidStructuredQueryError,
    );
    assert.throws(
      () =>
        fromStructuredQueryJson(
          { query: "q", filter: { comparator: "like", attribute: "title", value: "x" } },
          { registry: BUILT_IN_REGISTRY },
        ),
      InvalidStructuredQueryError,
    );
    assert.throws(
      () =>
        fromStructuredQueryJson(
          {
            query: "q",
            filter: { operator: "and", args: [{ comparator: "eq", attribute: "password", value: "x" }] },
          },
          { registry: BUILT_IN_REGISTRY },
        ),
      UnwritableFilterError,
    );
  });
});

describe("createQueryConstructor with LangChain's SelfQueryRetriever", () => {
  it("over an in-memory vector store of the bundled catalog, returns the recipes --search returns", async () => {
    const docs = await catalogDocuments();
    const vectorStore = await MemoryVectorStore.fromDocuments(docs, new SyntheticEmbeddings({ vectorSize: 16 }));
    const retriever = new SelfQueryRetriever({
      vectorStore,
      structuredQueryTranslator: new FunctionalTranslator(),
      queryConstructor: createQueryConstructor({ context: OFFLINE }),
      // k: every document, so the filter alone decides which recipes come back.
      searchParams: { k: docs.length },
    });
    const recorder = new RunCollectorCallbackHandler();
    const found = await retriever.invoke(SEED, { callbacks: [recorder] });
    const ids = idsOf(found);
    assert.ok(ids.length > 0 && ids.length < docs.length);
    assert.deepEqual(ids, await searchedIds(SEED));
    // One trace: the graph's run sits under the retriever's, through the query constructor.
    assert.equal(recorder.tracedRuns.length, 1);
    const [root] = recorder.tracedRuns;
    const constructorRun = root.child_runs?.find((run) => run.name === "query_constructor");
    assert.ok(constructorRun?.child_runs?.some((run) => run.name === "recipe-filters"));
  });

  it("a query with no filter gives a StructuredQuery without one (the whole store is searched)", async () => {
    const query = await createQueryConstructor({ context: OFFLINE }).invoke({ query: "おすすめのレシピ" });
    assert.equal(query.filter, undefined);
    assert.equal(query.query, "おすすめのレシピ");
  });

  it("a failed branch rejects by default rather than widen the search; acceptPartial takes the rest", async () => {
    // A model server that refuses connections: every branch fails.
    const context = { extractor: "llm", baseUrl: `${await closedPortUrl()}/v1` } as const;
    const build = { maxRetries: 0, timeoutMs: 5000 };
    await assert.rejects(
      createQueryConstructor({ context, build }).invoke({ query: SEED }),
      (error: unknown) => error instanceof PartialFilterError && /cooking_time: /.test(error.message),
    );
    const partial = await createQueryConstructor({ context, build, acceptPartial: true }).invoke({ query: SEED });
    assert.equal(partial.filter, undefined);
  });
});
