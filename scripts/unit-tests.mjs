#!/usr/bin/env node
// `npm run test:unit`: the fast loop. Runs the in-process test files — those that start no
// subprocess (no CLI run, no dev server, no package install) and are not load tests — so the
// split follows the files themselves and a new test file lands on the right side without a list.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SUBPROCESS = /node:child_process|support\/(cli|langgraph-dev|consumer-project)\.js/;
const dir = "test";
const unit = readdirSync(dir)
  .filter((name) => name.endsWith(".test.ts") && !name.startsWith("load"))
  .map((name) => join(dir, name))
  .filter((file) => !SUBPROCESS.test(readFileSync(file, "utf8")))
  .sort();
const { status } = spawnSync(process.execPath, ["--import", "tsx", "--test", ...process.argv.slice(2), ...unit], {
  stdio: "inherit",
});
process.exit(status ?? 1);
