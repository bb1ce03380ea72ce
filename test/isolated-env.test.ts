// Tests never depend on the caller's environment: every test file loads the helper that
// removes the developer's own settings before anything runs.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runCli } from "./support/cli.js";

const TEST_DIR = fileURLToPath(new URL(".", import.meta.url));
const HELPER = fileURLToPath(new URL("./support/isolated-env.ts", import.meta.url));

it("every test file imports the helper before anything else", () => {
  for (const file of readdirSync(TEST_DIR).filter((f) => f.endsWith(".test.ts"))) {
    const firstImport = readFileSync(join(TEST_DIR, file), "utf8").match(/^import .*$/m)?.[0];
    assert.equal(firstImport, 'import "./support/isolated-env.js";', file);
  }
});

it("with a key, tracing and settings exported by the caller, the test process sees none of them", async () => {
  const probe = join(mkdtempSync(join(tmpdir(), "recipe-filters-env-")), "probe.ts");
  writeFileSync(
    probe,
    `import ${JSON.stringify(pathToFileURL(HELPER).href)};
console.log(JSON.stringify(Object.keys(process.env).filter((k) => /^(OPENAI|LANGSMITH|LANGCHAIN|RECIPE_FILTERS)_/.test(k))));`,
  );
  const r = await runCli(
    [],
    {
      OPENAI_API_KEY: "sk-caller-key-not-real-0123456789",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      LANGSMITH_TRACING: "true",
      LANGSMITH_API_KEY: "lsv2_caller_key_not_real_0123456789",
      LANGCHAIN_TRACING_V2: "true",
      RECIPE_FILTERS_EXTRACTOR: "llm",
    },
    { script: probe },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});
