import type { Operator } from "../filters/filter.js";
import { AFTER, APPROX_AFTER, APPROX_BEFORE, BEFORE, RANGE_CLOSER, RANGE_SEPARATOR } from "./bound-words.js";
import { NUMBER } from "./numerals.js";

/**
 * Which comparison each quantity asks for (filter-semantics.md, "Bounds"). Works on text
 * already passed through `normalizeQuery` and a unit canonicalizer, so a quantity always
 * reads "<number><canonical unit>".
 */

export interface Bound {
  operator: Operator;
  value: number;
  /** Where in the text it was read: the quantity with its bound and approximate words, `[start, end)`. */
  at: { start: number; end: number };
  /** A bound word said so (not the bare default, not an approximate word alone). */
  explicit: boolean;
}

const NUM = `(${NUMBER})`;

/** A word that numbers a title or a part ("week 51", "episode 5", "no. 3"): what follows it is a label. */
const LABEL_BEFORE = /(?:\b(?:week|day|episode|ep|part|vol|volume|no|chapter|step|round|lesson|season)\.?|#|第)\s*$/;

/** How far back a bound word before a quantity may start ("no more than about 30分"). */
const LOOK_BEHIND = 40;

interface Around {
  operator: Operator;
  explicit: boolean;
  /** How many characters before and after the quantity its bound and approximate words take. */
  before: number;
  after: number;
}

/** Approximate words alone, without the particles APPROX_AFTER also skips. */
const APPROX_WORDS_AFTER =
  /^(?:\s*(?:くらい|ぐらい|位|程度|ほど|前後|ちょっと|ちょい|ばかり|目安|を目安|or so\b|-?ish\b|give or take)\s*)*/;

/** The operator the words around one quantity ask for (`bare` when there is no bound word), and how far those words reach. */
function operatorAround(before: string, after: string, bare: Operator = "<="): Around {
  const rest = after.replace(APPROX_AFTER, "");
  const skipped = after.length - rest.length;
  for (const [re, operator] of AFTER) {
    const m = re.exec(rest);
    if (m) return { operator, explicit: true, before: 0, after: skipped + m[0].length };
  }
  // "under-300 calorie", "sub-500": a hyphen may join the bound word to the number.
  const head = before.replace(/-\s*$/, "").replace(APPROX_BEFORE, "").trimEnd();
  for (const [re, operator] of BEFORE) {
    const m = re.exec(head);
    if (m) return { operator, explicit: true, before: before.length - (m.index ?? 0), after: 0 };
  }
  const approxBefore = before.length - before.replace(APPROX_BEFORE, "").length;
  const approxAfter = APPROX_WORDS_AFTER.exec(after)?.[0].length ?? 0;
  return { operator: bare, explicit: false, before: approxBefore, after: approxAfter };
}

export interface BoundOptions {
  /** Rejects mentions that are not this quantity at all (a programme title, a fraction, a shop). */
  skipAfter?: RegExp;
  /**
   * What a quantity with no bound word asks for: `<=` for a time or a cost ("丼もの 15分" is
   * at most 15 minutes), `=` for a count such as servings ("2人分" is exactly two).
   */
  bare?: Operator;
}

/** The range and quantity patterns of one unit, compiled once (replace and matchAll leave a shared global regex as they found it). */
const unitPatterns = new Map<string, { range: RegExp; quantity: RegExp }>();
function patternsFor(unit: string): { range: RegExp; quantity: RegExp } {
  let known = unitPatterns.get(unit);
  if (!known) {
    known = {
      range: new RegExp(
        // A currency amount is never another column's number: "under $8 to feed six" is no range of people.
        String.raw`(between\s+|from\s+)?(?<![$¥￥£€]\s*)${NUM}\s*(?:${unit})?${RANGE_SEPARATOR}${NUM}\s*(?:${unit})${RANGE_CLOSER}`,
        "g",
      ),
      quantity: new RegExp(String.raw`${NUM}\s*(?:${unit})`, "g"),
    };
    unitPatterns.set(unit, known);
  }
  return known;
}

/**
 * Every bound on quantities of `unit` (a regex source matching the canonical unit, e.g. "分")
 * in `text`. A range gives a `>=` and a `<=` (a `<` when "未満" closes it); any other
 * quantity takes the bound word next to it, or the `bare` operator (default `<=`).
 */
export function extractBounds(text: string, unit: string, { skipAfter, bare = "<=" }: BoundOptions = {}): Bound[] {
  const bounds: Bound[] = [];
  const { range, quantity } = patternsFor(unit);
  const rest = text.replace(range, (match, opener: string | undefined, a: string, b: string, offset: number) => {
    // "and" joins a range only after "between" ("10分 and 500円" is two quantities).
    if (/\band\b/.test(match) && opener?.trim() !== "between") return match;
    // A dash in a title ("Week 51 - 30 Minutes", "Episode 5 - 20 Minute Dinners") joins a
    // label and a quantity: a range only when both ends read as one unit, upwards.
    if (!opener && /^[^〜]*\d\s*-/.test(match) && (Number(a) >= Number(b) || LABEL_BEFORE.test(text.slice(0, offset))))
      return match;
    const [low, high] = [Number(a), Number(b)].sort((x, y) => x - y);
    // A bound word after a range bounds its upper end: 「400〜500kcal以下」 is still 400 to 500.
    const around = operatorAround("", text.slice(offset + match.length));
    const upper = around.operator === "<" ? "<" : "<=";
    const at = { start: offset, end: offset + match.length + around.after };
    bounds.push(
      { operator: ">=", value: low, at, explicit: true },
      { operator: upper, value: high, at, explicit: true },
    );
    return " ".repeat(match.length);
  });

  for (const m of rest.matchAll(quantity)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const after = rest.slice(end);
    if (skipAfter?.test(after)) continue;
    const before = rest.slice(Math.max(0, start - LOOK_BEHIND), start);
    const around = operatorAround(before, after, bare);
    bounds.push({
      operator: around.operator,
      value: Number(m[1]),
      at: { start: start - around.before, end: end + around.after },
      explicit: around.explicit,
    });
  }
  return explicitLimitsFirst(bounds);
}

const UPPER: readonly Operator[] = ["<", "<="];
const LOWER: readonly Operator[] = [">", ">="];

/**
 * An explicit limit beats an approximate target on the same column: 「10分くらい、長くても15分」
 * is at most 15, not at most 10. A quantity with no bound word gives way to one with a bound
 * word that points the same way.
 */
function explicitLimitsFirst(bounds: Bound[]): Bound[] {
  const side = (o: Operator) => (UPPER.includes(o) ? "upper" : LOWER.includes(o) ? "lower" : o);
  const explicitSides = new Set(bounds.filter((b) => b.explicit).map((b) => side(b.operator)));
  return bounds.filter((b) => b.explicit || !explicitSides.has(side(b.operator)) || side(b.operator) === "=");
}
