/** Runs the CLI (or another entry point, such as the eval runner) as a user would, in a subprocess, from the TypeScript sources. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CALLERS_OWN_SETTINGS } from "./isolated-env.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
/** Resolved here, so the subprocess can run from any directory. */
export const TSX = import.meta.resolve("tsx");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  nodeArgs?: string[];
  cwd?: string;
  /** Written to the child's standard input (otherwise stdin is closed). */
  input?: string;
  /** The entry point to run instead of the CLI. */
  script?: string;
  /** Called with all of stdout so far, each time more arrives (and the child, e.g. to signal it). */
  onStdout?: (soFar: string, child: ChildProcess) => void;
}

/** The environment a test subprocess gets: the developer's own settings removed, `env` added. */
export function scrubbedEnv(env: Record<string, string> = {}): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => !CALLERS_OWN_SETTINGS.test(entry[0]) && entry[1] !== undefined,
    ),
  );
  return { ...base, ...env };
}

export function runCli(args: string[], env: Record<string, string> = {}, options: RunOptions = {}): Promise<CliResult> {
  const started = performance.now();
  // cwd outside the repo by default, so a developer's .env cannot leak in.
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", TSX, options.script ?? MAIN, ...args],
    {
      cwd: options.cwd ?? "/tmp",
      env: scrubbedEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  child.stdin.end(options.input);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => {
    stdout += d;
    options.onStdout?.(stdout, child);
  });
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })),
  );
}
