// Bad input: an over-long query is a usage error; control characters, escape sequences,
// bidirectional overrides, NUL and broken UTF-16 never crash anything and never reach the
// terminal raw — checked on what the CLI actually wrote, in --json and in the summary.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { renderSummary } from "../src/cli/render.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { printable, safeJson } from "../src/formats/terminal-text.js";
import { MAX_QUERY_LENGTH, UnusableQueryError } from "../src/workflow/query-check.js";
import { type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";
import { filterProblems } from "./support/filter-validity.js";

/** Anything a terminal could act on or render deceptively; "\n" is the output's own line break. */
const RAW_UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\ufffd]/u;
function assertTerminalSafe(output: string, label: string) {
  const bad = [...output.replace(/\n/g, "")].filter((ch) => RAW_UNSAFE.test(ch));
  assert.deepEqual(
    bad.map((ch) => `U+${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`),
    [],
    `${label} carries raw unsafe characters`,
  );
}

const NASTY = [
  "10分以内に",
  "\u001b[31m赤\u001b[0m", // ANSI colour (CSI)
  "\u001b]0;pwned\u0007", // OSC: sets the window title
  "\u009b2J", // C1 CSI: clears the screen
  "\u202e500円未満\u202c", // right-to-left override
  "\u200f\u200e\u061c", // RLM, LRM, Arabic letter mark
  "\u200b\u2060\ufeff", // zero-width space, word joiner, BOM
  "\u2028\u2029", // line and paragraph separators
  "\u007f\r\t\b", // DEL, carriage return, tab, backspace
  "\u{e0041}\u{e007f}", // tag characters (above U+FFFF)
  "の副菜",
].join("");

describe("query length", () => {
  it(`a query of ${MAX_QUERY_LENGTH} characters is accepted`, async () => {
    const r = await runCli(["--json", "あ".repeat(MAX_QUERY_LENGTH)]);
    assert.equal(r.code, 0, r.stderr);
  });

  it(`a query over ${MAX_QUERY_LENGTH} characters: exit 2 and one line saying the limit`, async () => {
    const r = await runCli(["--json", "あ".repeat(MAX_QUERY_LENGTH + 1)]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      `recipe-filters: the query is ${MAX_QUERY_LENGTH + 1} characters long; the maximum is ${MAX_QUERY_LENGTH} (try --help)\n`,
    );
  });
});

describe("odd characters through the CLI", () => {
  let server: OpenAIStandIn;
  before(async () => {
    // A model whose refusal carries escape sequences of its own.
    server = await startOpenAIStandIn(() => ({ refusal: "\u001b[2J\u001b[Hno \u202eway" }));
  });
  after(() => server.close());

  it("--json: one valid JSON document, the query round-trips exactly, nothing raw on the terminal", async () => {
    const r = await runCli(["--json", NASTY]);
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe(r.stdout, "stdout");
    assertTerminalSafe(r.stderr, "stderr");
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.query, NASTY);
    assert.deepEqual(filterProblems(doc.filters, NASTY), []);
  });

  it("summary: unsafe characters shown as visible \\u escapes", async () => {
    const r = await runCli([NASTY]);
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe(r.stdout, "stdout");
    // The echoed query brackets each filter's evidence: without the brackets it is the query, escaped.
    assert.ok(r.stdout.replace(/\[(10分以内|500円未満|副菜)\]/g, "$1").includes(printable(NASTY)), r.stdout);
    assert.match(r.stdout, /\\u001b\[31m赤/);
    assert.match(r.stdout, /\\u202e\[500円未満\]/);
    assert.match(r.stdout, /\\udb40\\udc41/, "a tag character is escaped as its surrogate pair");
  });

  for (const json of [true, false]) {
    it(`a model's answer with escape sequences is escaped too (${json ? "--json" : "summary"})`, async () => {
      const r = await runCli([...(json ? ["--json"] : []), NASTY], {
        OPENAI_BASE_URL: server.url,
        RECIPE_FILTERS_MAX_RETRIES: "0",
      });
      assert.equal(r.code, 3, r.stderr);
      assertTerminalSafe(r.stdout, "stdout");
      assertTerminalSafe(r.stderr, "stderr");
      if (json) assert.equal(JSON.parse(r.stdout).errors[0].kind, "refusal");
    });
  }

  it("broken UTF-16 in an argument arrives as U+FFFD and does not crash", async () => {
    const r = await runCli(["--json", "10分以内\ud800"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).query, "10分以内\ufffd");
  });

  it("an unknown option full of escape sequences: exit 2, the usage message escaped", async () => {
    const r = await runCli(["--\u001b[31mevil\u202e", "10分"]);
    assert.equal(r.code, 2);
    assertTerminalSafe(r.stderr, "stderr");
    assert.match(r.stderr, /\\u001b\[31mevil\\u202e/);
  });
});

describe("NUL and lone surrogates (a command line cannot carry them; library callers can)", () => {
  const queries = ["10分\u0000以内", "10分以内\ud800", "\udc00500円未満", "\ud83d\ude00 10分 \ud83d", "\u0000副菜"];
  for (const query of queries) {
    it(`${JSON.stringify(query)}: extracted without a throw; summary and JSON are terminal-safe; JSON round-trips`, async () => {
      const result = await createExtractor().extract(query, { context: { extractor: "rules" } });
      const json = safeJson(result);
      assertTerminalSafe(renderSummary(result, BUILT_IN_REGISTRY), "summary");
      assertTerminalSafe(json, "json");
      assert.equal(JSON.parse(json).query, query);
    });
  }

  it("a query of control or zero-width characters only is blank: refused before any extraction", async () => {
    for (const query of ["\u0000", "\u0000\u200b\u0007"])
      await assert.rejects(createExtractor().extract(query), UnusableQueryError);
  });

  it("a paired surrogate (emoji) is kept as it is", () => {
    assert.equal(printable("😀 10分"), "😀 10分");
  });
});
