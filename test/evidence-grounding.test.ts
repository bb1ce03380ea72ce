// Grounding by evidence on the llm path (issue 21 §1): each condition the model answers quotes
// the words it was read from; the model seam locates them in the query, and drops, with a
// warning, a condition whose words are not there or do not state its value. The residual on the
// llm path is then the query minus the model's evidence.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadDataset } from "../eval/dataset.js";
import { createExtractor } from "../src/extractor/extractor.js";
import type { Filter } from "../src/filters/filter.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES, type FilterType } from "../src/filters/index.js";
import { groundByEvidence, locateQuote } from "../src/model/evidence-grounding.js";
import { createRunDecider } from "../src/settings/run.js";
import { compileGraph } from "../src/workflow/build.js";
import {
  answerLikeTheExtractor,
  type ChatRequest,
  type OpenAIStandIn,
  type Reply,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";
import { withoutEvidence } from "./support/without-evidence.js";

const type = (column: string): FilterType<any> => BUILT_IN_REGISTRY.byColumn(column)!;
const time = type("cooking_time_min");
const cost = type("cooking_cost_yen");
const category = type("dish_category");
const servings = type("servings");

describe("locateQuote: where the model's words stand in the query", () => {
  it("exactly, or after the normalization every reading uses (width, case, spaces); not at all is undefined", () => {
    assert.deepEqual(locateQuote("鶏むね肉を10分以内で", "10分以内"), { start: 5, end: 10, text: "10分以内" });
    assert.deepEqual(locateQuote("鶏むね肉を１０分以内で", "10分以内"), { start: 5, end: 10, text: "１０分以内" });
    assert.deepEqual(locateQuote("Pasta Under  20 Minutes", "under 20 minutes"), {
      start: 6,
      end: 23,
      text: "Under  20 Minutes",
    });
    assert.deepEqual(locateQuote("副菜を作りたい", "「副菜」"), { start: 0, end: 2, text: "副菜" });
    assert.equal(locateQuote("10分以内の副菜", "15分以内"), undefined);
    assert.equal(locateQuote("10分以内の副菜", "  "), undefined);
  });
});

describe("groundByEvidence", () => {
  const quoted = (filter: object, ...quotes: string[]) => ({ filter: filter as never, quotes });

  it("keeps a condition whose words state its value in any spelling, with its evidence on the query", () => {
    const cases: [string, typeof time, object, string][] = [
      ["十五分以内の主菜", time, { column: time.column, operator: "<=", value: 15 }, "十五分以内"],
      ["１時間半以内で", time, { column: time.column, operator: "<=", value: 90 }, "１時間半以内"],
      ["dinner in an hour", time, { column: time.column, operator: "<=", value: 60 }, "an hour"],
      ["ワンコインで作れる丼", cost, { column: cost.column, operator: "<=", value: 500 }, "ワンコイン"],
      ["100円台の副菜", cost, { column: cost.column, operator: "<", value: 200 }, "100円台"],
      ["serves four", servings, { column: servings.column, operator: "=", value: 4 }, "serves four"],
      ["みそ汁と副菜", category, { column: category.column, operator: "in", value: ["副菜", "汁物"] }, "副菜"],
    ];
    for (const [query, t, filter, quote] of cases) {
      const values = [(filter as { value: unknown }).value].flat();
      const quotes = values.length > 1 ? ["副菜", "みそ汁"] : [quote];
      const grounded = groundByEvidence([quoted(filter, ...quotes)], query, t);
      assert.deepEqual(grounded.dropped, [], query);
      const start = values.length > 1 ? 0 : query.indexOf(quote);
      const end = values.length > 1 ? query.length : start + quote.length;
      assert.deepEqual(
        grounded.filters,
        [{ ...filter, evidence: { start, end, text: query.slice(start, end) } }],
        query,
      );
    }
  });

  it("narrows a generous quote to the words the type reads the value from; a quote it cannot read stays whole", () => {
    const query = "鶏むね肉を10分以内で作れる主菜";
    const generous = groundByEvidence(
      [quoted({ column: time.column, operator: "<=", value: 10 }, "10分以内で作れる")],
      query,
      time,
    );
    assert.deepEqual(generous.filters[0].evidence, { start: 5, end: 10, text: "10分以内" });
    const words = "ready by 10 tops";
    const unread = groundByEvidence(
      [quoted({ column: time.column, operator: "<=", value: 10 }, words)],
      `salad, ${words}`,
      time,
    );
    assert.deepEqual(unread.filters[0]?.evidence, { start: 7, end: 7 + words.length, text: words });
  });

  it("drops a condition whose words are not in the query, do not state its value, or are missing — each with its reason", () => {
    const query = "10分以内に500円未満で作れる副菜";
    const grounded = groundByEvidence(
      [
        quoted({ column: cost.column, operator: "<", value: 500 }, "500円以下"),
        quoted({ column: cost.column, operator: "<", value: 300 }, "500円未満"),
        quoted({ column: cost.column, operator: "<", value: 500 }, ""),
        quoted({ column: cost.column, operator: "<", value: 500 }, "500円未満"),
      ],
      query,
      cost,
    );
    assert.deepEqual(
      grounded.dropped.map((d) => [d.branch, d.message]),
      [
        ["cooking_cost", 'dropped: its evidence "500円以下" is not in the query (ungrounded)'],
        ["cooking_cost", 'dropped: its evidence "500円未満" does not state 300 (ungrounded)'],
        ["cooking_cost", "dropped: no evidence was quoted for 500 (ungrounded)"],
      ],
    );
    assert.deepEqual(grounded.filters, [
      { column: cost.column, operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } },
    ]);
    // A category quoted with words that name another one.
    const wrong = groundByEvidence(
      [quoted({ column: category.column, operator: "=", value: "主菜" }, "副菜")],
      query,
      category,
    );
    assert.match(wrong.dropped[0].message, /its evidence "副菜" does not state 主菜/);
  });

  it("over the whole evaluation dataset and the probe, the stand-in's answers (the labels with their offline evidence) lose nothing", async () => {
    let conditions = 0;
    for (const file of ["../eval/dataset.jsonl", "../eval/probe-v3.jsonl"]) {
      for (const c of await loadDataset(new URL(file, import.meta.url).pathname)) {
        for (const t of BUILT_IN_REGISTRY.types as readonly FilterType<any>[]) {
          const offline = t.extractOffline(c.query, BUILT_IN_REGISTRY.types);
          // As the answer travels: JSON, the answer schema, back to filters with their quotes.
          const answer = t.answerSchema.parse(JSON.parse(JSON.stringify(t.toAnswer(offline))));
          const quotedFilters = t.toFilters(answer);
          const grounded = groundByEvidence(quotedFilters, c.query, t);
          conditions += quotedFilters.length;
          assert.deepEqual(grounded.dropped, [], `${c.query} (${t.name})`);
          assert.deepEqual(
            grounded.filters.map((f) => f.evidence?.text),
            offline.map((f) => f.evidence?.text),
            `${c.query} (${t.name}): the same words`,
          );
        }
      }
    }
    assert.ok(conditions > 1000, `${conditions} conditions checked`);
  });
});

describe("the llm path end to end (real ChatOpenAI against the stand-in)", () => {
  let server: OpenAIStandIn;
  /** Per test: what the cost branch answers (the others answer like the extractor). */
  let costReply: ((req: ChatRequest) => Reply) | undefined;
  const shapes = [
    { label: "json_schema", model: "gpt-4o-mini", stream: false },
    { label: "tool call", model: "gpt-4", stream: false },
    { label: "json_schema, streamed", model: "gpt-4o-mini", stream: true },
    { label: "tool call, streamed", model: "gpt-4", stream: true },
  ];
  before(async () => {
    const healthy = answerLikeTheExtractor(FILTER_TYPES);
    server = await startOpenAIStandIn((req) =>
      req.schemaName === cost.answerName && costReply ? costReply(req) : healthy(req),
    );
  });
  after(() => server.close());

  it("every shape the stand-in speaks carries the quotes; the filters come out with the offline evidence", async () => {
    const query = "鶏むね肉を使った10分以内に500円未満で作れる副菜";
    const offline = await createExtractor().extract(query, { context: { extractor: "rules" } });
    for (const { label, model, stream } of shapes) {
      costReply = undefined;
      const options = { context: { extractor: "llm" as const, baseUrl: server.url, model, temperature: 0 } };
      // Streamed as under the dev server: the graph's messages mode makes the client ask for SSE.
      const result = stream
        ? await lastValues(
            compileGraph(BUILT_IN_REGISTRY, { runs: createRunDecider({ baseUrl: server.url }) }).stream(
              { query },
              { ...options, streamMode: ["messages", "values"] },
            ),
          )
        : await createExtractor().extract(query, options);
      assert.deepEqual(result.filters, offline.filters, label);
      assert.deepEqual(result.warnings, [], label);
      assert.equal(result.residual, "鶏むね肉を使った 作れる", label);
      const sent = server.requests.at(-1)?.request;
      assert.equal(sent?.stream, stream, `${label}: streamed as asked`);
    }
  });

  it("every twentieth dataset case over the wire, the stand-in answering with the labels and their offline evidence: nothing dropped, every label kept", async () => {
    const cases = (await loadDataset(new URL("../eval/dataset.jsonl", import.meta.url).pathname)).filter(
      (_, i) => i % 20 === 0,
    );
    const labels = new Map(cases.map((c) => [c.query, c.filters]));
    const same = (a: Filter, b: Filter) =>
      a.column === b.column && a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value);
    costReply = undefined;
    const labelled = await startOpenAIStandIn((req) => {
      const t = FILTER_TYPES.find((f) => f.answerName === req.schemaName) as FilterType<any>;
      const offline = t.extractOffline(req.user, FILTER_TYPES);
      const own = (labels.get(req.user) ?? []).filter((f) => f.column === t.column);
      return { json: t.toAnswer(own.map((f) => ({ ...f, evidence: offline.find((o) => same(o, f))?.evidence }))) };
    });
    try {
      const extractor = createExtractor();
      for (const c of cases) {
        const r = await extractor.extract(c.query, { context: { extractor: "llm", baseUrl: labelled.url } });
        assert.deepEqual(r.warnings, [], c.query);
        assert.deepEqual(
          new Set(withoutEvidence(r.filters).map((f) => JSON.stringify(f))),
          new Set(c.filters.map((f) => JSON.stringify(f))),
          c.query,
        );
      }
    } finally {
      await labelled.close();
    }
  });

  it("each branch's request opens with the same bytes for every query (prompt, schema), the query last", async () => {
    costReply = undefined;
    const prefixes = new Map<string, Set<string>>();
    for (const model of ["gpt-4o-mini", "gpt-4"])
      for (const query of ["10分以内の副菜", "pasta under 500 yen for two"]) {
        server.requests.length = 0;
        await createExtractor().extract(query, { context: { extractor: "llm", baseUrl: server.url, model } });
        for (const { request } of server.requests) {
          const { messages, response_format, tools, tool_choice } = request.body;
          assert.deepEqual(messages.at(-1), { role: "user", content: query });
          const prefix = JSON.stringify([messages.slice(0, -1), response_format, tools, tool_choice]);
          const key = `${model}/${request.schemaName}`;
          prefixes.set(key, (prefixes.get(key) ?? new Set()).add(prefix));
        }
      }
    assert.equal(prefixes.size, 2 * FILTER_TYPES.length);
    for (const [key, seen] of prefixes) assert.equal(seen.size, 1, `${key}: one prefix for both queries`);
  });

  it("through the CLI: an answer quoting words that are not in the query, or do not state its value, is dropped with a warning", async () => {
    const query = "豚こまの主菜を15分以内に500円未満で";
    for (const [quote, value, why] of [
      ["500円以下", 500, 'its evidence "500円以下" is not in the query'],
      ["15分以内", 500, 'its evidence "15分以内" does not state 500'],
    ] as const) {
      costReply = () => ({ json: { conditions: [{ evidence: quote, operator: "<", value }] } });
      const r = await runCli(["--json", query], { OPENAI_BASE_URL: server.url });
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(
        out.filters.map((f: { column: string }) => f.column),
        ["cooking_time_min", "dish_category"],
      );
      assert.deepEqual(
        out.warnings.map((w: { branch: string; message: string }) => [w.branch, w.message]),
        [["cooking_cost", `dropped: ${why} (ungrounded)`]],
      );
      assert.equal(out.residual, "豚こま 500円未満で", "the dropped condition's words stay in the rest of the query");
    }
  });

  it("through the CLI: the residual is the query minus the model's evidence", async () => {
    costReply = undefined;
    const r = await runCli(["--json", "鶏むね肉を使った10分以内の副菜"], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.extractor, "llm");
    assert.equal(out.residual, "鶏むね肉を使った");
    assert.deepEqual(
      out.filters.map((f: { evidence: { text: string } }) => f.evidence.text),
      ["10分以内", "副菜"],
    );
  });
});

/** The last `values` frame of a stream: the run's final state. */
async function lastValues(stream: Promise<AsyncIterable<unknown>>) {
  let last: any;
  for await (const chunk of await stream) {
    const [mode, value] = chunk as [string, unknown];
    if (mode === "values") last = value;
  }
  return last;
}
