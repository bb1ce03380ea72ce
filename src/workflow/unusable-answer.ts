import type { BaseMessage } from "@langchain/core/messages";
import type { z } from "zod";
import { BranchFailure, describeZodIssues } from "./branch-errors.js";

const MAX_QUOTE = 120;
const quote = (text: string) => JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text);

function textOf(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content
    .map((part) => (typeof part === "string" ? part : "text" in part && typeof part.text === "string" ? part.text : ""))
    .join("");
}

/**
 * Why the model's raw answer gave no structured value: a refusal, nothing at all, text that
 * is not JSON, or JSON that does not fit the schema. Works on both answer shapes ChatOpenAI
 * asks for (a json_schema reply in `content`, or a tool call).
 */
export function unusableAnswer(raw: BaseMessage, schema: z.ZodType): BranchFailure {
  const refusal = raw.additional_kwargs?.refusal;
  if (typeof refusal === "string" && refusal.trim())
    return new BranchFailure("refusal", `the model refused: ${quote(refusal.trim())}`);

  // The tool call's arguments exactly as sent: the parsed `tool_calls[].args` of a streamed
  // answer come from a lenient partial-JSON parser, which would hide a truncated answer.
  const sentToolCall = (raw.additional_kwargs?.tool_calls as { function?: { arguments?: unknown } }[] | undefined)?.[0];
  const text = sentToolCall ? String(sentToolCall.function?.arguments ?? "") : textOf(raw.content);
  if (text.trim() === "") return new BranchFailure("empty", "the model answered nothing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new BranchFailure("parse", `the answer is not JSON (${(error as Error).message}): ${quote(text)}`);
  }
  const checked = schema.safeParse(value);
  if (!checked.success)
    return new BranchFailure(
      "schema",
      `the answer does not match the schema: ${describeZodIssues(checked.error.issues)}`,
    );
  // The parser rejected an answer that the schema accepts: a bug on our side, not the model's.
  return new BranchFailure("unexpected", "the structured-output parser gave no value for a valid answer");
}
