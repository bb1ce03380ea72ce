/**
 * `langgraphjs dev` (the server Studio talks to) as a user starts it, on a free port of
 * 127.0.0.1, analytics off, no browser. It runs in its own process group, so `close()`
 * ends the CLI and every worker it spawned, and never leaves a server behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
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

/** Starts the dev server for this repository's langgraph.json and waits until `/ok` answers. */
export async function startLangGraphDev(
  options: {
    readyWithinMs?: number /** Variables for the server (e.g. OTEL_*), on top of the scrubbed environment. */;
    env?: Record<string, string>;
  } = {},
): Promise<LangGraphDev> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "langgraphjs"),
    ["dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--no-reload", "--config", ROOT],
    {
      cwd: ROOT,
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
