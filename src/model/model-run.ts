import type { Redactor } from "../secrets/redactor.js";

/** Where the chat model is asked when the operator names no OpenAI-compatible server. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** What the chat model is built from: the run's model and endpoint, and the operator's key. */
export interface ModelSettings {
  model: string;
  /** The full endpoint URL, credentials included; never traced or shown. */
  baseUrl: string;
  apiKey?: string;
  temperature: number;
}

/** One run's model call, as the edge decided it, with the attempt's bounds. */
export interface ModelRun extends ModelSettings {
  /** The attempt timeout; the HTTP request is aborted when it passes. */
  timeoutMs: number;
  /** How many attempts follow a failed one; a server's Retry-After is waited out only when one does. */
  maxRetries: number;
  /**
   * Further secrets to cut out of every answer and error, beside the key and the endpoint's
   * credentials (which the model client always cuts out: it is the one sending them).
   */
  redactor?: Redactor;
}
