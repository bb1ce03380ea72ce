import type { RetryPolicy } from "@langchain/langgraph";
import { isRetryable } from "../model/branch-errors.js";

/**
 * The retry decision. LangGraph's per-node RetryPolicy runs the attempts (exponential backoff,
 * jitter); this module says which failures are worth another attempt. A server's Retry-After,
 * which RetryPolicy cannot read (its interval is fixed), is honoured by the model seam
 * (src/model/retry-after.ts).
 */

export { isRetryable };

export interface RetrySettings {
  maxRetries: number;
  initialIntervalMs: number;
  maxIntervalMs: number;
  /** LangGraph adds up to 1 s at random to every interval. */
  jitter: boolean;
}

export function retryPolicy(settings: RetrySettings): RetryPolicy {
  return {
    maxAttempts: settings.maxRetries + 1,
    initialInterval: settings.initialIntervalMs,
    backoffFactor: 2,
    maxInterval: settings.maxIntervalMs,
    jitter: settings.jitter,
    retryOn: isRetryable,
    logWarning: false,
  };
}
