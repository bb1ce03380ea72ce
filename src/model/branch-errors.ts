import { z } from "zod";
import { PATTERN_REDACTOR, type Redactor } from "../secrets/redact.js";
import type { AnswerTooLargeError } from "./answer-fetch.js";
import { isSdkConnectionError, isSdkTimeout } from "./upstream.js";

/**
 * Why a branch produced no filters (README, "Failure behaviour"). Transport failures first,
 * then failures of the model's answer, then anything else.
 */
/** LangGraph's own test (isNodeTimeoutError), by the error's name: importing it would load all of LangGraph. */
const isNodeTimeoutError = (error: unknown): error is Error & { timeout: number } =>
  (error as Error | undefined)?.name === "NodeTimeoutError";

export const BRANCH_ERROR_KINDS = [
  "rate_limit", // HTTP 429 — retried, honouring Retry-After
  "server", // HTTP 5xx — retried
  "http", // any other HTTP error status (400 bad request, 401 bad key, 404 unknown model) — not retried
  "network", // no HTTP answer: connection refused or reset, DNS failure — retried
  "timeout", // an attempt ran past RECIPE_FILTERS_TIMEOUT_MS; its HTTP request was aborted — not retried
  "too_large", // the answer's body passed the size limit (1 MiB); it was not read further — not retried
  "parse", // the answer is not JSON (or not in the requested tool call)
  "schema", // the answer is JSON that does not match the filter type's answer schema
  "refusal", // the model declined to answer
  "empty", // the model answered nothing
  "unexpected", // anything else: a bug
  // Batch mode only, with branch "input": the line itself could not be used.
  "malformed", // not JSON where JSON was meant, or no string `query`
  "unusable", // a query no extractor can use: blank or too long
] as const;
export type BranchErrorKind = (typeof BRANCH_ERROR_KINDS)[number];

/** The record of a branch that produced no filters because it failed: in the state, the result and the batch output. */
export const BranchErrorSchema = z
  .object({
    branch: z.string().describe("The filter type's branch node that failed."),
    kind: z
      .enum(BRANCH_ERROR_KINDS)
      .describe(`Failure class, one of: ${BRANCH_ERROR_KINDS.join(", ")} (README, "Failure behaviour").`),
    message: z.string().describe("What went wrong, safe to show a user (never contains a key)."),
  })
  .describe("A branch that produced no filters because it failed.");
export type BranchError = z.infer<typeof BranchErrorSchema>;

/** A failure the branch diagnosed itself, with its kind and whether another attempt may help. */
export class BranchFailure extends Error {
  override name = "BranchFailure";
  constructor(
    readonly kind: BranchErrorKind,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
  readonly retryable: boolean;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}

const NETWORK_CODES =
  /^(?:ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

/** The innermost error of a `cause` chain that carries a code: the socket's own words (ECONNREFUSED, other side closed). */
function codedCause(error: unknown, depth = 0): { code: string; message: string } | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  return (
    codedCause(cause, depth + 1) ?? (typeof code === "string" ? { code, message: String(message ?? "") } : undefined)
  );
}

/** The AnswerTooLargeError in an error's cause chain (the SDK wraps what its fetch throws). */
function tooLarge(error: unknown, depth = 0): AnswerTooLargeError | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  if ((error as { name?: unknown }).name === "AnswerTooLargeError") return error as AnswerTooLargeError;
  return tooLarge((error as { cause?: unknown }).cause, depth + 1);
}

export function classifyError(error: unknown): BranchErrorKind {
  if (error instanceof BranchFailure) return error.kind;
  if (tooLarge(error)) return "too_large";
  // The only abort inside a branch is its attempt timeout.
  if (isNodeTimeoutError(error) || isSdkTimeout(error)) return "timeout";
  const status = statusOf(error);
  if (status === 429) return "rate_limit";
  if (status !== undefined) return status >= 500 ? "server" : "http";
  if (isSdkConnectionError(error) || NETWORK_CODES.test(codedCause(error)?.code ?? "")) return "network";
  // The SDK parses json_schema answers itself and throws these two directly.
  if (error instanceof SyntaxError) return "parse";
  if (error instanceof z.core.$ZodError) return "schema";
  return "unexpected";
}

const RETRYABLE = new Set<BranchErrorKind>(["rate_limit", "server", "network"]);

/** Rate limits, server errors and network failures; never a bad request, a timeout or a bad answer. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof BranchFailure) return error.retryable;
  return RETRYABLE.has(classifyError(error));
}

/** What went wrong, as one line: the HTTP status or the socket error included, secrets redacted. */
export function describeError(error: unknown, redactor: Redactor = PATTERN_REDACTOR): string {
  let message = error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  const large = tooLarge(error);
  if (large) message = large.message;
  else if (isNodeTimeoutError(error))
    message = `no answer within ${error.timeout} ms (the attempt timeout); the request was aborted`;
  else if (error instanceof z.core.$ZodError)
    message = `the answer does not match the schema: ${describeZodIssues(error.issues)}`;
  else if (error instanceof SyntaxError) message = `the answer is not JSON (${message})`;
  else if (status !== undefined && !message.startsWith(String(status))) message = `${status} ${message}`;
  else if (status === undefined) {
    const cause = codedCause(error);
    if (cause && !message.includes(cause.code)) message = `${message} (${cause.code}: ${cause.message})`;
  }
  return (
    redactor
      .redact(message)
      // LangChain appends a documentation link to some messages; it is noise in a one-line record.
      .replace(/Troubleshooting URL: \S+/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "(answer)"}: ${issue.message}`).join("; ");
}

/** The error record for a branch whose failure survived its retries; safe to print and to trace. */
export function toBranchError(branch: string, error: unknown, redactor: Redactor = PATTERN_REDACTOR): BranchError {
  const kind = classifyError(error);
  return { branch, kind, message: describeError(error, redactor).slice(0, 500) || kind };
}
