// Whether dist/ is older than the TypeScript sources, for `npm start`. The stamp is
// dist/.tsbuildinfo, touched after every build: tsc leaves the file alone when nothing
// changed, so a source touched with no real change would otherwise rebuild on every start.
import { readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";

const SOURCE_DIRS = ["src", "graphs"];
const stampOf = (root) => join(root, "dist", ".tsbuildinfo");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when a source under src/ or graphs/ is newer than the last build (or there is none). */
export function isStale(root) {
  let builtAt = 0;
  try {
    builtAt = statSync(stampOf(root)).mtimeMs;
  } catch {}
  return builtAt < Math.max(...SOURCE_DIRS.map((dir) => newestSource(join(root, dir))));
}

/** After a successful build: the stamp says "now", whether or not tsc rewrote it. */
export function markBuilt(root) {
  const now = new Date();
  utimesSync(stampOf(root), now, now);
}
