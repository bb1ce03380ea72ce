/** Runs the CLI as a user would, in a subprocess, from the TypeScript sources. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
/** Resolved here, so the subprocess can run from any directory. */
const TSX = import.meta.resolve("tsx");

/** Variables that would leak the developer's own set-up into a test. */
const SCRUBBED = /^(OPENAI_|RECIPE_FILTERS_|LANGSMITH_|LANGCHAIN_)/;

/** This process's environment without the developer's own model and tracing settings. */
export function scrubbedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => !SCRUBBED.test(entry[0]) && entry[1] !== undefined));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { nodeArgs?: string[]; cwd?: string; /** Called with all of stdout so far, each time more arrives. */ onStdout?: (soFar: string) => void } = {},
): Promise<CliResult> {
  const base = scrubbedEnv();
  const started = performance.now();
  // cwd outside the repo by default, so a developer's .env cannot leak in.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", TSX, MAIN, ...args], {
    cwd: options.cwd ?? "/tmp",
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => {
    stdout += d;
    options.onStdout?.(stdout);
  });
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}
