/**
 * Grounding by evidence (issue 21 §1): every condition a model answers comes with the words it
 * quoted from the query. A condition is kept only when
 * 1. its quote is in the query — exactly, or after the normalization every reading of the
 *    query goes through (full-width, case, runs of spaces) — and becomes its `evidence`
 *    `{ start, end, text }` on the original query, as the offline extractor records it
 *    (narrowed to the words the type reads the value from, when it reads it there); and
 * 2. the quote states its value: a number written in any spelling the language layer reads
 *    (digits, full-width, kanji, English words), or what the type itself reads from the quote
 *    (1時間半 → 90, ワンコイン → 500, an hour → 60, the upper end of 100円台, a category's word).
 * Anything else is dropped with a warning, as the reducer drops an ungrounded value. The
 * reducer's grounding by unit still runs afterwards: a quote proves where a value was read,
 * the unit check that it is this column's.
 */
import type { Evidence, Filter } from "../filters/filter.js";
import type { FilterType, QuotedFilter } from "../filters/filter-type.js";
import { spelledNumbersToDigits } from "../language/english-numbers.js";
import { MappedText } from "../language/mapped-text.js";
import { CHARACTER, normalizeMapped, numbersIn } from "../language/numerals.js";
import { anyOf } from "../language/units.js";

/** A condition dropped because its quote does not ground it: the branch reports it as a warning. */
export interface UngroundedCondition {
  branch: string;
  filter: Filter;
  message: string;
}

export interface GroundedAnswer {
  /** The conditions whose quotes ground them, each with its evidence on the query. */
  filters: Filter[];
  dropped: UngroundedCondition[];
}

const MAX_QUOTE = 60;
const shown = (text: string) => JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text);

/** Characters compared as the query's readers compare them: NFKC, lower-cased, any run of spaces as one. */
const comparable = (text: MappedText) =>
  text.mapSegments(CHARACTER, (c) => c.normalize("NFKC").toLowerCase()).replace(/\s+/g, " ");

/** Where a quote stands in the query (its first place), or undefined when it is not there. */
export function locateQuote(query: string, quote: string): Evidence | undefined {
  const words = quote
    .trim()
    .replace(/^[「『"“]+|[」』"”]+$/gu, "")
    .trim();
  if (!words) return undefined;
  const exact = query.indexOf(words);
  if (exact >= 0) return { start: exact, end: exact + words.length, text: words };
  const text = comparable(MappedText.of(query));
  const wanted = comparable(MappedText.of(words)).text;
  const at = text.text.indexOf(wanted);
  const span = at >= 0 ? text.span(at, at + wanted.length) : undefined;
  return span && span.end > span.start ? { ...span, text: query.slice(span.start, span.end) } : undefined;
}

/** The values a quote states for a type: every number in it, in any spelling, and what the type reads from it. */
function valuesStatedIn(quote: string, type: FilterType<any>): (number | string)[] {
  const text = normalizeMapped(quote);
  const words = type.quantity && anyOf(type.quantity.unit.words);
  const numbers = type.values ? [] : numbersIn((words ? spelledNumbersToDigits(text, words) : text).text);
  return [...numbers, ...type.groundingValues(quote, [type])];
}

/**
 * The quote narrowed to the words the type itself reads the value from, when it reads it there
 * ("10分以内で作れる" → 10分以内): a model quotes generously, and the rest of the query (the
 * residual) keeps what the filter did not need. A quote the type cannot read stays whole.
 */
function narrowed(span: Evidence, value: number | string, query: string, type: FilterType<any>): Evidence {
  const inner = type
    .extractOffline(span.text, [type])
    .find((f) => [f.value].flat().includes(value) && f.evidence)?.evidence;
  if (!inner) return span;
  const start = span.start + inner.start;
  const end = span.start + inner.end;
  return { start, end, text: query.slice(start, end) };
}

/** One condition's quotes against the query: its filter with evidence, or why it is not grounded. */
function groundOne(
  { filter, quotes }: QuotedFilter,
  query: string,
  type: FilterType<any>,
): { filter: Filter } | { reason: string } {
  const values = [filter.value].flat();
  const spans: Evidence[] = [];
  for (const [i, value] of values.entries()) {
    const quote = quotes[i] ?? quotes[0] ?? "";
    if (!quote.trim()) return { reason: `no evidence was quoted for ${value}` };
    const span = locateQuote(query, quote);
    if (!span) return { reason: `its evidence ${shown(quote)} is not in the query` };
    if (!valuesStatedIn(span.text, type).includes(value))
      return { reason: `its evidence ${shown(span.text)} does not state ${value}` };
    spans.push(narrowed(span, value, query, type));
  }
  // An `in` list's evidence runs from its first word to its last, as the offline extractor's does.
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return { filter: { ...filter, evidence: { start, end, text: query.slice(start, end) } } };
}

/** Keeps the conditions whose quotes ground them, with their evidence; the others are dropped with a reason. */
export function groundByEvidence(
  quoted: readonly QuotedFilter[],
  query: string,
  type: FilterType<any>,
): GroundedAnswer {
  const grounded: GroundedAnswer = { filters: [], dropped: [] };
  for (const condition of quoted) {
    const outcome = groundOne(condition, query, type);
    if ("filter" in outcome) grounded.filters.push(outcome.filter);
    else
      grounded.dropped.push({
        branch: type.name,
        filter: condition.filter,
        message: `dropped: ${outcome.reason} (ungrounded)`,
      });
  }
  return grounded;
}
