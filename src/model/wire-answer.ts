/**
 * The answer read off the wire, first choice only: from a whole chat completion, or from a
 * streamed one (SSE), which is scrubbed of secrets event by event on its way to the client
 * (see answer-fetch.ts).
 */
import type { Redactor } from "../secrets/redactor.js";
import { type StreamRedactor, streamRedactor } from "../secrets/stream-redactor.js";
import type { AnswerSlot, WireAnswer } from "./upstream.js";

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

export function answerOfCompletion(json: unknown): WireAnswer | undefined {
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
export function scrubEvents(redactor: Redactor, slot: AnswerSlot | undefined): TransformStream<string, string> {
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
