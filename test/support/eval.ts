/**
 * Runs `npm run eval -- args` in this process: eval/program.ts's `main(argv, io)` on an io of
 * the test's own, as runCli does for the CLI (an environment of the test's own, a fresh empty
 * working directory, stdout and stderr collected).
 */
import { main } from "../../eval/program.js";
import { type CliResult, type RunOptions, runInProcess } from "./cli.js";

export function runEval(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  return runInProcess(main, args, env, options);
}
