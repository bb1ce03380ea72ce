// `npm run test:unit` runs many test files in one process (scripts/unit-tests.mjs), so a file
// must not reach other files' tests: a top-level beforeEach/afterEach belongs to the whole
// process (test/support/hooks.ts has the file's own), and the environment is shared.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { it } from "node:test";

const DIR = new URL("./", import.meta.url);
const files = readdirSync(DIR)
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => ({ name, text: readFileSync(new URL(name, DIR), "utf8") }));

it("no test file has a beforeEach or afterEach at its top level", () => {
  assert.ok(files.length > 50, `${files.length} test files read`);
  const offenders = files.filter(({ text }) => /^(beforeEach|afterEach)\(/m.test(text)).map(({ name }) => name);
  assert.deepEqual(offenders, []);
});

it("no test file writes to process.env", () => {
  const offenders = files
    .filter(({ text }) =>
      /process\.env(\.\w+|\[[^\]]+\])\s*=(?!=)|delete process\.env|Object\.assign\(process\.env/.test(text),
    )
    .map(({ name }) => name);
  assert.deepEqual(offenders, []);
});
