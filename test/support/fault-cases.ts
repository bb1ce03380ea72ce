/**
 * The fault matrix: one case per failure kind the OpenAI-compatible stand-in can produce.
 * In every case only the cost branch gets the fault; the time branch answers normally, so
 * its filter must survive. Shared by the in-process matrix and the CLI matrix.
 */
import { FILTER_TYPES } from "../../src/filters/index.js";
import type { BranchErrorKind } from "../../src/model/branch-errors.js";
import { answerLikeTheExtractor, type ChatRequest, type Reply } from "../../stand-ins/openai-server.js";

export const FAULT_QUERY = "10分以内に500円未満で作れる料理教えて";
/** What the healthy branch still returns, with the words its answer quoted, located in the query. */
export const SURVIVING_FILTER = {
  column: "cooking_time_min",
  operator: "<=",
  value: 10,
  evidence: { start: 0, end: 5, text: "10分以内" },
};
export const FAILING_BRANCH = "cooking_cost";
const FAILING_SCHEMA = "cooking_cost_yen_conditions";

export interface FaultCase {
  name: string;
  reply: Reply;
  kind: BranchErrorKind;
  /** Is the failure retried (so the server sees 1 + maxRetries attempts)? */
  retried: boolean;
  message: RegExp;
}

export const FAULT_CASES: FaultCase[] = [
  { name: "HTTP 5xx", reply: { status: 503 }, kind: "server", retried: true, message: /^503 / },
  {
    name: "429 with Retry-After",
    // OpenAI sends both headers; retry-after-ms is the precise one and wins.
    reply: { status: 429, headers: { "retry-after": "1", "retry-after-ms": "20" } },
    kind: "rate_limit",
    retried: true,
    message: /^429 /,
  },
  {
    name: "a server that never answers",
    reply: { hang: true },
    kind: "timeout",
    retried: false,
    message: /^no answer within 1500 ms \(the attempt timeout\); the request was aborted$/,
  },
  {
    name: "a reset connection",
    reply: { reset: true },
    kind: "network",
    retried: true,
    message: /Connection error.*other side closed/,
  },
  {
    name: "malformed JSON",
    reply: { content: '{"conditions": [{"operator": "<", ' },
    kind: "parse",
    retried: false,
    message: /not JSON/,
  },
  {
    name: "an answer failing the schema",
    reply: { json: { conditions: [{ evidence: "500円未満", operator: "between", value: "five hundred" }] } },
    kind: "schema",
    retried: false,
    message: /does not match the schema: conditions\.0\.operator: .*conditions\.0\.value: /,
  },
  {
    name: "a refusal",
    reply: { refusal: "I can't help with that." },
    kind: "refusal",
    retried: false,
    message: /refused: "I can't help with that\."/,
  },
  {
    name: "an answer cut off at the token limit",
    reply: { content: '{"conditions": [{"operator": "<", "value": 5', finishReason: "length" },
    kind: "parse",
    retried: false,
    message: /cut off at the token limit/,
  },
  { name: "an empty answer", reply: { content: "" }, kind: "empty", retried: false, message: /answered nothing/ },
];

/** A responder: the failing branch gets `fault()`, every other branch a correct answer. */
export function faultOnCostBranch(fault: () => Reply): (req: ChatRequest) => Reply {
  const healthy = answerLikeTheExtractor(FILTER_TYPES);
  return (req) => (req.schemaName === FAILING_SCHEMA ? fault() : healthy(req));
}

export const isFailingBranchRequest = (req: ChatRequest) => req.schemaName === FAILING_SCHEMA;

/**
 * A server that echoes the caller's key back: the failing branch gets a 401 quoting it (as
 * OpenAI's does), every other branch a refusal quoting it. Whatever reaches a trace, a log or a
 * message from here must come out redacted.
 */
export const echoKeyOnFailingBranch = (req: ChatRequest): Reply => {
  const key = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
  return isFailingBranchRequest(req)
    ? {
        status: 401,
        body: {
          error: {
            message: `Incorrect API key provided: ${key}. You can find your API key at https://example.invalid.`,
            type: "invalid_request_error",
          },
        },
      }
    : { refusal: `I will not use the key ${key}` };
};

/**
 * An answer far past any sane size (≈ 120 kB): refused as `schema`, never accepted. Through
 * the CLI with tracing on, a run this large is serialized on an unref'd worker; the CLI holds
 * the process open until its result, exit code and flush are done (src/cli/process-lifetime.ts).
 */
export const OVERSIZED_ANSWER_CASE: FaultCase = {
  name: "an answer with thousands of conditions",
  reply: {
    json: { conditions: Array.from({ length: 5000 }, () => ({ evidence: "500円未満", operator: "<", value: 500 })) },
  },
  kind: "schema",
  retried: false,
  message: /holds 5000 conditions; at most 10 are accepted/,
};

/**
 * Answers past the size limit on the bytes read per answer (src/model/answer-fetch.ts): an
 * endless body, a gzip bomb (a few kB on the wire, endless once decoded) and an answer of
 * 3 MiB. Each fails fast as `too_large`, read no further than the limit.
 */
export const OVERSIZED_BODY_CASES: FaultCase[] = (
  [
    { name: "an endless body", reply: { flood: "endless" } },
    { name: "a gzip bomb", reply: { flood: "endless", gzip: true } },
    { name: "a 3 MiB answer", reply: { content: "a".repeat(3 * 1024 * 1024), chunkChars: 64 * 1024 } },
  ] as const
).map((c) => ({ ...c, kind: "too_large", retried: false, message: /larger than 1048576 bytes/ }));
