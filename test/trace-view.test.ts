// The local trace view (--trace): the run tree recorded from the framework's callbacks,
// drawn as a timeline. Asserted on the recorded start and end times, never on the clock.

import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { evidenceNote, type RecordedRun, timelineRows } from "../src/tracing/trace-view.js";
import { REDUCE_NODE } from "../src/workflow/build.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runCli } from "./support/cli.js";

const SEED = "10分以内に500円未満で作れる料理教えて";
const time = (t: number | string | undefined) => (typeof t === "string" ? Date.parse(t) : t!);
const allRuns = (run: RecordedRun): RecordedRun[] => [run, ...(run.child_runs ?? []).flatMap(allRuns)];

describe("--trace: the local run tree", () => {
  let server: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  before(async () => {
    // Latency, so the branches' runs last long enough for overlap to mean something.
    server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES, { delayMs: 300 }));
    receiver = await startLangSmithReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it("records root → branches → ChatOpenAI → reducer, the branches overlapping; LangSmith gets the same runs from the same invoke", async () => {
    const recorder = new RunCollectorCallbackHandler();
    const tracing = createTracing({
      apiUrl: receiver.url,
      apiKey: "lsv2_test_key_not_real_0123456789",
      projectName: "trace-view-test",
    });
    receiver.runs.clear();
    await createExtractor().extract(SEED, {
      context: { extractor: "llm", baseUrl: server.url },
      callbacks: [recorder, tracing.tracer],
    });
    assert.equal(await tracing.flush(10_000), true);

    assert.equal(recorder.tracedRuns.length, 1, "one root run per query");
    const root = recorder.tracedRuns[0] as RecordedRun;
    assert.equal(root.name, "recipe-filters");
    const child = (name: string) => root.child_runs!.find((r) => r.name === name)!;
    // One model run under each branch the answer gate asks; under the others, the gate's note.
    const asked = typesAskedFor(SEED, FILTER_TYPES);
    assert.ok(asked.length > 1 && asked.length < FILTER_TYPES.length, "the seed query asks some branches, not all");
    for (const type of FILTER_TYPES) {
      const branch = child(type.name);
      assert.ok(branch, `a run for branch ${type.name}`);
      assert.deepEqual(
        allRuns(branch)
          .filter((r) => r.run_type === "llm" || r.name === "answer_gate")
          .map((r) => r.name),
        asked.includes(type) ? ["ChatOpenAI"] : ["answer_gate"],
        `under ${branch.name}`,
      );
    }
    const branches = asked.map((t) => child(t.name));
    const reducer = child(REDUCE_NODE);
    assert.ok(reducer);

    // Parallel: every branch started before any branch ended; the reducer ran after all of them.
    const latestStart = Math.max(...branches.map((b) => time(b.start_time)));
    const earliestEnd = Math.min(...branches.map((b) => time(b.end_time)));
    assert.ok(latestStart < earliestEnd, `branches overlap: last start ${latestStart} < first end ${earliestEnd}`);
    assert.ok(time(reducer.start_time) >= Math.max(...branches.map((b) => time(b.end_time))));

    // Both handlers saw the same run ids: one run, not two.
    const recorded = new Set(allRuns(root).map((r) => r.id));
    const sent = new Set(receiver.runs.keys());
    assert.ok(
      sent.size > 0 && [...sent].every((id) => recorded.has(id)),
      "every run LangSmith received is in the local tree",
    );
    assert.ok(
      FILTER_TYPES.every((t) => sent.has(child(t.name).id!)),
      "and the branch runs are the same runs",
    );

    // The branches' outputs in the trace carry each filter's evidence, located in the query.
    const received = receiver.runs.get(child("cooking_time").id!);
    assert.deepEqual(received?.outputs?.candidates, [
      { column: "cooking_time_min", operator: "<=", value: 10, evidence: { start: 0, end: 5, text: "10分以内" } },
    ]);
    assert.deepEqual(evidenceNote(child("cooking_cost")), "「500円未満」 < 500");
    assert.equal(evidenceNote(child("dish_category")), "", "no filter, no note");

    // In the timeline, the branches' bars overlap; LangGraph's hidden steps are left out.
    const rows = timelineRows(root);
    const bar = (name: string) => rows.find((r) => r.run.name === name)!;
    const [a, b] = FILTER_TYPES.map((t) => bar(t.name));
    assert.ok(
      a.barStart < b.barEnd && b.barStart < a.barEnd,
      `bars overlap: [${a.barStart},${a.barEnd}) [${b.barStart},${b.barEnd})`,
    );
    assert.ok(bar(REDUCE_NODE).barStart >= Math.max(a.barStart, b.barStart));
    assert.ok(!rows.some((r) => r.run.name === "__start__"));
    assert.equal(rows[0].run, root);
    assert.equal(rows[0].barStart, 0);
    assert.equal(rows[0].barEnd, 40);
  });

  it("the CLI prints the timeline after the summary: every run with its start, duration and bar", async () => {
    const r = await runCli(["--trace", SEED], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    const [summary, timeline] = r.stdout.split(/\n\n(?=run\s)/);
    assert.match(summary, /cooking_time_min <= 10/);
    assert.ok(timeline, r.stdout);
    const lines = timeline.trimEnd().split("\n");
    assert.match(lines[0], /^run\s+start\s+duration$/);
    assert.match(lines[1], /^recipe-filters\s+0 ms\s+\d+ ms {2}█{40}$/);
    // A branch that found a filter ends its row with the words the model quoted for it.
    const quoted: Record<string, string> = {
      cooking_time: "  「10分以内」 <= 10",
      cooking_cost: "  「500円未満」 < 500",
    };
    for (const type of FILTER_TYPES)
      assert.ok(
        lines.some((l) =>
          new RegExp(`^[├└]─ ${type.name}\\s+\\d+ ms\\s+\\d+ ms  \\s*█+\\s*${quoted[type.name] ?? ""}$`).test(l),
        ),
        `${type.name} row`,
      );
    assert.equal(lines.filter((l) => /ChatOpenAI\s/.test(l)).length, typesAskedFor(SEED, FILTER_TYPES).length);
    assert.match(lines.at(-1)!, new RegExp(`^└─ ${REDUCE_NODE}\\s`));
  });

  it("a branch's note names each kept filter's words, then each dropped condition and why", () => {
    const branch: RecordedRun = {
      name: "cooking_cost",
      outputs: {
        candidates: [{ column: "c", operator: "<", value: 500, evidence: { start: 6, end: 12, text: "500円未満" } }],
        warnings: [
          {
            branch: "cooking_cost",
            filter: { column: "c", operator: "<", value: 700 },
            message: 'dropped: its evidence "500円未満" does not state 700 (ungrounded)',
          },
        ],
      },
    };
    assert.equal(
      evidenceNote(branch),
      '「500円未満」 < 500, ✗ < 700: its evidence "500円未満" does not state 700 (ungrounded)',
    );
    assert.equal(evidenceNote({ name: "reduce_filters", outputs: { filters: [] } }), "");
  });

  it("with --json, stdout stays one JSON document and the timeline goes to stderr", async () => {
    const r = await runCli(["--json", "--trace", SEED], { OPENAI_BASE_URL: server.url });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).filters.length, 2);
    assert.match(r.stderr, /^\nrun\s+start\s+duration\nrecipe-filters\s/);
  });
});
