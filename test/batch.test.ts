// Batch mode: the library (order, bounded concurrency, line parsing) and `--batch` as a
// user runs it (in-process: main with the test's own stdout, stderr and terminal flags).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type BatchLineResult, parseBatchLine, runBatch } from "../src/extractor/batch.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import {
  answerLikeTheExtractor,
  type OpenAIStandIn,
  type RequestLog,
  startOpenAIStandIn,
} from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";
import { withoutEvidence } from "./support/without-evidence.js";

const dir = mkdtempSync(join(tmpdir(), "recipe-filters-batch-"));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const jsonLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as BatchLineResult);
const time = (value: number, operator = "<=") => ({ column: "cooking_time_min", operator, value });

/** The most requests the server had open at one moment. */
function peakInFlight(logs: RequestLog[]): number {
  const events = logs
    .flatMap(
      (l) =>
        [
          [l.startedAt, 1],
          [l.endedAt ?? Infinity, -1],
        ] as const,
    )
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, delta] of events) {
    open += delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

/** Queries "<k>0分以内 #k". */
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `${i + 1}0分以内 #${i + 1}`);
/** The model requests one query makes: one per branch its answer gate asks (the same for every numbered line). */
const asked = (query: string) => typesAskedFor(query, FILTER_TYPES).length;
const PER_LINE = asked(numbered(1)[0]);
/**
 * A stand-in that answers line 1 only once line 2 has been answered, without a clock: line 2
 * always finishes first, so results in input order are the runner's work, and lines 1 and 2
 * are always in flight together. One-shot: it holds line 1 of the first batch that has a line 2
 * (each describe starts its own stand-in).
 */
const lineTwoBeforeLineOne = () => {
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  let lineTwoAnswers = 0;
  let release: () => void = () => {};
  const lineTwoAnswered = new Promise<void>((resolve) => (release = resolve));
  return async (req: Parameters<typeof answer>[0]) => {
    const line = Number(/#(\d+)/.exec(req.user)?.[1] ?? 0);
    if (line === 1) await lineTwoAnswered;
    const reply = answer(req);
    if (line === 2 && ++lineTwoAnswers === asked(numbered(2)[1])) release();
    return reply;
  };
};

describe("parseBatchLine", () => {
  it("takes the query field of a JSON line and ignores the other fields", () => {
    assert.deepEqual(parseBatchLine('{"id": 7, "query": "10分以内", "filters": []}'), { query: "10分以内" });
  });
  it("takes a plain-text line as the query", () => {
    assert.deepEqual(parseBatchLine("dinner under 20 minutes"), { query: "dinner under 20 minutes" });
  });
  it("drops a byte-order mark and a carriage return", () => {
    assert.deepEqual(parseBatchLine("\uFEFF10分以内\r"), { query: "10分以内" });
  });
  for (const [name, line, kind] of [
    ["broken JSON", '{"query": "10分', "malformed"],
    ["no query field", '{"q": "10分"}', "malformed"],
    ["a query that is not a string", '{"query": 10}', "malformed"],
    ["a blank line", "   ", "unusable"],
    ["an empty JSON query", '{"query": ""}', "unusable"],
    ["a query over the length limit", "x".repeat(2001), "unusable"],
  ] as const)
    it(`${name} is an error record for the input`, () => {
      const parsed = parseBatchLine(line);
      assert.ok("error" in parsed);
      assert.equal(parsed.error.branch, "input");
      assert.equal(parsed.error.kind, kind);
    });
});

describe("runBatch", () => {
  let server: OpenAIStandIn;
  const COUNT = 12;
  before(async () => (server = await startOpenAIStandIn(lineTwoBeforeLineOne())));
  after(() => server.close());

  it("yields results in input order while later queries finish first, never more in flight than asked", async () => {
    server.requests.length = 0;
    const results: BatchLineResult[] = [];
    const lines = numbered(COUNT);
    for await (const r of runBatch(lines, createExtractor(), {
      concurrency: 3,
      context: { extractor: "llm", baseUrl: server.url },
    }))
      results.push(r);
    assert.deepEqual(
      results.map((r) => r.line),
      lines.map((_, i) => i + 1),
    );
    assert.deepEqual(
      results.map((r) => r.query),
      lines,
    );
    assert.deepEqual(
      results.map((r) => withoutEvidence(r.filters)),
      lines.map((_, i) => [time((i + 1) * 10)]),
    );
    // Line 2 really finished before line 1, so the ordering above is the runner's work.
    const finished = [...server.requests]
      .sort((a, b) => a.endedAt! - b.endedAt!)
      .map((l) => Number(/#(\d+)/.exec(l.request.user)![1]));
    assert.ok(finished.indexOf(2) < finished.indexOf(1), `line 2 finished before line 1: ${finished}`);
    const peak = peakInFlight(server.requests);
    assert.ok(peak <= 3 * PER_LINE, `at most 3 queries (${3 * PER_LINE} requests) in flight, saw ${peak}`);
    assert.ok(peak > PER_LINE, `more than one query in flight, saw ${peak}`);
  });

  it("reads an async iterable lazily and keeps every line, good or bad", async () => {
    async function* source() {
      yield "10分以内";
      yield "{oops";
      yield '{"query": "500円未満"}';
    }
    const results: BatchLineResult[] = [];
    for await (const r of runBatch(source(), createExtractor(), { context: { extractor: "rules" } })) results.push(r);
    assert.deepEqual(
      results.map((r) => [r.line, r.errors.map((e) => e.kind), r.filters.length]),
      [
        [1, [], 1],
        [2, ["malformed"], 0],
        [3, [], 1],
      ],
    );
  });

  it("refuses a concurrency that is not a positive integer", () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN])
      assert.throws(() => runBatch([], createExtractor(), { concurrency }), RangeError);
  });
});

describe("--batch", () => {
  let server: OpenAIStandIn;
  before(async () => (server = await startOpenAIStandIn(lineTwoBeforeLineOne())));
  after(() => server.close());

  it("one JSON result per input line, in order; a malformed line becomes an error result; exit 3", async () => {
    const input = file("mixed.jsonl", [
      '{"query": "10分以内に500円未満で作れる副菜", "id": "a"}',
      "1時間以上煮込む料理",
      '{"query": ',
      "",
      '{"text": "no query here"}',
      "dinner under 20 minutes",
    ]);
    const r = await runCli(["--json", "--batch", input]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
    const results = jsonLines(r.stdout);
    assert.deepEqual(
      results.map((x) => x.line),
      [1, 2, 3, 4, 5, 6],
    );
    assert.deepEqual(
      results.map((x) => x.query),
      ["10分以内に500円未満で作れる副菜", "1時間以上煮込む料理", null, null, null, "dinner under 20 minutes"],
    );
    assert.deepEqual(withoutEvidence(results[0].filters), [
      time(10),
      { column: "cooking_cost_yen", operator: "<", value: 500 },
      { column: "dish_category", operator: "=", value: "副菜" },
    ]);
    assert.deepEqual(withoutEvidence(results[1].filters), [time(60, ">=")]);
    assert.deepEqual(withoutEvidence(results[5].filters), [time(20, "<")]);
    assert.deepEqual(
      results.map((x) => x.errors.map((e) => `${e.branch}:${e.kind}`)),
      [[], [], ["input:malformed"], ["input:unusable"], ["input:malformed"], []],
    );
  });

  it("exit 0 when every line succeeds; plain-text lines from standard input", async () => {
    const r = await runCli(["--batch", "-"], {}, { input: "15分未満\n¥800以下のランチ\n" });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      jsonLines(r.stdout).map((x) => withoutEvidence(x.filters)),
      [[time(15, "<")], [{ column: "cooking_cost_yen", operator: "<=", value: 800 }]],
    );
  });

  it("--concurrency bounds the queries in flight against a real model server, and the order is kept", async () => {
    server.requests.length = 0;
    const lines = numbered(8);
    const r = await runCli(["--json", "--batch", file("llm.txt", lines), "--concurrency", "2"], {
      OPENAI_BASE_URL: server.url,
    });
    assert.equal(r.code, 0, r.stderr);
    const results = jsonLines(r.stdout);
    assert.deepEqual(
      results.map((x) => x.query),
      lines,
    );
    assert.ok(results.every((x) => x.extractor === "llm"));
    assert.equal(server.requests.length, lines.length * PER_LINE);
    const peak = peakInFlight(server.requests);
    assert.ok(peak <= 2 * PER_LINE && peak > PER_LINE, `2 queries in flight at most, saw ${peak} requests`);
  });

  it("streams a file of thousands of lines, every line once, in order", async () => {
    const queries = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? `${(i % 50) + 1}分以内の料理` : i % 3 === 1 ? `{"query": "${(i % 9) + 1}百円未満"}` : "時短レシピ",
    );
    const r = await runCli(["--json", "--batch", file("many.jsonl", queries), "--concurrency", "32"]);
    assert.equal(r.code, 0, r.stderr);
    const results = jsonLines(r.stdout);
    assert.equal(results.length, queries.length);
    results.forEach((x, i) => {
      assert.equal(x.line, i + 1);
      if (i % 3 === 0) assert.deepEqual(withoutEvidence(x.filters), [time((i % 50) + 1)]);
      if (i % 3 === 1)
        assert.deepEqual(withoutEvidence(x.filters), [
          { column: "cooking_cost_yen", operator: "<", value: ((i % 9) + 1) * 100 },
        ]);
      if (i % 3 === 2) assert.deepEqual(withoutEvidence(x.filters), []);
    });
  });

  for (const [name, args] of [
    ["a missing file", ["--batch", join(dir, "nope.jsonl")]],
    ["a directory", ["--batch", dir]],
    ["a concurrency of 0", ["--batch", "-", "--concurrency", "0"]],
    ["a concurrency that is not a number", ["--batch", "-", "--concurrency", "many"]],
    ["a query as well as --batch", ["--batch", "-", "10分以内"]],
  ] as const)
    it(`exit 2 and one line on stderr for ${name}`, async () => {
      const r = await runCli([...args], {}, { input: "" });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    });

  it("--help documents batch mode, --concurrency and the batch exit code", async () => {
    const r = await runCli(["--help"]);
    for (const word of ["--batch", "--concurrency", "(default: 8)", "--batch: at least one line failed"])
      assert.ok(r.stdout.includes(word), word);
  });

  it("draws a progress bar on stderr when stderr is a terminal, and keeps stdout pure JSON Lines", async () => {
    const input = file("tty.txt", ["10分以内", "{bad", "500円以下"]);
    const r = await runCli(["--json", "--batch", input], {}, { tty: { stderr: true } });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /3\/3 lines/);
    assert.match(r.stderr, /1 of 3 lines had an error/);
    assert.deepEqual(
      jsonLines(r.stdout).map((x) => x.line),
      [1, 2, 3],
    );
  });
});

describe("--batch with stdout on the same terminal", () => {
  it("draws no progress bar between the result lines", async () => {
    const input = file("same-tty.txt", ["10分以内", "500円以下"]);
    const r = await runCli(["--batch", input], {}, { tty: { stdout: true, stderr: true } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, "");
    assert.deepEqual(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).line),
      [1, 2],
      "every terminal line is a whole result, no bar drawn over them",
    );
  });
});
