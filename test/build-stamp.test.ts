// `npm start` rebuilds only when a source is newer than the last build, and settles after a
// build even when tsc wrote nothing (a source touched with no real change): one rebuild, not one per start.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { isStale, markBuilt } from "../scripts/build-stamp.mjs";

const at = (seconds: number) => new Date(seconds * 1000);

it("stale until built; a touch makes it stale again; a build that rewrote nothing still settles it", () => {
  const root = mkdtempSync(join(tmpdir(), "recipe-filters-stamp-"));
  for (const dir of ["src", "graphs", "dist"]) mkdirSync(join(root, dir));
  const source = join(root, "src", "a.ts");
  const stamp = join(root, "dist", ".tsbuildinfo");
  writeFileSync(source, "export const a = 1;\n");
  assert.equal(isStale(root), true, "no build yet");

  writeFileSync(stamp, "{}");
  utimesSync(source, at(1_000), at(1_000));
  utimesSync(stamp, at(2_000), at(2_000));
  assert.equal(isStale(root), false, "built after the last edit");

  // A touch, no real change: tsc would leave the stamp as it is (time 2,000).
  const now = Date.now() / 1000;
  utimesSync(source, at(now), at(now));
  assert.equal(isStale(root), true, "touched after the build");
  markBuilt(root);
  assert.equal(isStale(root), false, "settled by the build, though tsc rewrote nothing");
});
