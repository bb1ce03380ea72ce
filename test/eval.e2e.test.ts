// `npm run eval`'s process edge (eval/run.ts) as a real process: it hands main() the real
// stdout, stderr, environment and working directory, and exits with main()'s code.
// Everything else about eval runs in-process (eval-harness, eval-langsmith, eval-fail-fast).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "./support/cli.js";

const RUN_EVAL = fileURLToPath(new URL("../eval/run.ts", import.meta.url));

describe("eval/run.ts as a process", () => {
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-eval-e2e-"));
  writeFileSync(
    join(dir, "one.jsonl"),
    `{"query": "10分以内の副菜", "filters": [{"column": "cooking_time_min", "operator": "<=", "value": 10}]}\n`,
  );

  it("a relative dataset and report from its working directory: the scores on stdout, the report written, exit 0", async () => {
    const r = await runCli(
      ["--dataset", "one.jsonl", "--report", "out/report.json"],
      {},
      { script: RUN_EVAL, cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /exact match: 1\/1 = 100\.0 %/);
    assert.match(r.stdout, /report: .*out\/report\.json\n/);
    assert.equal(JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")).cases, 1);
  });

  it("a usage error: exit 2, one line, no report", async () => {
    const r = await runCli(
      ["--dataset", "missing.jsonl", "--report", "never.json"],
      {},
      { script: RUN_EVAL, cwd: dir },
    );
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^eval: cannot read the dataset: .*\n$/);
    assert.equal(existsSync(join(dir, "never.json")), false);
  });
});
