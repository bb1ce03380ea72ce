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
import { type StreamRedactor, streamRedactor } from "../secrets/stream-redactor.js";
import { type AnswerSlot, currentAnswerSlot, type WireAnswer } from "./upstream.js";

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

interface Choice {
  message?: { content?: unknown; refusal?: unknown; tool_calls?: { function?: { arguments?: unknown } }[] };
  delta?: {
    content?: unknown;
    refusal?: unknown;
    tool_calls?: { index?: number; function?: { arguments?: unknown } }[];
  };
  finish_reason?: unknown;
  index?: number;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

function answerOfCompletion(json: unknown): WireAnswer | undefined {
  const choice = (json as { choices?: Choice[] } | null)?.choices?.[0];
  if (!choice) return undefined;
  const toolArguments = choice.message?.tool_calls?.[0]?.function?.arguments;
  return {
    content: str(choice.message?.content),
    toolArguments: choice.message?.tool_calls?.length ? str(toolArguments) : undefined,
    refusal: str(choice.message?.refusal),
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : undefined,
  };
}

/** The blank line that ends an SSE event. */
const EVENT_END = /\r?\n\r?\n/;

/** The streamed texts of one choice, each with its own held-back tail. */
interface ChoiceTexts {
  content: StreamRedactor;
  refusal: StreamRedactor;
  toolArguments: Map<number, StreamRedactor>;
}

/**
 * The SSE events of a streamed chat completion, scrubbed one whole event at a time (however
 * the network cut them). A choice's texts are released as they become safe; what is held back
 * is added to the choice's finishing event, or to an event of its own before the stream ends.
 */
function scrubEvents(redactor: Redactor, slot: AnswerSlot | undefined): TransformStream<string, string> {
  let pending = "";
  const choices = new Map<number, ChoiceTexts>();
  const answer: WireAnswer = { content: "", toolArguments: undefined, refusal: "", finishReason: undefined };
  let template: Record<string, unknown> = { object: "chat.completion.chunk" };
  if (slot) slot.answer = answer;

  const textsOf = (index: number) => {
    let texts = choices.get(index);
    if (!texts) {
      texts = { content: streamRedactor(redactor), refusal: streamRedactor(redactor), toolArguments: new Map() };
      choices.set(index, texts);
    }
    return texts;
  };
  const record = (index: number, field: "content" | "refusal" | "toolArguments", text: string) => {
    if (index !== 0 || !text) return;
    if (field === "toolArguments") answer.toolArguments = (answer.toolArguments ?? "") + text;
    else answer[field] += text;
  };
  /** Everything a choice still holds back, as a delta. */
  const release = (index: number, delta: NonNullable<Choice["delta"]>) => {
    const texts = choices.get(index);
    if (!texts) return;
    choices.delete(index);
    const content = texts.content.flush();
    const refusal = texts.refusal.flush();
    if (content) delta.content = str(delta.content) + content;
    if (refusal) delta.refusal = str(delta.refusal) + refusal;
    record(index, "content", content);
    record(index, "refusal", refusal);
    for (const [toolIndex, redact] of texts.toolArguments) {
      const rest = redact.flush();
      if (!rest) continue;
      delta.tool_calls ??= [];
      const call = delta.tool_calls.find((c) => c.index === toolIndex);
      if (call) call.function = { ...call.function, arguments: str(call.function?.arguments) + rest };
      else delta.tool_calls.push({ index: toolIndex, function: { arguments: rest } });
      record(index, "toolArguments", rest);
    }
  };
  const releaseAll = (): string => {
    let out = "";
    for (const index of [...choices.keys()]) {
      const delta: NonNullable<Choice["delta"]> = {};
      release(index, delta);
      if (Object.keys(delta).length > 0)
        out += `data: ${JSON.stringify({ ...template, choices: [{ index, delta, finish_reason: null }] })}\n\n`;
    }
    return out;
  };
  const scrubChunk = (chunk: Record<string, unknown>) => {
    const { choices: list, ...rest } = chunk as { choices?: Choice[] };
    template = { ...rest, usage: undefined };
    for (const choice of list ?? []) {
      const index = choice.index ?? 0;
      choice.delta ??= {};
      const delta = choice.delta;
      const texts = textsOf(index);
      if (typeof delta.content === "string") {
        const released = texts.content.push(delta.content);
        delta.content = released;
        record(index, "content", released);
      }
      if (typeof delta.refusal === "string") {
        const released = texts.refusal.push(delta.refusal);
        delta.refusal = released;
        record(index, "refusal", released);
      }
      for (const call of delta.tool_calls ?? []) {
        if (typeof call.function?.arguments !== "string") continue;
        const toolIndex = call.index ?? 0;
        const redact = texts.toolArguments.get(toolIndex) ?? streamRedactor(redactor);
        texts.toolArguments.set(toolIndex, redact);
        const released = redact.push(call.function.arguments);
        call.function.arguments = released;
        record(index, "toolArguments", released);
      }
      if (choice.finish_reason != null) {
        release(index, delta);
        if (index === 0) answer.finishReason = String(choice.finish_reason);
      }
    }
    // Whatever else the chunk carries (ids, an error object) is scrubbed as any JSON value is.
    return JSON.stringify(redactor.redactDeep(chunk));
  };
  const scrubEvent = (event: string): string => {
    const lines = event.split(/\r?\n/);
    let out = "";
    for (const line of lines) {
      const data = /^data: ?(.*)$/.exec(line)?.[1];
      if (data === undefined) {
        out += `${redactor.redact(line)}\n`;
        continue;
      }
      if (data.trim() === "[DONE]") {
        out += `${releaseAll()}${line}\n`;
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        out += `${redactor.redact(line)}\n`;
        continue;
      }
      out +=
        json && typeof json === "object" && !Array.isArray(json)
          ? `data: ${scrubChunk(json as Record<string, unknown>)}\n`
          : `data: ${JSON.stringify(redactor.redactDeep(json))}\n`;
    }
    return out;
  };
  return new TransformStream({
    transform(text, controller) {
      pending += text;
      // Whole events only: a secret cut by a network chunk boundary is whole again here.
      for (let end = EVENT_END.exec(pending); end; end = EVENT_END.exec(pending)) {
        controller.enqueue(`${scrubEvent(pending.slice(0, end.index))}\n`);
        pending = pending.slice(end.index + end[0].length);
      }
    },
    flush(controller) {
      if (pending) controller.enqueue(scrubEvent(pending));
      const rest = releaseAll();
      if (rest) controller.enqueue(rest);
    },
  });
}
