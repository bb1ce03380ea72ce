// A FIFO as the catalog is refused at once (it hung: opening it waits for a writer, reading it
// waits for the writer to close), through the library and through `--search --catalog`.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { openCatalog } from "../src/search/recipe-store.js";
import { runCli } from "./support/cli.js";

const fifo = join(mkdtempSync(join(tmpdir(), "catalog-fifo-")), "catalog.sqlite");
execFileSync("mkfifo", [fifo]);

it("openCatalog refuses a FIFO without waiting for a writer", async () => {
  await assert.rejects(openCatalog(fifo, { registry: BUILT_IN_REGISTRY }), /is not a regular file/);
});

it("--search --catalog FIFO and /dev/zero: exit 2, one line, before any model call", async () => {
  for (const path of [fifo, "/dev/zero"]) {
    const r = await runCli(["--search", "--catalog", path, "--extractor", "llm", "10分以内の副菜"], {
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^recipe-filters: the catalog .* is not a regular file/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});
