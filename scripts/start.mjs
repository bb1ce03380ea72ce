#!/usr/bin/env node
// `npm start`: runs the compiled CLI (fast cold start), rebuilding first only when a
// TypeScript source is newer than the last build, so edited code is never run stale.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist", ".tsbuildinfo");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let builtAt = 0;
try {
  builtAt = statSync(built).mtimeMs;
} catch {}
if (builtAt < Math.max(newestSource(join(root, "src")), newestSource(join(root, "graphs")))) {
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")],
    { stdio: "inherit" },
  );
  if (tsc.status !== 0) process.exit(1);
}
// npm forwards SIGINT and SIGTERM to the script (package.json `exec`s node, so no shell sits
// in between to die and leave the CLI running). If npm itself goes away (SIGHUP, SIGKILL), the
// CLI is reparented: it stops as on a hangup rather than run on as an orphan.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) process.kill(process.pid, "SIGHUP");
}, 1000).unref();
await import(join(root, "dist", "src", "cli", "main.js"));
