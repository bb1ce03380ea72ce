import { z } from "zod";
import { type Bound, extractBounds } from "../language/bounds.js";
import { normalizeQuery, numbersIn } from "../language/numerals.js";
import type { Filter, Operator } from "./filter.js";

export { type Filter, OPERATORS, type Operator } from "./filter.js";

/**
 * What one filter type declares. Everything about a type lives in its own file under
 * `src/filters/`; the graph builds one branch node per entry of the registry and knows
 * nothing else about it.
 */
export interface FilterType<Answer = unknown> {
  /** Branch node name in the graph (and `branch` in error records). */
  readonly name: string;
  /** The metadata column the filters apply to. */
  readonly column: string;
  /** Human-readable unit, e.g. "minutes". */
  readonly unit: string;
  /** One line for README tables and Studio. */
  readonly description: string;
  /** Operators this column accepts, in the order filters are sorted. */
  readonly operators: readonly Operator[];
  /** Values outside this range are rejected as implausible (numeric types only). */
  readonly range?: { readonly min: number; readonly max: number };
  /** Allowed values (string types only). */
  readonly values?: readonly string[];
  /** The schema the LLM answers in; also the tool / json_schema name below. */
  readonly answerSchema: z.ZodType<Answer>;
  readonly answerName: string;
  /** System prompt for this type's LLM call. */
  readonly prompt: string;
  /** Turns the LLM's structured answer into filters on this type's column. */
  toFilters(answer: Answer): Filter[];
  /** The inverse of `toFilters`: the answer a perfect model would give (the test stand-in model and the benchmark use it). */
  toAnswer(filters: Filter[]): Answer;
  /** Deterministic, network-free extractor: the no-key path and the reference. */
  extractOffline(query: string): Filter[];
  /** Values the query states for this column (after normalization); a filter whose value is not among them is ungrounded. */
  groundingValues(query: string): (number | string)[];
}

/** The bound words of filter-semantics.md for each operator, as the answer schema describes them. */
const OPERATOR_WORDS: Record<Operator, string> = {
  "=": "= for exactly the stated number",
  "<=": "<= for 以内/以下/まで/within/at most/up to",
  "<": "< for 未満/under/less than",
  ">=": ">= for 以上/at least",
  ">": "> for 超/more than",
};

const numericConditionSchema = (operators: readonly Operator[], unit: string, bare: Operator) =>
  z.object({
    operator: z
      .enum(operators as [Operator, ...Operator[]])
      .describe(
        `The comparison the query asks for: ${operators.map((o) => OPERATOR_WORDS[o]).join(", ")}; ${bare} when the number has no bound word.`,
      ),
    value: z.number().describe(`The number stated in the query, converted to ${unit}.`),
  });

export interface NumericFilterTypeSpec {
  name: string;
  column: string;
  unit: string;
  description: string;
  operators: readonly Operator[];
  range: { min: number; max: number };
  prompt: string;
  /** Rewrites every spelling of this quantity in a normalized query as "<number><symbol>". */
  canonicalize(normalizedQuery: string): string;
  /** The canonical unit symbol `canonicalize` writes, e.g. "分". */
  symbol: string;
  /** Text right after a quantity that means it is not this column at all (e.g. "クッキング" in 3分クッキング). */
  notThisColumn?: RegExp;
  /**
   * The operator a quantity with no bound word means: `<=` (the default) for a time or a
   * cost ("丼もの 15分"), `=` for a count such as servings ("2人分"). Must be in `operators`.
   */
  bareOperator?: Operator;
  /** Phrases that imply a bound without a number, e.g. ワンコイン → <= 500. */
  fixedPhrases?: { pattern: RegExp; operator: Operator; value: number }[];
}

/** A filter type whose value is a number compared with one of `operators`. */
export function defineNumericFilterType(
  spec: NumericFilterTypeSpec,
): FilterType<{ conditions: { operator: Operator; value: number }[] }> {
  const bare = spec.bareOperator ?? "<=";
  if (!spec.operators.includes(bare))
    throw new Error(`${spec.name}: bare operator ${bare} is not one of its operators`);
  const answerSchema = z
    .object({
      conditions: z
        .array(numericConditionSchema(spec.operators, spec.unit, bare))
        .describe(`Conditions on ${spec.column}. Empty when the query states no number for it.`),
    })
    .describe(`Filter conditions on ${spec.column} (${spec.unit}) found in a recipe-search query.`);
  const canonical = (query: string) => spec.canonicalize(normalizeQuery(query));
  const phrases = (text: string) => (spec.fixedPhrases ?? []).filter((p) => p.pattern.test(text));
  const asFilter = ({ operator, value }: Bound): Filter => ({ column: spec.column, operator, value });
  return {
    name: spec.name,
    column: spec.column,
    unit: spec.unit,
    description: spec.description,
    operators: spec.operators,
    range: spec.range,
    prompt: spec.prompt,
    answerSchema,
    answerName: `${spec.column}_conditions`,
    toFilters: (answer) => answer.conditions.map(asFilter),
    toAnswer: (filters) => ({ conditions: filters.map(({ operator, value }) => ({ operator, value: Number(value) })) }),
    extractOffline(query) {
      const text = canonical(query);
      // A bound word this column cannot express ("4人未満" on servings) states no filter here.
      const bounds = extractBounds(text, spec.symbol, { skipAfter: spec.notThisColumn, bare }).filter((b) =>
        spec.operators.includes(b.operator),
      );
      return [...bounds, ...phrases(text)].map(asFilter);
    },
    groundingValues(query) {
      const text = canonical(query);
      return [...numbersIn(text), ...phrases(text).map((p) => p.value)];
    },
  };
}
