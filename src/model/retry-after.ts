import { setTimeout as sleep } from "node:timers/promises";
import { BranchFailure, classifyError, describeError, isRetryable } from "./branch-errors.js";

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (headers && typeof headers === "object") {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` (OpenAI's), else
 * `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const ms = Number(headerOf(error, "retry-after-ms"));
  if (headerOf(error, "retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headerOf(error, "retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Called by a branch before it rethrows a failure that will be retried: waits out the
 * server's Retry-After inside the failing attempt, so the next attempt (after LangGraph's own
 * backoff) never starts earlier than asked. A wait that does not fit in what is left of the
 * attempt's timeout is not started: the branch gives up at once, not retryable, instead of
 * sleeping into a timeout.
 */
export async function waitOutRetryAfter(
  error: unknown,
  attempt: { leftMs: number; signal?: AbortSignal },
): Promise<void> {
  if (!isRetryable(error)) return;
  const waitMs = retryAfterMs(error);
  if (waitMs === undefined) return;
  if (waitMs >= attempt.leftMs) {
    throw new BranchFailure(
      classifyError(error),
      `${describeError(error)} — the server asked to retry after ${(waitMs / 1000).toFixed(1)} s, more than the attempt timeout leaves (${Math.max(0, Math.round(attempt.leftMs))} ms); not retried`,
      { cause: error },
    );
  }
  await sleep(waitMs, undefined, { signal: attempt.signal });
}
