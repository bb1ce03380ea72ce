import { z } from "zod";
import { type Bound, extractBounds } from "../language/bounds.js";
import { spelledNumbersToDigits } from "../language/english-numbers.js";
import type { MappedText } from "../language/mapped-text.js";
import { type Dimension, dropPerServingLabels, markMeasures, READS, type Reading } from "../language/measures.js";
import { normalizeMapped, numbersWith } from "../language/numerals.js";
import { anyOf, canonicalizerFor, type UnitGrammar, type UnitWords } from "../language/units.js";
import { checkExamples, examplesSection } from "./examples.js";
import { EVIDENCE_QUOTE, quoteOf } from "./filter.js";
import type { Filter, FilterExample, FilterType, Operator, ReadAlongside } from "./filter-type.js";
import { type NumericPromptParts, numericPrompt } from "./prompts.js";

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
    evidence: EVIDENCE_QUOTE,
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
  /**
   * The type's part of the prompt (its meaning and unit rules): the factory adds the shared
   * numeric rules, its column, operators and bare operator, and the examples section rendered
   * from `examples`. A string is taken as the whole prompt without examples.
   */
  prompt: NumericPromptParts | string;
  /** Queries and the filters on this column they must yield; shown to the model and run by the tests. */
  examples?: readonly FilterExample[];
  /**
   * The unit, as data: its words (`{ canonical, words, signs?, names? }`: language/ builds the
   * grammar, as for a nutrient in grams), or a unit of language/units.ts with a grammar of its
   * own (TIME_IN_MINUTES, MONEY_IN_YEN, ENERGY_IN_KCAL, PEOPLE).
   */
  unitWords: UnitWords | UnitGrammar;
  /**
   * What the quantity is, physically (language/measures.ts): the rules that decide whether a
   * quantity measures the recipe (an ingredient's price, a storage time, a daily total …) apply
   * by dimension. Absent: every quantity of the unit is the column's.
   */
  dimension?: Dimension;
  /** Which quantities of the dimension this column reads: the recipe's own (the default), one person's, or both. */
  reads?: Reading;
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

export type NumericAnswer = { conditions: { evidence: string; operator: Operator; value: number }[] };

/** What a registry's numeric types share, derived once per registry value. */
const registryUnits = new WeakMap<ReadAlongside, { perPersonUnits: UnitWords[]; unitWordsSource: string }>();
function unitsOf(registry: ReadAlongside) {
  let known = registryUnits.get(registry);
  if (!known) {
    const units = registry.flatMap((t) => (t.quantity ? [t.quantity] : []));
    known = {
      perPersonUnits: units.filter((q) => q.perPerson).map((q) => q.unit),
      unitWordsSource: anyOf(units.flatMap((q) => q.unit.words)),
    };
    registryUnits.set(registry, known);
  }
  return known;
}

/**
 * The query normalized, and with spelled-out numbers before the registry's units as digits:
 * the same for every numeric type of the registry, so computed once per query (the last one
 * kept; MappedText is immutable).
 */
let lastNormalized: { query: string; registry: ReadAlongside; text: MappedText; digits(): MappedText } | undefined;
function normalizedFor(query: string, registry: ReadAlongside) {
  if (lastNormalized?.query === query && lastNormalized.registry === registry) return lastNormalized;
  const text = normalizeMapped(query);
  let digits: MappedText | undefined;
  lastNormalized = {
    query,
    registry,
    text,
    digits: () => (digits ??= spelledNumbersToDigits(text, unitsOf(registry).unitWordsSource)),
  };
  return lastNormalized;
}

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
  const { canonical: canonicalUnit, canonicalize } = canonicalizerFor(spec.unitWords);
  const unit = `${canonicalUnit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${READS[spec.reads ?? "recipe"]}`;
  const quantity = { unit: spec.unitWords, perPerson: spec.reads === "perPerson" || spec.reads === "perServing" };
  /** The type read alone: how its own examples' evidence is found for the prompt. */
  const alone: ReadAlongside = [{ column: spec.column, quantity }];
  // The reducer grounds what the branch extracted: both read the same query, so the last one is kept.
  let last: { query: string; registry: ReadAlongside; text: MappedText } | undefined;
  const canonical = (query: string, registry: ReadAlongside): MappedText => {
    if (last?.query === query && last.registry === registry) return last.text;
    const { perPersonUnits } = unitsOf(registry);
    const normalized = normalizedFor(query, registry);
    // A number spelled out before any unit of the registry is a number in every reading ("one serving is 330 kcal"),
    // unless the unit's grammar reads number words itself.
    let text =
      "readsNumberWords" in spec.unitWords && spec.unitWords.readsNumberWords ? normalized.text : normalized.digits();
    // A count of one beside an amount some column reads per person is that amount's label (1人分 620kcal).
    if (spec.dimension === "count") text = dropPerServingLabels(text, perPersonUnits);
    text = canonicalize(text);
    if (spec.dimension) text = markMeasures(text, canonicalUnit, spec.dimension);
    last = { query, registry, text };
    return text;
  };
  const wholeNumbers = spec.sqlType === "INTEGER";
  /** A count bound that needs `>` or `<` on a column without them is the next whole number: more than six → at least 7. */
  const expressible = (b: Bound): Bound => {
    if (spec.operators.includes(b.operator) || !wholeNumbers || !Number.isInteger(b.value)) return b;
    if (b.operator === ">" && spec.operators.includes(">=")) return { ...b, operator: ">=", value: b.value + 1 };
    if (b.operator === "<" && spec.operators.includes("<=")) return { ...b, operator: "<=", value: b.value - 1 };
    return b;
  };
  // Compiled once; not global, and read from the start each time.
  const fixedPhrases = (spec.fixedPhrases ?? []).map((phrase) => ({
    ...phrase,
    pattern: new RegExp(phrase.pattern.source, phrase.pattern.flags.replace("g", "")),
  }));
  const bounds = (text: string): Bound[] => {
    const read = extractBounds(text, unit, { skipAfter: spec.notThisColumn, bare })
      .map(expressible)
      // A bound word this column cannot express states no filter here.
      .filter((b) => spec.operators.includes(b.operator));
    const fixed = fixedPhrases.flatMap(({ pattern, operator, value }): Bound[] => {
      pattern.lastIndex = 0;
      const m = pattern.exec(text);
      return m ? [{ operator, value, explicit: true, at: { start: m.index, end: m.index + m[0].length } }] : [];
    });
    return [...read, ...fixed];
  };
  const extract = (query: string, registry: ReadAlongside): Filter[] => {
    const text = canonical(query, registry);
    return bounds(text.text).map((b) => ({
      column: spec.column,
      operator: b.operator,
      value: b.value,
      ...evidenceOf(query, text, b.at),
    }));
  };
  const asFilter = ({ evidence, operator, value }: NumericAnswer["conditions"][number]) => ({
    filter: { column: spec.column, operator, value },
    quotes: [evidence],
  });
  const toAnswer = (filters: readonly Filter[]): NumericAnswer => ({
    conditions: filters.map((f) => ({ evidence: quoteOf(f), operator: f.operator, value: Number(f.value) })),
  });
  return {
    name: spec.name,
    column: spec.column,
    unit: spec.unit,
    sqlType: spec.sqlType ?? "REAL",
    description: spec.description,
    operators: spec.operators,
    range: spec.range,
    quantity,
    prompt: `${
      typeof spec.prompt === "string"
        ? spec.prompt
        : numericPrompt({ ...spec.prompt, column: spec.column, bareOperator: bare, operators: spec.operators })
    }${examplesSection(examples, toAnswer, (query) => extract(query, alone))}`,
    examples,
    answerSchema,
    answerName: `${spec.column}_conditions`,
    toFilters: (answer) => answer.conditions.map(asFilter),
    toAnswer,
    extractOffline: extract,
    // Grounding by unit: only a number stated with this column's unit (after conversion,
    // "1時間" → 60), or a value a rule implies (ワンコイン, a band's upper end). The reducer
    // adds the numbers stated bare; a number with another column's unit never grounds this one.
    groundingValues(query, registry) {
      const text = canonical(query, registry).text;
      return [...numbersWith(text, unit, spec.notThisColumn), ...bounds(text).map((b) => b.value)];
    },
  };
}

/** The words of `query` that the canonical range `at` of `text` came from, without surrounding spaces. */
function evidenceOf(query: string, text: MappedText, at: { start: number; end: number }): Pick<Filter, "evidence"> {
  const span = text.span(at.start, at.end);
  if (!span) return {};
  let { start, end } = span;
  while (start < end && /\s/.test(query[start])) start++;
  while (end > start && /\s/.test(query[end - 1])) end--;
  return { evidence: { start, end, text: query.slice(start, end) } };
}
