/**
 * `langgraphjs dev` (the server Studio talks to) as a user starts it, on a free port of
 * 127.0.0.1, analytics off, no browser. It runs in its own process group, so `close()`
 * ends the CLI and every worker it spawned, and never leaves a server behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT, scrubbedEnv } from "./cli.js";

export interface LangGraphDev {
  url: string;
  /** The CLI's pid, which is also its process group's id. */
  pid: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

export interface LangGraphDevOptions {
  readyWithinMs?: number;
  /**
   * The directory the server runs in and reads langgraph.json from (default: the repository).
   * A test gives a temporary one (see `isolatedProject`), so a developer's own `.env` and
   * `.langgraph_api/` never meet the test's.
   */
  cwd?: string;
  /** Variables for the server, beside a scrubbed copy of this process's environment. */
  env?: Record<string, string>;
}

/**
 * A temporary project directory whose langgraph.json names this repository's graph entry by
 * absolute path, with an optional `.env` — as a user's checkout would have it.
 */
export function isolatedProject(dotenv?: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-studio-"));
  const config = JSON.parse(readFileSync(join(ROOT, "langgraph.json"), "utf8")) as { graphs: Record<string, string> };
  // Relative: the CLI joins a graph's path onto the project directory, absolute or not.
  const graphs = Object.fromEntries(
    Object.entries(config.graphs).map(([id, spec]) => [id, join(relative(dir, ROOT), spec)]),
  );
  writeFileSync(
    join(dir, "langgraph.json"),
    JSON.stringify({ ...config, graphs, dependencies: [relative(dir, ROOT)] }, null, 2),
  );
  if (dotenv !== undefined) writeFileSync(join(dir, ".env"), dotenv);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the dev server for a langgraph.json (the repository's by default) and waits until `/ok` answers. */
export async function startLangGraphDev(options: LangGraphDevOptions = {}): Promise<LangGraphDev> {
  const cwd = options.cwd ?? ROOT;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "langgraphjs"),
    ["dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--no-reload", "--config", cwd],
    {
      cwd,
      detached: true, // its own process group, killed as one
      env: { ...scrubbedEnv(options.env), LANGGRAPH_CLI_NO_ANALYTICS: "1", BROWSER: "none", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (d) => (output += d));
  child.stderr!.setEncoding("utf8").on("data", (d) => (output += d));

  const close = async () => {
    killGroup(child, "SIGTERM");
    const stubborn = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
    await exited(child);
    clearTimeout(stubborn);
    killGroup(child, "SIGKILL"); // workers that outlived the CLI itself
    // Until the orphans are reaped, so a caller can rely on the group being gone.
    for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await new Promise((r) => setTimeout(r, 50));
  };

  // A deadline so a broken server fails the test instead of hanging it; not a speed assertion.
  const deadline = Date.now() + (options.readyWithinMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`langgraphjs dev exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/ok`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`langgraphjs dev did not answer /ok:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, output: () => output, close };
}

/**
 * The dev server in a fresh `isolatedProject` (with `dotenv` as its `.env`, if given), as the
 * Studio tests start it: the settings come from `env` and that file alone. `close()` also
 * removes the project.
 */
export async function startDevInIsolatedProject(
  options: Omit<LangGraphDevOptions, "cwd"> & { dotenv?: string } = {},
): Promise<LangGraphDev> {
  const project = isolatedProject(options.dotenv);
  try {
    const dev = await startLangGraphDev({ ...options, cwd: project.dir });
    return {
      ...dev,
      async close() {
        await dev.close();
        project.remove();
      },
    };
  } catch (error) {
    project.remove();
    throw error;
  }
}
