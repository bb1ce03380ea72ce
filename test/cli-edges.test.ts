// The CLI at its edges, as a user meets them: --version, a query on standard input, usage
// errors that used to look like bugs, an LLM run with nowhere to go. Each ends in one line
// and a documented exit code. (A closed or full stdout and library chatter need a real
// process: cli.e2e.test.ts.)
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ROOT, runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";

describe("CLI edges", () => {
  it("--version prints the package version, exit 0", async () => {
    const r = await runCli(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).version}\n`);
  });

  it("with no query argument, the query is read from standard input (echo … | recipe-filters)", async () => {
    const r = await runCli(["--json"], {}, { input: `${SEED}\n` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).query, SEED);
  });

  it("several lines on standard input without --batch: exit 2, one line naming --batch -", async () => {
    const r = await runCli(["--json"], {}, { input: "10分以内\n500円以下\n" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^recipe-filters: standard input holds 2 lines; .*--batch -.*\n$/);
  });

  for (const [label, args, env] of [
    ["an invalid --base-url", ["--base-url", "not a url", SEED], {}],
    ["a --base-url that is not http(s)", ["--base-url", "file:///etc/passwd", SEED], {}],
    ["a huge --concurrency", ["--batch", "-", "--concurrency", "99999999999999999999"], {}],
    ["LANGSMITH_ENDPOINT that is not a URL", [SEED], { LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: "not-a-url" }],
    ["RECIPE_FILTERS_TRACE_EVERY that is not a count", ["--batch", "-"], { RECIPE_FILTERS_TRACE_EVERY: "often" }],
    ["--skip without --batch", ["--skip", "3", SEED], {}],
  ] as const)
    it(`${label}: a usage error, exit 2, one line`, async () => {
      const r = await runCli([...args], env, { input: "" });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.split("\n").length, 2, r.stderr);
    });

  for (const [label, args, env] of [
    ["--extractor llm", ["--extractor", "llm", SEED], {}],
    ["RECIPE_FILTERS_EXTRACTOR=llm", [SEED], { RECIPE_FILTERS_EXTRACTOR: "llm" }],
    ["--extractor llm --batch", ["--extractor", "llm", "--batch", "-"], {}],
  ] as const)
    it(`${label} with no key and no base URL: refused in one line, exit 2, nothing extracted or sent`, async () => {
      // Tracing on, to a port nothing listens on: a run that started would warn about its lost trace.
      const r = await runCli(
        [...args],
        { ...env, LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: "http://127.0.0.1:9" },
        {
          input: `${SEED}\n`,
        },
      );
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^recipe-filters: the llm extractor needs OPENAI_API_KEY, or an OpenAI-compatible server/);
      assert.equal(r.stderr.split("\n").length, 2, r.stderr);
    });
});
