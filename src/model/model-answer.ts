import type { FilterType, QuotedFilter } from "../filters/filter-type.js";
import { BranchFailure, describeZodIssues } from "./branch-errors.js";
import type { WireAnswer } from "./upstream.js";

/**
 * The most filters one branch accepts from one answer. A query states a handful of
 * conditions per column; an answer with more is broken (a runaway local model), and it is
 * refused as `schema` rather than carried into the result.
 */
export const MAX_FILTERS_PER_ANSWER = 10;

const MAX_QUOTE = 120;
const quote = (text: string) => JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text);

/**
 * The filters in one model answer, each with the words the model quoted for it (grounded next,
 * by evidence-grounding.ts), read and checked in the branch: a refusal, nothing at all,
 * an answer cut off at the token limit, text that is not JSON, JSON that does not fit the
 * filter type's zod schema, or too many conditions each fail with their own kind. Works on
 * both answer shapes (a json_schema reply in `content`, or a tool call), whole or streamed:
 * the answer is what came over the wire (answer-fetch.ts), the tool call's arguments exactly
 * as sent (a streamed answer's parsed `args` come from a lenient partial-JSON parser, which
 * would hide a truncated answer).
 */
export function filtersFromAnswer(answer: WireAnswer, filterType: FilterType<any>): QuotedFilter[] {
  const refusal = answer.refusal.trim();
  if (refusal) throw new BranchFailure("refusal", `the model refused: ${quote(refusal)}`);
  if (answer.finishReason === "content_filter")
    throw new BranchFailure("refusal", "the model's content filter stopped the answer");
  const text = answer.toolArguments ?? answer.content;
  if (text.trim() === "") throw new BranchFailure("empty", "the model answered nothing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cutOff = answer.finishReason === "length";
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
