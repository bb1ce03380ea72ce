/**
 * The CLI's cold start on one offline query (no key): CPU (user + system, from
 * /usr/bin/time) and wall time of `node <the build's CLI>`, the modules it loads (counted
 * by module-count-hook.ts in a run of its own, so the hook costs the timed runs nothing),
 * and `npm start`'s wall time (npm's own start-up on top).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildRoot, cliEntry } from "./build-root.js";
import { median } from "./stats.js";

export const COLD_START_QUERY = "10分以内に500円未満で作れる副菜教えて";
/** The seed query of the catalog search (issue 21): `--search` adds the catalog and its ranking to the cold start. */
export const COLD_SEARCH_ARGS = ["--search", "鶏むね肉を使った10分以内の副菜"];

export interface ColdStart {
  cpuMs: number;
  wallMs: number;
  peakRssMb?: number;
  modules: number;
  /** Loaded modules per package (the heaviest first). */
  modulesByPackage: Record<string, number>;
  /** Not measured (NaN) for other arguments than the offline query. */
  npmStartWallMs: number;
  cpuMeasuredBy: string;
}

/** The environment of a user with no key and no tracing. */
const offlineEnv = () => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(OPENAI_|RECIPE_FILTERS_|LANGSMITH_|LANGCHAIN_|OTEL_)/.test(k)),
  ),
  OPENAI_API_KEY: "",
});

const packageOf = (url: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes("/node_modules/") ? "?" : "(this project)");

/** `args`: the CLI's arguments (default: the offline query alone). */
export function measureColdStart(repeats: number, args: readonly string[] = [COLD_START_QUERY]): ColdStart {
  const root = buildRoot();
  const cli = cliEntry(root);
  const env = offlineEnv();
  const check = (r: ReturnType<typeof spawnSync>, what: string) => {
    if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  };
  const timeAvailable = existsSync("/usr/bin/time");
  const runs = Array.from({ length: repeats + 1 }, () => {
    const start = performance.now();
    const r = timeAvailable
      ? spawnSync("/usr/bin/time", ["-f", "cold-start %U %S %M", process.execPath, cli, ...args], {
          cwd: root,
          env,
          encoding: "utf8",
        })
      : spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: "utf8" });
    const wallMs = performance.now() - start;
    check(r, cli);
    const m = /cold-start ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
    return {
      wallMs,
      cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN,
      rssKb: m ? Number(m[3]) : undefined,
    };
  }).slice(1); // the first run warms the file cache
  const dir = mkdtempSync(join(tmpdir(), "cold-start-"));
  try {
    const out = join(dir, "modules.json");
    const hook = fileURLToPath(
      new URL(`./module-count-hook${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
    );
    const r = spawnSync(process.execPath, ["--import", hook, cli, ...args], {
      cwd: root,
      env: { ...env, BENCH_MODULE_COUNT_OUT: out },
      encoding: "utf8",
    });
    check(r, `${cli} (module count)`);
    const { modules, urls } = JSON.parse(readFileSync(out, "utf8")) as { modules: number; urls: string[] };
    const modulesByPackage: Record<string, number> = {};
    for (const url of urls) modulesByPackage[packageOf(url)] = (modulesByPackage[packageOf(url)] ?? 0) + 1;
    const npmRuns = args.length === 1 && args[0] === COLD_START_QUERY ? Math.max(1, Math.min(3, repeats)) : 0;
    const npm = Array.from({ length: npmRuns }, () => {
      const start = performance.now();
      check(
        spawnSync("npm", ["start", "-s", "--", COLD_START_QUERY], { cwd: root, env, encoding: "utf8" }),
        "npm start",
      );
      return performance.now() - start;
    });
    const rss = runs.map((x) => x.rssKb).filter((x): x is number => x !== undefined);
    return {
      cpuMs: median(runs.map((x) => x.cpuMs)),
      wallMs: median(runs.map((x) => x.wallMs)),
      peakRssMb: rss.length ? Math.round(Math.max(...rss) / 1024) : undefined,
      modules,
      modulesByPackage: Object.fromEntries(Object.entries(modulesByPackage).sort(([, a], [, b]) => b - a)),
      npmStartWallMs: npm.length ? median(npm) : Number.NaN,
      cpuMeasuredBy: timeAvailable ? "/usr/bin/time (user + system of the node process)" : "not measured",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
