/**
 * Everything this package relies on from @langchain/openai, openai and langgraph-api beyond
 * their typed, documented surface — in one place, each checked by test/upstream-contract.test.ts against
 * the installed versions, so an upgrade that changes one fails that test, not a user's run.
 *
 * 1. ChatOpenAI sends every request through `configuration.fetch`, inside the async context
 *    of `invoke` (streamed or not). The answer is read from the bytes that fetch received
 *    (answer-fetch.ts), not from the converted message: the converters drop a model's
 *    `refusal`, and for json_schema the SDK parses the answer itself (`chat.completions.parse`)
 *    and throws on what it cannot parse (below).
 * 2. The SDK's own answer checks on that path throw a bare SyntaxError ("invalid structured
 *    output JSON", also for an empty answer), a LengthFinishReasonError or a
 *    ContentFilterFinishReasonError. They are recognized by class name, never by `instanceof`
 *    (npm may install a second copy of `openai`) and never by a deep import.
 * 3. Transport failures: the SDK's APIConnectionError (with the socket error as its cause) and
 *    APIConnectionTimeoutError, which @langchain/openai re-throws as plain Errors named
 *    TimeoutError / AbortError; HTTP errors carry a numeric `status` and their `headers`.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The answer as it came over the wire (already scrubbed of secrets), first choice only. */
export interface WireAnswer {
  /** The message content (a json_schema answer), joined from its deltas when streamed. */
  content: string;
  /** The first tool call's arguments, exactly as sent; undefined when there was no tool call. */
  toolArguments: string | undefined;
  refusal: string;
  finishReason: string | undefined;
}

/** Where one model call's fetch leaves what it received. */
export interface AnswerSlot {
  answer?: WireAnswer;
}

const slots = new AsyncLocalStorage<AnswerSlot>();

/** Runs one model call with a slot its fetch fills (contract 1). */
export function withAnswerSlot<T>(slot: AnswerSlot, call: () => Promise<T>): Promise<T> {
  return slots.run(slot, call);
}

/** The slot of the model call this fetch belongs to, if any. Read when the request is sent. */
export const currentAnswerSlot = (): AnswerSlot | undefined => slots.getStore();

const className = (error: unknown): string | undefined =>
  error && typeof error === "object" ? (error.constructor as { name?: string } | undefined)?.name : undefined;

const SDK_ANSWER_CHECKS = new Set(["LengthFinishReasonError", "ContentFilterFinishReasonError"]);

/** The SDK refused the answer itself, after the whole response arrived (contract 2). */
export function isSdkAnswerCheck(error: unknown): boolean {
  return SDK_ANSWER_CHECKS.has(className(error) ?? "") || className(error) === "SyntaxError";
}

/** An attempt timeout or abort, as the SDK or @langchain/openai throws it (contract 3). */
export function isSdkTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return className(error) === "APIConnectionTimeoutError" || name === "TimeoutError" || name === "AbortError";
}

/** No HTTP answer at all (contract 3). */
export const isSdkConnectionError = (error: unknown): boolean => className(error) === "APIConnectionError";

/**
 * 4. What the LangGraph API server passes a graph factory (graphs/recipe-filters.ts) as its
 *    second argument: the run's context when it is about to run one, null when it only reads
 *    the graph. langgraph-api declares this as `ServerRuntime` in a module it does not export
 *    (dist/graph/load.utils.d.mts), so it is written down here.
 */
export interface ServerRuntime<Context> {
  executionRuntime?: { context?: Context } | null;
}
