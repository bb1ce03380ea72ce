// --search --embeddings through the CLI: the real OpenAIEmbeddings client against the stand-in's
// /v1/embeddings; a failing embeddings server falls back to the word ranking with a warning (exit 3).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateCatalog } from "../catalog/generate.js";
import { type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";
import { closedPortUrl } from "./support/dead-endpoints.js";

const QUERY = "鶏むね肉を使った10分以内の副菜";
const byId = new Map(generateCatalog().map((r) => [r.id, r]));

describe("--search --embeddings", () => {
  let server: OpenAIStandIn;
  before(async () => {
    server = await startOpenAIStandIn(() => ({ status: 500 }));
  });
  after(() => server.close());

  it("fuses the embeddings model's ranking with the words': chicken-breast side dishes first", async () => {
    const r = await runCli(
      ["--extractor", "rules", "--search", "--json", "--limit", "5", "--embeddings", "text-embedding-3-small", QUERY],
      { OPENAI_BASE_URL: server.url },
    );
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    for (const recipe of doc.recipes)
      assert.ok(byId.get(recipe.id)?.ingredient_keys.includes("chicken_breast"), recipe.title);
    assert.ok(server.embedded.includes(doc.residual), "the residual was embedded");
  });

  it("an embeddings server that cannot be reached: the words alone rank, one warning, exit 3", async () => {
    const r = await runCli(["--extractor", "rules", "--search", "--limit", "3", "--embeddings", "m", QUERY], {
      OPENAI_BASE_URL: await closedPortUrl(),
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^recipe-filters: warning: the embeddings model failed \(.+\); ranked by words alone\n$/);
    assert.match(r.stdout, /\n {2}鶏むね肉/);
  });

  it("without --search, or without a key or server, is a usage error (exit 2)", async () => {
    const alone = await runCli(["--extractor", "rules", "--embeddings", "m", QUERY], { OPENAI_BASE_URL: server.url });
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--embeddings goes with --search/);
    const keyless = await runCli(["--extractor", "rules", "--search", "--embeddings", "m", QUERY]);
    assert.equal(keyless.code, 2);
    assert.match(keyless.stderr, /--embeddings needs OPENAI_API_KEY or an OpenAI-compatible server/);
  });
});
