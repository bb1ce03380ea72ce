/**
 * English number words ("twenty-five minutes", "five hundred yen", "a thousand yen") as
 * digits. Only a number word directly before the unit being read is rewritten, so
 * "one-pot" or "a few" stay words.
 */
import type { MappedText } from "./mapped-text.js";

/** The number words below a hundred that have a name of their own (the scale words are separate). */
export const SMALL_NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000 };

const WORD = `(?:${[...Object.keys(SMALL_NUMBER_WORDS), ...Object.keys(SCALE)].join("|")})`;
const spelledBefore = new Map<string, RegExp>();
/** A run of number words right before one of `unit` (a regex source for a unit's words). */
function spelledBeforeUnit(unit: string): RegExp {
  let re = spelledBefore.get(unit);
  if (!re) {
    re = new RegExp(
      String.raw`\b(?:an?[\s-]+(?=hundred|thousand))?${WORD}(?:(?:[\s-]+|\s+and\s+)${WORD})*\b(?=(?:\s+and a half)?[\s-]*${unit})`,
      "g",
    );
    spelledBefore.set(unit, re);
  }
  return re;
}

/** The value of a run of number words ("five hundred", "twenty-five", "a thousand"). */
function numberWordsValue(words: string[]): number {
  let total = 0;
  let current = 0;
  for (const word of words) {
    if (word === "a" || word === "an") current = 1;
    else if (word === "hundred") current = (current || 1) * 100;
    else if (word === "thousand") {
      total += (current || 1) * 1000;
      current = 0;
    } else current += SMALL_NUMBER_WORDS[word];
  }
  return total + current;
}

/**
 * Rewrites every spelled-out number before a unit (`unit`: a regex source for its words) as
 * digits ("twenty-five minutes", "two grams"); expects lower-cased text. Each unit rewrites
 * its own copy of the query, so a number before another unit's words stays a word there.
 */
export function spelledNumbersToDigits(text: MappedText, unit: string): MappedText {
  return text.replace(spelledBeforeUnit(unit), (run) =>
    String(numberWordsValue(run.split(/[\s-]+/).filter((w) => w !== "and"))),
  );
}
