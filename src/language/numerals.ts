/**
 * Numerals in recipe queries: full-width digits, thousands separators, kanji numerals
 * (十, 二十五, 千五百, 一万) and mixed forms (1万, 3千, 5百, 1.5万) all become plain
 * ASCII numbers, so extractors and grounding compare one spelling.
 */

import { MappedText } from "./mapped-text.js";

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000 };

/** A run of characters that can spell a number (at least one digit or kanji digit/unit). */
const NUMERAL_RUN = /(?:\d+(?:\.\d+)?|[〇零一二三四五六七八九十百千万])+/g;

/** Parses one numeral run ("千五百", "1万5千", "1.5", "二十五"); NaN when it is not a number. */
export function parseNumeral(run: string): number {
  let total = 0; // completed 万 groups
  let section = 0; // completed 十/百/千 within the current 万 group
  let current: number | undefined; // digits not yet multiplied
  for (let i = 0; i < run.length; ) {
    const ch = run[i];
    const arabic = /^\d+(?:\.\d+)?/.exec(run.slice(i));
    if (arabic) {
      current = Number(arabic[0]);
      i += arabic[0].length;
      continue;
    }
    if (ch in KANJI_DIGITS) {
      current = (current ?? 0) * 10 + KANJI_DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      section += (current ?? 1) * SMALL_UNITS[ch];
      current = undefined;
    } else if (ch in LARGE_UNITS) {
      total += (section + (current ?? (section ? 0 : 1))) * LARGE_UNITS[ch];
      section = 0;
      current = undefined;
    } else {
      return Number.NaN;
    }
    i += 1;
  }
  return total + section + (current ?? 0);
}

const KANJI_NUMERAL = "〇零一二三四五六七八九十百千万";

/**
 * Kanji that are not numerals here, kept as written:
 * - idioms (一緒, 一番, 千切り, 万能 …);
 * - 十分 meaning "enough": before に/な/だ/です/すぎ, or before a kanji that does not start
 *   a bound word (十分加熱, 十分火を通す), whereas 十分以内 / 十分で / 十分くらい are ten minutes;
 * - a vague count (数百円, 数十分, 十数分, 何千円): it states no value, so none may be read.
 */
const NOT_A_NUMBER = new RegExp(
  [
    "一緒|一番|一気|一度に|一品|千切り|万能|一口|一手間|一工夫|一晩|一汁|一味|七味|五目|三つ葉|八宝菜|十八番|一夜|一息",
    `(?<![${KANJI_NUMERAL}\\d.])十分(?=に|な|だ|です|すぎ|過ぎ|(?![以未超程前弱強足位間台約])\\p{Script=Han})`,
    `[${KANJI_NUMERAL}]*[数何幾][${KANJI_NUMERAL}]+|[${KANJI_NUMERAL}]+数`,
  ].join("|"),
  "gu",
);

/**
 * A range that names a multiplier once ("2〜3千円", "1〜1.5万円") means it for both ends;
 * only when the first end is smaller ("500〜1千円" already reads 500 to 1000).
 */
const SHARED_MULTIPLIER = new RegExp(
  String.raw`(?<![\d.${KANJI_NUMERAL}])(\d+(?:\.\d+)?|[〇一二三四五六七八九])(\s*(?:〜|-|から|to)\s*)(\d+(?:\.\d+)?|[〇一二三四五六七八九])([千万])`,
  "g",
);

function shareMultiplier(text: MappedText): MappedText {
  return text.replace(SHARED_MULTIPLIER, (match, a: string, sep: string, b: string, unit: string) =>
    parseNumeral(a) < parseNumeral(b) ? `${a}${unit}${sep}${b}${unit}` : match,
  );
}

/**
 * Normalizes a query for matching: NFKC (full-width → ASCII, ¥ kept), wave dashes unified
 * to "〜", dashes to "-", thousands separators dropped, every numeral run rewritten as an
 * ASCII number. Lower-cased so English matching is case-insensitive.
 */
export function normalizeQuery(query: string): string {
  return normalizeMapped(query).text;
}

/** A character with the marks that combine with it (ｶﾞ is one), so NFKC can rewrite each on its own. */
export const CHARACTER = /[\s\S][\p{M}\uFF9E\uFF9F]*/gu;

/**
 * `normalizeQuery` keeping the map back to the original query (language/mapped-text.ts), so
 * every quantity read from the result knows the words it came from.
 */
export function normalizeMapped(query: string): MappedText {
  // \u0000 and \u0001 mark protected words below; in a query they are just noise.
  let text = MappedText.of(query)
    // ½ before NFKC, which would write "1½" as "11⁄2".
    .replace(/(\d)\s*½/g, "$1.5")
    .replace(/½/g, "0.5")
    .mapSegments(CHARACTER, (c) => c.normalize("NFKC").toLowerCase())
    // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000/U+0001 (and the private-use marks of measures.ts) are this code's own marks; a query must not carry them in
    .replace(/[\u0000\u0001\ue000-\uf8ff]/g, " ");
  text = text
    .replace(/[~～〜∼〰]/g, "〜")
    .replace(/[‐‑‒–—−﹣]/g, "-")
    .replace(/(?<=\d)\s*ー\s*(?=\d)/g, "-");
  text = text.replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
  // Protect what is not a numeral, then restore it after rewriting.
  const kept: string[] = [];
  text = text.replace(NOT_A_NUMBER, (m) => `\u0000${kept.push(m) - 1}\u0001`);
  text = shareMultiplier(text);
  text = text.replace(NUMERAL_RUN, (run) => {
    if (/^\d+(?:\.\d+)?$/.test(run)) return run;
    const value = parseNumeral(run);
    return Number.isFinite(value) ? String(value) : run;
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the placeholder marks written above
  text = text.replace(/\u0000(\d+)\u0001/g, (_, i: string) => kept[Number(i)]);
  return boundForms(text);
}

/**
 * Bound forms that every unit shares, rewritten into the order the bound grammar reads:
 * "300 or fewer calories" is "300 calories or fewer"; paired angle brackets around a value
 * (「<450kcal>」, "<20 min>") are brackets, not "<".
 */
function boundForms(text: MappedText): MappedText {
  return text
    .replace(
      /(\d)\s+(or\s+(?:fewer|less|more|under|over|longer|shorter|so))\s+((?:minute|min|hour|hr|second|sec|calorie|cal|yen|people|person|serving|portion|gram)s?\b|kcal\b)/g,
      (_, digit: string, bound: string, unit: string) => `${digit} ${unit} ${bound}`,
    )
    .replace(/<(?![=<>])([^<>]{0,24}?\d[^<>]{0,24}?)>(?!\s*=?\s*\d)/g, " $1 ");
}

/**
 * A number in normalized text (regex source, no capture group). It never starts inside
 * another number, so extraction and grounding read "1.5.5" the same way. A leading minus
 * ("-10分", not the dash of "10-20分" or "sub-500") and an exponent ("1e309") belong to the
 * number: the reducer then refuses the negative or infinite value with a warning instead
 * of a silently changed bound (10, 309).
 */
export const NUMBER = String.raw`(?<![\d.])(?:(?<=^|[\s(（「:：,、])-)?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?!\d|e[+-]?\d)`;

/** Every number that appears in a normalized text, for grounding checks. */
export function numbersIn(normalizedText: string): number[] {
  return [...normalizedText.matchAll(new RegExp(NUMBER, "g"))].map((m) => Number(m[0]));
}

/**
 * Every number written with `unit` (a regex source for a canonical unit, e.g. "分") in a
 * canonical text, except where the text right after says it is not that quantity at all
 * (`skipAfter`: 3分クッキング, 2分ルール are names).
 */
export function numbersWith(canonicalText: string, unit: string, skipAfter?: RegExp): number[] {
  return [...canonicalText.matchAll(new RegExp(String.raw`(${NUMBER})\s*(?:${unit})`, "g"))]
    .filter((m) => !skipAfter?.test(canonicalText.slice((m.index ?? 0) + m[0].length)))
    .map((m) => Number(m[1]));
}

/**
 * What a number may be written with that makes it a quantity of something (a unit, a counter,
 * a currency): after it, or a currency sign before it. A number with none of these is bare.
 */
const ATTACHED_AFTER = String.raw`(?:-?(?!\p{Script=Hiragana})[^\s\d.,、。!?！？;:)）\]」』〜-]|\s*-?\s*(?:[\p{Script=Han}\p{Script=Katakana}]|(?:minutes?|mins?|hours?|hrs?|h|seconds?|secs?|yen|jpy|k?cal(?:orie)?s?|kcal|people|persons?|servings?|portions?|guests|eggs?|ingredients?|items?|recipes?|days?|weeks?|months?|years?|cups?|grams?|g|kg|ml|l|cc|dollars?|euros?|pounds?|degrees?|f|c|w)\b))`;
const ATTACHED = new RegExp(`^${ATTACHED_AFTER}`, "u");
const CURRENCY = /[¥￥$£€]\s*$/;
const ANY_NUMBER = new RegExp(NUMBER, "g");

/** Numbers stated bare in a query (no unit, counter or currency), e.g. "dinner under 20": each may mean any numeric column. */
export function bareNumbersIn(query: string): number[] {
  const text = normalizeQuery(query);
  return [...text.matchAll(ANY_NUMBER)]
    .filter((m) => {
      const end = (m.index ?? 0) + m[0].length;
      return !ATTACHED.test(text.slice(end)) && !CURRENCY.test(text.slice(0, m.index));
    })
    .map((m) => Number(m[0]));
}
