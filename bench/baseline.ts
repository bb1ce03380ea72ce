/**
 * The pinned baseline the bench compares HEAD with, side by side in the same run: that
 * commit's sources with HEAD's bench and stand-ins compiled over them (so both builds are
 * measured by the same code), in a scratch directory that shares this checkout's
 * node_modules. Rebuilt only when the commit or the bench's own sources change.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * main when the performance round-3 session started (issue 22): the Node 24 move is in, so
 * both builds run on one Node and one node_modules (the lockfile is the same), and what the
 * ratios show is this round's code alone. b51e2a0 (before the move) needs other packages
 * (openai 6), which the shared node_modules cannot give it.
 */
export const BASELINE = {
  commit: "4b4c04628e520e7d013e6ec60fce4c842d447a98",
  why: "main when performance round 3 (issue 22) started; after the Node 24 move, so both builds share one Node and one node_modules",
} as const;

/** The folders the bench measures with: HEAD's copy goes into the baseline build. */
const MEASURING = ["bench", "stand-ins"];
/**
 * Sources of HEAD the measuring folders import and an older commit may lack (the stand-in's
 * embeddings segment text as the search does): copied in only where the baseline has none.
 */
const MEASURING_NEEDS = ["src/search/search-terms.ts"];

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function hashOf(root: string, folders: string[]): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The baseline build's root (its package.json, dist/ and a node_modules link), made once
 * per commit and bench version: `git archive` of the commit, HEAD's bench and stand-ins
 * copied over, compiled without type checking (HEAD's bench against the older sources).
 */
export function prepareBaseline(headRoot: string, commit: string = BASELINE.commit): string {
  const stamp = `${commit}:${hashOf(headRoot, MEASURING)}:${MEASURING_NEEDS.join(",")}`;
  const dir = join(process.env.BENCH_BASELINE_DIR ?? tmpdir(), `recipe-filters-baseline-${commit.slice(0, 12)}`);
  const stampFile = join(dir, "dist", ".bench-stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, "..", `recipe-filters-baseline-${commit.slice(0, 12)}.tar`);
  run("git", ["archive", "--format=tar", "-o", archive, commit], headRoot);
  run("tar", ["-xf", archive, "-C", dir], headRoot);
  rmSync(archive);
  symlinkSync(join(headRoot, "node_modules"), join(dir, "node_modules"), "dir");
  for (const folder of MEASURING) {
    rmSync(join(dir, folder), { recursive: true, force: true });
    cpSync(join(headRoot, folder), join(dir, folder), {
      recursive: true,
      filter: (src) => !src.endsWith(".json") || src.endsWith("package.json"),
    });
  }
  for (const file of MEASURING_NEEDS)
    if (!existsSync(join(dir, file))) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      cpSync(join(headRoot, file), join(dir, file));
    }
  run(
    process.execPath,
    [join(headRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--noCheck"],
    dir,
  );
  writeFileSync(stampFile, stamp);
  return dir;
}
