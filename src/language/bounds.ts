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
}

const NUM = `(${NUMBER})`;

/** A word that numbers a title or a part ("week 51", "episode 5", "no. 3"): what follows it is a label. */
const LABEL_BEFORE = /(?:\b(?:week|day|episode|ep|part|vol|volume|no|chapter|step|round|lesson|season)\.?|#|第)\s*$/;

/** How far back a bound word before a quantity may start ("no more than about 30分"). */
const LOOK_BEHIND = 40;

const firstMatch = (table: readonly (readonly [RegExp, Operator])[], text: string) =>
  table.find(([re]) => re.test(text))?.[1];

/** The operator the words around one quantity ask for; `bare` when there is no bound word. */
function operatorAround(before: string, after: string, bare: Operator = "<="): Operator {
  return (
    firstMatch(AFTER, after.replace(APPROX_AFTER, "")) ??
    // "under-300 calorie", "sub-500": a hyphen may join the bound word to the number.
    firstMatch(BEFORE, before.replace(/-\s*$/, "").replace(APPROX_BEFORE, "").trimEnd()) ??
    bare
  );
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

/**
 * Every bound on quantities of `unit` (a regex source matching the canonical unit, e.g. "分")
 * in `text`. A range gives a `>=` and a `<=` (a `<` when "未満" closes it); any other
 * quantity takes the bound word next to it, or the `bare` operator (default `<=`).
 */
export function extractBounds(text: string, unit: string, { skipAfter, bare = "<=" }: BoundOptions = {}): Bound[] {
  const bounds: Bound[] = [];
  const range = new RegExp(
    String.raw`(between\s+|from\s+)?${NUM}\s*(?:${unit})?${RANGE_SEPARATOR}${NUM}\s*(?:${unit})${RANGE_CLOSER}`,
    "g",
  );
  const rest = text.replace(range, (match, opener: string | undefined, a: string, b: string, offset: number) => {
    // "and" joins a range only after "between" ("10分 and 500円" is two quantities).
    if (/\band\b/.test(match) && opener?.trim() !== "between") return match;
    // A dash in a title ("Week 51 - 30 Minutes", "Episode 5 - 20 Minute Dinners") joins a
    // label and a quantity: a range only when both ends read as one unit, upwards.
    if (!opener && /^[^〜]*\d\s*-/.test(match) && (Number(a) >= Number(b) || LABEL_BEFORE.test(text.slice(0, offset))))
      return match;
    const [low, high] = [Number(a), Number(b)].sort((x, y) => x - y);
    const upper = operatorAround("", text.slice(offset + match.length)) === "<" ? "<" : "<=";
    bounds.push({ operator: ">=", value: low }, { operator: upper, value: high });
    return " ".repeat(match.length);
  });

  for (const m of rest.matchAll(new RegExp(String.raw`${NUM}\s*(?:${unit})`, "g"))) {
    const start = m.index ?? 0;
    const after = rest.slice(start + m[0].length);
    if (skipAfter?.test(after)) continue;
    bounds.push({
      operator: operatorAround(rest.slice(Math.max(0, start - LOOK_BEHIND), start), after, bare),
      value: Number(m[1]),
    });
  }
  return bounds;
}
