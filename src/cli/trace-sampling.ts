/**
 * RECIPE_FILTERS_TRACE_EVERY=k: a traced --batch attaches the tracer to one line in k (lines
 * 1, k+1, 2k+1 …), so a large batch costs a k-th of the tracing CPU and upload. Unlike
 * langsmith's own sampling rate, which still builds every run and drops it at upload, the
 * lines left out build no runs at all. Unset or 1: every line is traced, and every trace arrives.
 */
import { SettingsError } from "../settings/operator.js";

export const TRACE_EVERY_VARIABLE = "RECIPE_FILTERS_TRACE_EVERY";

export function traceEveryFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const value = env[TRACE_EVERY_VARIABLE];
  if (value === undefined || value === "") return 1;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new SettingsError(`${TRACE_EVERY_VARIABLE} must be a whole number ≥ 1, not ${JSON.stringify(value)}`);
  return Number(value);
}
