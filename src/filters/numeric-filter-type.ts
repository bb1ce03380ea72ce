import { z } from "zod";
import { type Bound, extractBounds } from "../language/bounds.js";
import { normalizeQuery, numbersWith } from "../language/numerals.js";
import { checkExamples, examplesSection } from "./examples.js";
import type { Filter, FilterExample, FilterType, Operator } from "./filter-type.js";

/** The bound words of filter-semantics.md for each operator, as the answer schema describes them. */
const OPERATOR_WORDS: Partial<Record<Operator, string>> = {
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

export interface NumericFilterTypeSpec<Column extends string = string> {
  name: string;
  column: Column;
  unit: string;
  description: string;
  operators: readonly Operator[];
  range: { min: number; max: number };
  /** How a catalog stores the column: "REAL" (the default) or "INTEGER" for a count. */
  sqlType?: "REAL" | "INTEGER";
  /** The prompt without examples (usually `numericPrompt(...)`); the examples section is rendered from `examples`. */
  prompt: string;
  /** Queries and the filters on this column they must yield; shown to the model and run by the tests. */
  examples?: readonly FilterExample[];
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

export type NumericAnswer = { conditions: { operator: Operator; value: number }[] };

/** A filter type whose value is a number compared with one of `operators`, read by the one bound grammar. */
export function defineNumericFilterType<const Column extends string>(
  spec: NumericFilterTypeSpec<Column>,
): FilterType<NumericAnswer, Column> {
  const bare = spec.bareOperator ?? "<=";
  if (!spec.operators.includes(bare))
    throw new Error(`${spec.name}: bare operator ${bare} is not one of its operators`);
  const examples = spec.examples ?? [];
  checkExamples(spec.name, spec.column, spec.operators, examples);
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
  const extract = (text: string): Filter[] => {
    // A bound word this column cannot express ("4人未満" on servings) states no filter here.
    const bounds = extractBounds(text, spec.symbol, { skipAfter: spec.notThisColumn, bare }).filter((b) =>
      spec.operators.includes(b.operator),
    );
    return [...bounds, ...phrases(text)].map(asFilter);
  };
  const toAnswer = (filters: readonly Filter[]): NumericAnswer => ({
    conditions: filters.map(({ operator, value }) => ({ operator, value: Number(value) })),
  });
  return {
    name: spec.name,
    column: spec.column,
    unit: spec.unit,
    sqlType: spec.sqlType ?? "REAL",
    description: spec.description,
    operators: spec.operators,
    range: spec.range,
    prompt: `${spec.prompt}${examplesSection(examples, toAnswer)}`,
    examples,
    answerSchema,
    answerName: `${spec.column}_conditions`,
    toFilters: (answer) => answer.conditions.map(asFilter),
    toAnswer,
    extractOffline: (query) => extract(canonical(query)),
    // Grounding by unit: only a number stated with this column's unit (after conversion,
    // "1時間" → 60), or a value a rule implies (ワンコイン, a band's upper end). The reducer
    // adds the numbers stated bare; a number with another column's unit never grounds this one.
    groundingValues(query) {
      const text = canonical(query);
      return [...numbersWith(text, spec.symbol, spec.notThisColumn), ...extract(text).map((f) => f.value as number)];
    },
  };
}
