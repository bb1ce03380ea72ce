/**
 * The fetch the chat model client uses: every byte from the model server passes here first.
 * - Secrets are scrubbed where they come in — from JSON bodies (every string value, so an
 *   escaped spelling is caught too), from SSE streams (each event, with a streamed text's tail
 *   held back while it could still become a secret, see stream-redactor.ts), from headers and
 *   from the messages of network errors — so no error, message or output object built from
 *   them ever holds a key: not the branch's error, not LangGraph's task record, not a trace.
 * - At most `maxBytes` of (decompressed) body are read: a 200 MB answer or a gzip bomb fails
 *   fast as AnswerTooLargeError instead of growing the process.
 * - What the server answered is left in the call's answer slot (upstream.ts), where the branch
 *   reads it.
 */
import type { Redactor } from "../secrets/redactor.js";
import { currentAnswerSlot } from "./upstream.js";
import { answerOfCompletion, scrubEvents } from "./wire-answer.js";

/**
 * One branch's answer is under 512 tokens (model-family.ts): a few kB as JSON, tens of kB as
 * an SSE stream. 1 MiB is far past any honest answer and far below what hurts the process.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export class AnswerTooLargeError extends Error {
  override name = "AnswerTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${limitBytes} bytes and was not read further`);
  }
}

export interface AnswerFetchOptions {
  /** The fetch that sends (adds the endpoint's credentials); the global one by default. */
  send?: typeof fetch;
  redactor: Redactor;
  maxBytes?: number;
}

export function answerFetch(options: AnswerFetchOptions): typeof fetch {
  const send = options.send ?? fetch;
  const { redactor } = options;
  const maxBytes = options.maxBytes ?? MAX_ANSWER_BYTES;
  return async (input, init) => {
    const slot = currentAnswerSlot();
    let response: Response;
    try {
      response = await send(input, init);
    } catch (error) {
      throw scrubError(error, redactor);
    }
    const headers = new Headers();
    for (const [name, value] of response.headers) headers.set(name, redactor.redact(value));
    // The body handed on is decoded already.
    headers.delete("content-encoding");
    headers.delete("content-length");
    const init_ = { status: response.status, statusText: redactor.redact(response.statusText), headers };
    if (!response.body) return new Response(null, init_);
    const limited = response.body.pipeThrough(byteLimit(maxBytes));
    if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) {
      const events = limited
        .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
        .pipeThrough(scrubEvents(redactor, response.ok ? slot : undefined))
        .pipeThrough(new TextEncoderStream());
      return new Response(events, init_);
    }
    let text: string;
    try {
      text = await new Response(limited).text();
    } catch (error) {
      throw scrubError(error, redactor);
    }
    const body = scrubBody(text, redactor);
    if (slot && response.ok && body.json !== undefined) slot.answer = answerOfCompletion(body.json);
    return new Response(body.text, init_);
  };
}

/** Counts bytes as they arrive and errors the stream at the limit, cancelling the rest. */
function byteLimit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new AnswerTooLargeError(maxBytes));
      else controller.enqueue(chunk);
    },
  });
}

/** A JSON body with every string value scrubbed (re-serialized only when one changed); other text as text. */
function scrubBody(text: string, redactor: Redactor): { text: string; json?: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { text: redactor.redact(text) };
  }
  const scrubbed = redactor.redactDeep(json);
  return { text: scrubbed === json ? text : JSON.stringify(scrubbed), json: scrubbed };
}

/** An error's message, and those of its causes, scrubbed in place (the error itself is kept: it is classified). */
function scrubError(error: unknown, redactor: Redactor): unknown {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (redactor.mayHold(e.message)) e.message = redactor.redact(e.message);
  return error;
}
