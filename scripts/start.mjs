#!/usr/bin/env node
// `npm start`: runs the compiled CLI (fast cold start), rebuilding first only when a
// TypeScript source is newer than the last build, so edited code is never run stale.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isStale, markBuilt } from "./build-stamp.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

if (isStale(root)) {
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")],
    // stdout is the CLI's (JSON Lines, a pipe): the compiler's messages go to stderr.
    { stdio: ["inherit", 2, "inherit"] },
  );
  if (tsc.status !== 0) process.exit(1);
  markBuilt(root);
}
// npm forwards SIGINT and SIGTERM to the script (package.json `exec`s node, so no shell sits
// in between to die and leave the CLI running). If npm itself goes away (SIGHUP, SIGKILL), the
// CLI is reparented: it stops as on a hangup, once — a hangup every second would read as
// "stop at once, drop what is in flight".
const launcher = process.ppid;
const watchdog = setInterval(() => {
  if (process.ppid === launcher) return;
  clearInterval(watchdog);
  process.kill(process.pid, "SIGHUP");
}, 1000).unref();
await import(join(root, "dist", "src", "cli", "bin.js"));
