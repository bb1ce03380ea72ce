import type { BaseMessage, BaseMessageChunk } from "@langchain/core/messages";
import { ChatOpenAICompletions, type OpenAIClient } from "@langchain/openai";

/**
 * @langchain/openai 1.5's Chat Completions converters drop the `refusal` field OpenAI sets
 * when a model declines to answer in the requested schema (its Responses API converter keeps
 * it), so a refusal would look like an empty answer. This keeps it where the Responses path
 * puts it, `additional_kwargs.refusal`; streamed pieces are concatenated by the usual chunk
 * merge. The two methods are the documented override points of ChatOpenAICompletions;
 * test/fault-matrix.test.ts fails if an upgrade stops calling them.
 */
export class RefusalKeepingCompletions extends ChatOpenAICompletions {
  protected override _convertCompletionsMessageToBaseMessage(
    message: OpenAIClient.ChatCompletionMessage,
    rawResponse: OpenAIClient.ChatCompletion,
  ): BaseMessage {
    const converted = super._convertCompletionsMessageToBaseMessage(message, rawResponse);
    if (typeof message.refusal === "string" && message.refusal)
      converted.additional_kwargs = { ...converted.additional_kwargs, refusal: message.refusal };
    return converted;
  }

  protected override _convertCompletionsDeltaToBaseMessageChunk(
    delta: Record<string, any>,
    rawResponse: OpenAIClient.Chat.Completions.ChatCompletionChunk,
    defaultRole?: OpenAIClient.Chat.ChatCompletionRole,
  ): BaseMessageChunk {
    const chunk = super._convertCompletionsDeltaToBaseMessageChunk(delta, rawResponse, defaultRole);
    if (typeof delta.refusal === "string" && delta.refusal)
      chunk.additional_kwargs = { ...chunk.additional_kwargs, refusal: delta.refusal };
    return chunk;
  }
}
