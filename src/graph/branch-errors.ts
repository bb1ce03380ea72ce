import { isNodeTimeoutError } from "@langchain/langgraph";
import type { BranchError } from "./state.js";

/** Anything that looks like an API key is cut out of messages before they are shown or stored. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of [env.OPENAI_API_KEY, env.LANGSMITH_API_KEY, env.LANGCHAIN_API_KEY]) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out.replace(/\b(?:sk|lsv2|ls)[-_][A-Za-z0-9_*-]{8,}/g, "[redacted]");
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === "number" ? status : undefined;
}

const NETWORK_CODES = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR|socket hang up|terminated|fetch failed/i;

/** What kind of failure this is, for the error record and for the retry decision. */
export function classifyError(error: unknown): BranchError["kind"] {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } } | undefined;
  if (isNodeTimeoutError(error) || e?.name === "APIConnectionTimeoutError" || e?.name === "TimeoutError") return "timeout";
  if (e?.name === "AbortError") return "timeout";
  const status = statusOf(error);
  if (status !== undefined) return "http";
  if (e?.name === "APIConnectionError" || NETWORK_CODES.test(`${e?.code ?? ""} ${e?.cause?.code ?? ""} ${e?.message ?? ""}`)) return "network";
  if (e?.name === "OutputParserException" || /JSON|parse/i.test(e?.message ?? "")) return "parse";
  if (e?.name === "ZodError" || /schema|validation/i.test(e?.message ?? "")) return "schema";
  if (e?.name === "EmptyAnswerError") return "empty";
  if (/refus/i.test(e?.message ?? "")) return "refusal";
  return "unexpected";
}

/** Retry only what a second attempt can fix: rate limits, server errors, network failures. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  return classifyError(error) === "network";
}

export function toBranchError(branch: string, error: unknown): BranchError {
  const kind = classifyError(error);
  const status = statusOf(error);
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(status !== undefined && !raw.startsWith(String(status)) ? `${status} ${raw}` : raw);
  return { branch, kind, message: message.replace(/\s+/g, " ").trim().slice(0, 500) || kind };
}
