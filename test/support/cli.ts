/**
 * Runs the CLI as a user would and collects what it writes. By default in this process:
 * `main(argv, io)` with an io of the test's own — stdin from `input`, stdout and stderr
 * collected, an environment of the test's own, a fresh empty working directory (no
 * developer's .env), and signals the test sends itself — so an assertion costs no process
 * start. With `script` or `nodeArgs`, in a real subprocess from the TypeScript sources (for
 * another entry point, such as the eval runner, or what only a real process shows).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { CliIo, StopSignal } from "../../src/cli/io.js";
import { main } from "../../src/cli/program.js";
import { CALLERS_OWN_SETTINGS } from "./isolated-env.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The CLI's real entry point, for the end-to-end tests that need a process of its own. */
export const MAIN = fileURLToPath(new URL("../../src/cli/bin.ts", import.meta.url));
/** Resolved here, so the subprocess can run from any directory. */
export const TSX = import.meta.resolve("tsx");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** What `onStdout` may do to the running CLI: send it a stop signal, as a terminal or a supervisor would. */
export interface RunningCli {
  kill(signal: StopSignal): unknown;
}

export interface RunOptions {
  /** Run the CLI's real entry point (bin.ts) in a subprocess. */
  subprocess?: boolean;
  /** Node options (in a subprocess). */
  nodeArgs?: string[];
  /** The working directory (default: a fresh empty one). */
  cwd?: string;
  /** Written to standard input (otherwise stdin is empty and closed). */
  input?: string;
  /** The entry point to run, in a subprocess, instead of the CLI. */
  script?: string;
  /** Called with all of stdout so far, each time more arrives (and the running CLI, e.g. to signal it). */
  onStdout?: (soFar: string, cli: RunningCli) => void;
  /** Called with all of stderr so far, each time more arrives (in-process). */
  onStderr?: (soFar: string, cli: RunningCli) => void;
  /** In-process: a stdout whose every write throws, for the "anything unexpected" exit path. */
  brokenStdout?: boolean;
  /** In-process: which of stdout and stderr say they are a terminal (default: neither). */
  tty?: { stdout?: boolean; stderr?: boolean };
}

/** The environment a test run gets: the developer's own settings removed, `env` added. */
export function scrubbedEnv(env: Record<string, string> = {}): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => !CALLERS_OWN_SETTINGS.test(entry[0]) && entry[1] !== undefined,
    ),
  );
  return { ...base, ...env };
}

let emptyDir: string | undefined;
const freshCwd = () => (emptyDir ??= mkdtempSync(join(tmpdir(), "recipe-filters-cwd-")));

export function runCli(args: string[], env: Record<string, string> = {}, options: RunOptions = {}): Promise<CliResult> {
  return options.subprocess || options.script || options.nodeArgs
    ? runProcess(args, env, options)
    : runInProcess(main, args, env, options);
}

/** A program's `main(argv, io)`, as src/cli/program.ts and eval/program.ts export it. */
export type ProgramMain = (argv: string[], io: CliIo) => Promise<number>;

/** Runs `program` in this process on an io of the test's own (see runCli). */
export async function runInProcess(
  program: ProgramMain,
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  const started = performance.now();
  const signals = new EventEmitter();
  // A real signal arrives between two turns of the event loop, never inside a write call.
  const running: RunningCli = { kill: (signal) => setImmediate(() => signals.emit(signal, signal)) };
  let stdout = "";
  let stderr = "";
  const collect = (onText: (text: string) => void, isTTY = false) =>
    Object.assign(
      new Writable({
        highWaterMark: 1 << 20,
        write(chunk: Buffer | string, _encoding, done) {
          onText(String(chunk));
          done();
        },
      }),
      { isTTY },
    );
  const io: CliIo = {
    stdin: Object.assign(Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]), {
      isTTY: false,
    }),
    stdout: collect((text) => {
      stdout += text;
      options.onStdout?.(stdout, running);
    }, options.tty?.stdout),
    stderr: collect((text) => {
      stderr += text;
      options.onStderr?.(stderr, running);
    }, options.tty?.stderr),
    env: scrubbedEnv(env),
    cwd: options.cwd ?? freshCwd(),
    signals,
  };
  if (options.brokenStdout)
    io.stdout.write = () => {
      throw new Error("simulated stdout failure");
    };
  // As bin.ts does: the tracing client's timers are unref'd, and a test file's process would
  // otherwise end while the CLI still awaits them.
  const hold = setInterval(() => undefined, 60_000);
  try {
    // Arguments reach a process as bytes: a lone surrogate arrives as U+FFFD, as it does here.
    const code = await program(
      args.map((arg) => Buffer.from(arg, "utf8").toString("utf8")),
      io,
    );
    return { code, stdout, stderr, ms: performance.now() - started };
  } finally {
    clearInterval(hold);
  }
}

function runProcess(args: string[], env: Record<string, string>, options: RunOptions): Promise<CliResult> {
  const started = performance.now();
  // cwd outside the repo by default, so a developer's .env cannot leak in.
  const child: ChildProcess & { stdin: NonNullable<ChildProcess["stdin"]> } = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", TSX, options.script ?? MAIN, ...args],
    { cwd: options.cwd ?? freshCwd(), env: scrubbedEnv(env), stdio: ["pipe", "pipe", "pipe"] },
  ) as ChildProcess & { stdin: NonNullable<ChildProcess["stdin"]> };
  child.stdin.end(options.input);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d) => {
    stdout += d;
    options.onStdout?.(stdout, child);
  });
  child.stderr?.setEncoding("utf8").on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })),
  );
}
