#!/usr/bin/env node
// `npm run test:unit`: the fast loop, chosen by file name — every test/*.test.ts but the
// real-process end-to-end tests (*.e2e.test.ts) and the load tests (load*.test.ts). `npm test`
// runs them all.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = "test";
const unit = readdirSync(dir)
  .filter((name) => name.endsWith(".test.ts") && !name.endsWith(".e2e.test.ts") && !name.startsWith("load"))
  .map((name) => join(dir, name))
  .sort();
const { status } = spawnSync(process.execPath, ["--import", "tsx", "--test", ...process.argv.slice(2), ...unit], {
  stdio: "inherit",
});
process.exit(status ?? 1);
