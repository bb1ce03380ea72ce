// What --batch reads: only "\n" and "\r\n" end a line (a lone "\r" is part of it, so line
// numbers match the file), a line past the limit is refused while it is read (never held),
// and options that make no sense for JSON Lines are refused up front. (A 200 MB line through a
// real process, with its peak memory: cli.e2e.test.ts.)
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readBatchLines } from "../src/cli/batch-lines.js";
import { MAX_LINE_BYTES, OverlongLine } from "../src/extractor/batch.js";
import { runCli } from "./support/cli.js";

async function collect(chunks: (string | Buffer)[]): Promise<(string | OverlongLine)[]> {
  const lines: (string | OverlongLine)[] = [];
  for await (const line of readBatchLines(
    (async function* () {
      yield* chunks;
    })(),
  ))
    lines.push(line);
  return lines;
}

describe("batch line splitting", () => {
  it("a lone carriage return stays inside its line; \\n and \\r\\n end lines", async () => {
    assert.deepEqual(await collect(["a\rb\n", "c\r\n", "d"]), ["a\rb", "c", "d"]);
  });

  it("a line split across chunks, even inside a UTF-8 character, comes back whole", async () => {
    const bytes = Buffer.from("10分以内\n");
    assert.deepEqual(await collect([bytes.subarray(0, 4), bytes.subarray(4)]), ["10分以内"]);
  });

  it("a line over the limit is one OverlongLine with its size; the next line is read normally", async () => {
    const big = "x".repeat(MAX_LINE_BYTES);
    const lines = await collect([big, big, "\n", "next\n"]);
    assert.equal(lines.length, 2);
    assert.ok(lines[0] instanceof OverlongLine);
    assert.equal((lines[0] as OverlongLine).bytes, 2 * MAX_LINE_BYTES);
    assert.equal(lines[1], "next");
  });

  it("the CR of a CRLF ending does not count toward the limit; a line of the limit plus one byte is refused", async () => {
    const atLimit = "x".repeat(MAX_LINE_BYTES);
    const lines = await collect([`${atLimit}\r\n${atLimit}y\r\n`, `${atLimit}\r`]);
    assert.equal(lines[0], atLimit);
    assert.ok(lines[1] instanceof OverlongLine);
    assert.equal((lines[1] as OverlongLine).bytes, MAX_LINE_BYTES + 1);
    assert.equal(lines[2], atLimit);
  });

  it("the CLI numbers lines as the file does when a line holds a lone \\r", async () => {
    const r = await runCli(["--batch", "-"], {}, { input: "10分以内\rの副菜\n500円以下\r\n" });
    assert.equal(r.code, 0, r.stderr);
    const results = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      results.map((x) => [x.line, x.query]),
      [
        [1, "10分以内\rの副菜"],
        [2, "500円以下"],
      ],
    );
  });
});

describe("--batch and the one-query options", () => {
  for (const [args, message] of [
    [["--stream"], /cannot be used with option '--stream'/],
    [["--trace"], /cannot be used with option '--trace'/],
    [["--format", "sql"], /--batch writes JSON Lines; --format sql works for one query/],
  ] as const)
    it(`--batch ${args.join(" ")}: exit 2, one line`, async () => {
      const r = await runCli(["--batch", "-", ...args], {}, { input: "10分以内\n" });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, message);
    });

  it("--batch --format json is plain batch output", async () => {
    const r = await runCli(["--batch", "-", "--format", "json"], {}, { input: "10分以内\n" });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).line, 1);
  });
});
