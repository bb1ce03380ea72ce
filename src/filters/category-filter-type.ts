import { z } from "zod";
import { MappedText } from "../language/mapped-text.js";
import { CHARACTER } from "../language/numerals.js";
import { checkExamples, examplesSection } from "./examples.js";
import { EVIDENCE_QUOTE, type Evidence, quoteOf } from "./filter.js";
import type { Filter, FilterExample, FilterType, Operator, QuotedFilter } from "./filter-type.js";
import { NEVER_INVENT } from "./prompts.js";

export interface CategoryFilterTypeSpec<Value extends string, Column extends string = string> {
  name: string;
  column: Column;
  description: string;
  /** What one value is, for the prompt and the schema: "dish category". */
  noun: string;
  /** Every allowed value, in the order filters and lists use. */
  values: readonly [Value, ...Value[]];
  /**
   * The words that name each value (the value itself included). Matched on NFKC-normalized,
   * lower-cased text, longest phrase first; an ASCII word only as a whole word.
   */
  synonyms: Record<Value, readonly string[]>;
  /**
   * Words that hold a synonym but name no value (メインの食材, 肉がメイン, スープカレー): matched like
   * synonyms, longest first, and consumed without naming anything.
   */
  notValues?: readonly string[];
  /**
   * Words that name a value and nothing a recipe's text would say (主菜, メイン, "side dishes",
   * desserts), compared whole, NFKC-normalized and lower-cased; the values themselves always do.
   * The rest of the query drops them; every other word a filter was read from (パスタ, 味噌汁, soup)
   * stays, since recipes' text names it and it narrows further than the value.
   */
  valueOnlyWords?: readonly string[];
  /** Operators the column accepts; `["="]` by default. */
  operators?: readonly Operator[];
  /** What names no value (ambiguous or unlisted words), for the prompt. */
  notAValue: string;
  /** Queries and the filters on this column they must yield; shown to the model and run by the tests. */
  examples: readonly FilterExample[];
}

export type CategoryAnswer<Value extends string = string> = { categories: { evidence: string; value: Value }[] };

/** A category type also answers which of its values a query names (its offline grammar, exposed for tests). */
export interface CategoryFilterType<Value extends string, Column extends string = string>
  extends FilterType<CategoryAnswer<Value>, Column> {
  readonly values: readonly Value[];
  readonly synonyms: Record<Value, readonly string[]>;
  /** The values a query names, in declared order, each once. */
  valuesIn(query: string): Value[];
}

/**
 * "main or side dishes" names two things that share the noun: it reads "main dishes or side
 * dishes", so each is matched as its own phrase.
 */
const distributeSharedNoun = (text: MappedText) =>
  text.replace(
    /\b([a-z]+)(\s*(?:,|\bor\b|\band\b|&|\/)\s*)([a-z]+)\s+(dish(?:es)?|courses?)\b/g,
    (_, first: string, joiner: string, second: string, noun: string) => `${first} ${noun}${joiner}${second} ${noun}`,
  );

/** How words are compared: NFKC, lower-cased. */
const normalized = (text: string) => text.normalize("NFKC").toLowerCase();

/** What joins alternatives (「主菜か副菜」, "soups and desserts"). */
const ALTERNATIVES = /\s*(?:または|と|か|や|、|,|，|・|\/|／|&|\band\b|\bor\b)\s*/u;

/** English words must stand alone ("mains" is not inside "remains"). */
const isAscii = (word: string) => /^[\x20-\x7e]+$/.test(word);
const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A filter type whose value is one of a closed list, named by a word or a synonym. */
export function defineCategoryFilterType<const Value extends string, const Column extends string>(
  spec: CategoryFilterTypeSpec<Value, Column>,
): CategoryFilterType<Value, Column> {
  const { column, values } = spec;
  const operators = spec.operators ?? ["="];
  checkExamples(spec.name, column, operators, spec.examples);
  const phrases = [
    ...values.flatMap((value) =>
      spec.synonyms[value].map((word) => ({
        value: value as Value | undefined,
        word: word.normalize("NFKC").toLowerCase(),
      })),
    ),
    ...(spec.notValues ?? []).map((word) => ({ value: undefined, word: word.normalize("NFKC").toLowerCase() })),
  ]
    .sort((a, b) => b.word.length - a.word.length)
    .map(({ value, word }) => ({
      value,
      pattern: !isAscii(word)
        ? new RegExp(literal(word), "g")
        : /\W$/.test(word)
          ? // A heading ("main:") ends in its mark.
            new RegExp(`\\b${literal(word).replace(/\s+/g, "\\s+")}`, "g")
          : // English plurals name the same value: "main dishes", "soups", "cakes".
            new RegExp(`\\b${literal(word).replace(/\s+/g, "\\s+")}(?:e?s)?\\b`, "g"),
    }));

  const inDeclaredOrder = (named: Iterable<unknown>) => {
    const set = new Set(named);
    return values.filter((v) => set.has(v));
  };

  /** Where in the query each named value was first read, in declared order. */
  function namedIn(query: string): Map<Value, Evidence> {
    const mapped = distributeSharedNoun(
      MappedText.of(query).mapSegments(CHARACTER, (c) => c.normalize("NFKC").toLowerCase()),
    );
    let text = mapped.text;
    const found = new Map<Value, Evidence>();
    for (const { value, pattern } of phrases) {
      pattern.lastIndex = 0;
      const m = pattern.exec(text);
      if (!m) continue;
      const span = mapped.span(m.index, m.index + m[0].length);
      if (value !== undefined && !found.has(value) && span)
        found.set(value, { ...span, text: query.slice(span.start, span.end) });
      text = text.replace(pattern, (w) => " ".repeat(w.length)); // consumed: スープパスタ must not also be a スープ
    }
    return new Map(inDeclaredOrder(found.keys()).map((v) => [v, found.get(v) as Evidence]));
  }

  const valuesIn = (query: string): Value[] => [...namedIn(query).keys()];

  /** The filters for the values the query names, each with the words it was read from (an `in` list: from its first to its last word). */
  function extractOffline(query: string): Filter[] {
    const named = namedIn(query);
    const spans = [...named.values()];
    return filtersFor([...named.keys()]).map((f) => {
      const own = f.operator === "in" ? spans : [named.get(f.value as Value) as Evidence];
      const start = Math.min(...own.map((e) => e.start));
      const end = Math.max(...own.map((e) => e.end));
      return { ...f, evidence: { start, end, text: query.slice(start, end) } };
    });
  }

  /**
   * The filters for the values a query (or the model) names. The one place that decides their
   * shape: one value is `=`; several are alternatives ("主菜か副菜", "mains or sides"), one `in`
   * with the list in declared order — when the column has `in`, else one `=` each.
   */
  const filtersFor = (named: readonly Value[]): Filter[] => {
    const list = inDeclaredOrder(named);
    if (list.length > 1 && operators.includes("in")) return [{ column, operator: "in", value: list }];
    return list.map((value): Filter => ({ column, operator: "=", value }));
  };

  /** Each value once, in declared order, quoting the words that named it (its own word inside an `in` list's span). */
  const toAnswer = (filters: readonly Filter[]): CategoryAnswer<Value> => {
    const quotes = new Map<Value, string>();
    for (const f of filters) {
      const own = f.evidence ? namedIn(f.evidence.text) : undefined;
      for (const value of [f.value].flat() as Value[]) {
        // A word that names its value only with its neighbours ("main" in "main or side dishes") quotes them all.
        const word = own?.get(value)?.text;
        if (!quotes.has(value)) quotes.set(value, word && valuesIn(word).includes(value) ? word : quoteOf(f));
      }
    }
    return {
      categories: inDeclaredOrder(quotes.keys()).map((value) => ({ evidence: quotes.get(value) ?? "", value })),
    };
  };

  /** The filters the model's answer names, each value with the first words it quoted for it. */
  const toFilters = (answer: CategoryAnswer<Value>): QuotedFilter[] => {
    const quotes = new Map<Value, string>();
    for (const { evidence, value } of answer.categories) if (!quotes.has(value)) quotes.set(value, evidence);
    return filtersFor([...quotes.keys()]).map((filter) => ({
      filter,
      quotes: [filter.value].flat().map((value) => quotes.get(value as Value) ?? ""),
    }));
  };

  const onlyAValue = new Set([...values, ...(spec.valueOnlyWords ?? [])].map(normalized));
  /** Words a search should still rank by: unless every word of the span (「主菜か副菜」) names only a value. */
  const keepsInResidual = (evidenceText: string) =>
    !normalized(evidenceText)
      .split(ALTERNATIVES)
      .map((word) => word.trim().replace(/[:：]$/, ""))
      .filter(Boolean)
      .every((word) => onlyAValue.has(word));

  const answerSchema = z
    .object({
      categories: z
        .array(
          z
            .object({
              evidence: EVIDENCE_QUOTE,
              value: z.enum(values).describe(`The ${spec.noun} those words name.`),
            })
            .describe(`A ${spec.noun} the query explicitly asks for.`),
        )
        .describe(
          `${spec.noun}s named in the query by a word or a clear synonym, each once; several named as alternatives mean any of them. Empty when none is named.`,
        ),
    })
    .describe(`${spec.noun}s found in a recipe-search query.`);

  const synonymLines = values.map((value) => `- ${value}: ${spec.synonyms[value].join(", ")}`).join("\n");
  const prompt = `You extract the ${spec.noun} a recipe-search query (Japanese or English) asks for, as one of: ${values.join(", ")}.
A ${spec.noun} word or one of these clear synonyms names it:
${synonymLines}
${spec.notAValue}
When the query names several ${spec.noun}s as alternatives (と, か, や, または, 、, ・, ／, or, and, &: "主菜か副菜", "mains or sides"), list each of them once: they mean any of these. Two words for one ${spec.noun} (丼とパスタ) list it once.
${NEVER_INVENT()}`;

  return {
    name: spec.name,
    column,
    unit: "category",
    sqlType: "TEXT",
    description: spec.description,
    operators,
    values,
    synonyms: spec.synonyms,
    answerSchema,
    answerName: `${column}_values`,
    prompt: `${prompt}${examplesSection(spec.examples, toAnswer, extractOffline)}`,
    examples: spec.examples,
    toFilters,
    toAnswer,
    keepsInResidual,
    extractOffline,
    groundingValues: valuesIn,
    valuesIn,
  };
}
