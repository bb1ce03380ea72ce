import type { BaseMessage } from "@langchain/core/messages";
import type { Filter, FilterType } from "../filters/filter-type.js";
import { BranchFailure, describeZodIssues } from "./branch-errors.js";

/**
 * The most filters one branch accepts from one answer. A query states a handful of
 * conditions per column; an answer with more is broken (a runaway local model), and it is
 * refused as `schema` rather than carried into the result.
 */
export const MAX_FILTERS_PER_ANSWER = 10;

const MAX_QUOTE = 120;
const quote = (text: string) => JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text);

function textOf(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content
    .map((part) => (typeof part === "string" ? part : "text" in part && typeof part.text === "string" ? part.text : ""))
    .join("");
}

/**
 * The refusal a model sent instead of an answer. Chat Completions puts it in
 * `message.refusal` (streamed: `delta.refusal`, which the chunk merge concatenates); the
 * client keeps it only in the raw response (chat-model.ts). The Responses API converter
 * puts it in `additional_kwargs.refusal`.
 */
function refusalOf(message: BaseMessage): string {
  const choice = rawChoice(message);
  const refusal = message.additional_kwargs.refusal ?? choice?.message?.refusal ?? choice?.delta?.refusal;
  return typeof refusal === "string" ? refusal.trim() : "";
}

interface RawChoice {
  message?: { refusal?: unknown };
  delta?: { refusal?: unknown };
  finish_reason?: unknown;
}

/** The first choice of the raw Chat Completions response (streamed: the merged chunks), when the client kept it. */
const rawChoice = (message: BaseMessage): RawChoice | undefined =>
  (message.additional_kwargs as { __raw_response?: { choices?: RawChoice[] } }).__raw_response?.choices?.[0];

/** "length" when the token limit ended the answer. A streamed answer has it only in the raw response. */
const finishReasonOf = (message: BaseMessage) =>
  (message.response_metadata as { finish_reason?: unknown }).finish_reason ?? rawChoice(message)?.finish_reason;

/**
 * The filters in one model answer, read and checked in the branch: a refusal, nothing at all,
 * an answer cut off at the token limit, text that is not JSON, JSON that does not fit the
 * filter type's zod schema, or too many conditions each fail with their own kind. Works on
 * both answer shapes (a json_schema reply in `content`, or a tool call), whole or streamed.
 */
export function filtersFromAnswer(message: BaseMessage, filterType: FilterType<any>): Filter[] {
  const refusal = refusalOf(message);
  if (refusal) throw new BranchFailure("refusal", `the model refused: ${quote(refusal)}`);

  // The tool call's arguments exactly as sent: the parsed `tool_calls[].args` of a streamed
  // answer come from a lenient partial-JSON parser, which would hide a truncated answer.
  const toolCall = (message.additional_kwargs?.tool_calls as { function?: { arguments?: unknown } }[] | undefined)?.[0];
  const text = toolCall ? String(toolCall.function?.arguments ?? "") : textOf(message.content);
  if (text.trim() === "") throw new BranchFailure("empty", "the model answered nothing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cutOff = finishReasonOf(message) === "length";
    throw new BranchFailure(
      "parse",
      cutOff
        ? `the answer was cut off at the token limit and is not JSON: ${quote(text)}`
        : `the answer is not JSON (${(error as Error).message}): ${quote(text)}`,
    );
  }
  const checked = filterType.answerSchema.safeParse(value);
  if (!checked.success)
    throw new BranchFailure(
      "schema",
      `the answer does not match the schema: ${describeZodIssues(checked.error.issues)}`,
    );
  const filters = filterType.toFilters(checked.data);
  if (filters.length > MAX_FILTERS_PER_ANSWER)
    throw new BranchFailure(
      "schema",
      `the answer holds ${filters.length} conditions; at most ${MAX_FILTERS_PER_ANSWER} are accepted`,
    );
  return filters;
}
