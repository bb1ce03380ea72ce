/**
 * Units (filter-semantics.md, "Numbers and units"). A numeric filter type declares its unit
 * as data: plain unit words (`UnitWords`, from which `canonicalizerFor` builds the grammar),
 * or one of the units below that need a grammar of their own (hours into minutes, ¥ and 万円,
 * "serves four"). Either way the canonicalizer rewrites every spelling of a quantity into
 * "<number><canonical unit>" on text from `normalizeQuery`, so one bound grammar serves every
 * unit. The units are named for what they count, never for a column: two columns may share
 * one (a recipe's cost and the cost per serving are both yen).
 */
import { rewriteBands } from "./bands.js";
import { RANGE_SEPARATOR } from "./bound-words.js";
import { SMALL_NUMBER_WORDS } from "./english-numbers.js";
import type { MappedText } from "./mapped-text.js";
import { NUMBER } from "./numerals.js";

const round = (n: number) => Math.round(n * 1000) / 1000;
const N = `(${NUMBER})`;
const HOURS = "(?:時間|hours?|hrs?|h(?![a-z]))";
const MINUTES = String.raw`(?:分間|分|minutes?|mins?\b)`;
const SECONDS = String.raw`(?:秒間|秒|seconds?|secs?\b)`;

const minutes = (value: number) => `${round(value)}分`;
/**
 * A global regex from a String.raw-style template, compiled once per call site and values:
 * the grammars below run for every numeric type of every query. Shared safely, as only
 * String.prototype.replace uses them (it resets lastIndex).
 */
const compiled = new WeakMap<TemplateStringsArray, { values: unknown[]; re: RegExp }[]>();
function rule(strings: TemplateStringsArray, ...values: unknown[]): RegExp {
  let site = compiled.get(strings);
  if (!site) {
    site = [];
    compiled.set(strings, site);
  }
  const known = site.find((entry) => entry.values.every((value, i) => value === values[i]));
  if (known) return known.re;
  const re = new RegExp(String.raw(strings, ...values), "g");
  site.push({ values, re });
  return re;
}

/**
 * "1〜2時間" names the unit once for both ends: each end is read in that unit. When the
 * first end is larger ("30〜1時間"), it cannot be hours and stays as written (minutes).
 */
function rangeInOneUnit(text: MappedText, unit: string, perUnit: number): MappedText {
  return text.replace(
    rule`${N}(${RANGE_SEPARATOR})${N}\s*-?\s*${unit}(?!半|\s*and a half)`,
    (match, a: string, sep: string, b: string) =>
      Number(a) <= Number(b) ? `${minutes(Number(a) * perUnit)}${sep}${minutes(Number(b) * perUnit)}` : match,
  );
}

const HALF_HOURS = rule`(?:${N}[\s-]+)?(?<![\d.])1\s*\/\s*2\s*-?\s*${HOURS}`;

/** Time → minutes, canonical unit "分". */
function durationsInMinutes(text: MappedText): MappedText {
  // 1時間台 is a band of hours (60 to under 120 minutes), so it is read before hours become minutes.
  let t = rewriteBands(text, HOURS, (h) => minutes(h * 60))
    .replace(/\ban hour and a half\b/g, "90分")
    // "1 1/2 hours", "1/2 hour" (normalizeQuery already made "1½" 1.5): a fraction of an hour.
    .replace(HALF_HOURS, (_, h?: string) => minutes((Number(h ?? 0) + 0.5) * 60))
    .replace(/\bhalf an hour\b|\ba half[- ]hour\b|\bhalf[- ]hour\b|半時間/g, "30分")
    .replace(/\b(?:a )?quarter of an hour\b|\ba quarter[- ]hour\b/g, "15分")
    // "1000 yen an hour" is a wage, not a time.
    .replace(/(?<!(?:円|yen|\$\s*\d+(?:\.\d+)?|dollars?|bucks?)\s*)\b(?:an|one)[- ]hour\b/g, "60分")
    .replace(rule`${N}\s*(\+)\s*(${HOURS}|${MINUTES}|${SECONDS})`, "$1$3$2");
  t = rangeInOneUnit(t, HOURS, 60);
  t = rangeInOneUnit(t, SECONDS, 1 / 60);
  t = t
    .replace(rule`${N}\s*時間半`, (_, h: string) => minutes(Number(h) * 60 + 30))
    .replace(rule`${N}\s*-?\s*${HOURS}\s*(?:and\s*)?${N}\s*(?:${MINUTES}|m\b)`, (_, h: string, m: string) =>
      minutes(Number(h) * 60 + Number(m)),
    )
    .replace(
      rule`${N}(\s*and a half)?\s*-?\s*${HOURS}(\s*and a half)?`,
      (_, h: string, half1?: string, half2?: string) => minutes(Number(h) * 60 + (half1 || half2 ? 30 : 0)),
    )
    .replace(rule`${N}\s*-?\s*${MINUTES}\s*(?:and\s*)?${N}\s*-?\s*${SECONDS}`, (_, m: string, s: string) =>
      minutes(Number(m) + Number(s) / 60),
    )
    .replace(rule`${N}\s*-?\s*${SECONDS}`, (_, s: string) => minutes(Number(s) / 60))
    .replace(rule`${N}\s*-?\s*${MINUTES}`, "$1分");
  return rewriteBands(t, "分", minutes);
}

/** Money → yen, canonical unit "円". (ワンコイン is a fixed phrase of the type that reads it.) */
function amountsInYen(text: MappedText): MappedText {
  const yen = text
    .replace(rule`[¥￥]\s*${N}(${RANGE_SEPARATOR})[¥￥]?\s*${N}(?!\s*(?:円|yen\b))`, "$1円$2$3円")
    .replace(rule`(?:[¥￥]|\bjpy)\s*${N}`, "$1円")
    .replace(rule`${N}\s*(\+)\s*(円|yen\b)`, "$1$3$2")
    .replace(rule`${N}\s*-?\s*(?:円|yen\b|jpy\b)`, "$1円");
  return rewriteBands(yen, "円", (n) => `${n}円`);
}

const KCAL = String.raw`(?:kcal|キロカロリー|calories|calorie|cals?\b|カロリー)`;

/**
 * Energy → kcal, canonical unit "kcal". キロカロリー, kcal, calories, cal and a number with
 * カロリー ("300カロリー", "カロリー300以下") all mean kilocalories per serving. カロリー with
 * no number (低カロリー, カロリー控えめ) states no value and is left alone.
 */
function energyInKilocalories(text: MappedText): MappedText {
  const kcal = text
    // "カロリー300以下": the number after the word, only when a bound, approximate or
    // joining word follows it (カロリー2倍, カロリー30%オフ are not values).
    .replace(
      rule`カロリー\s*(?:が|は)?\s*${N}(?=\s*(?:以下|以内|未満|以上|まで|超|を|より|前後|くらい|ぐらい|程度|ほど|弱|強|〜|-|から|の|で|$|[、。,.!?\s]))`,
      "$1kcal",
    )
    // A nutrition card's field: "Calories: 480", "Calories (per serving): 275", "Calories 520 per serving".
    .replace(
      rule`\bcalories\s*(?:\([^)]{0,20}\))?\s*[:：]?\s*${N}(?=\s*(?:$|[,.;·・/|)]|per\b|kcal\b|cal\b))`,
      "$1kcal",
    )
    .replace(rule`${N}\s*(\+)\s*${KCAL}`, "$1kcal$2")
    .replace(rule`${N}\s*-?\s*${KCAL}`, "$1kcal");
  return rewriteBands(kcal, "kcal", (n) => `${n}kcal`);
}

/** A count of people spelled out ("serves four", "family of six"): one to twelve. */
const SMALL_COUNTS: Record<string, number> = Object.fromEntries(
  Object.entries(SMALL_NUMBER_WORDS).filter(([, n]) => n >= 1 && n <= 12),
);
/** People counted in kana, as in ひとりぶん / ふたりまえ / よにんぶん. */
const KANA_PEOPLE: Record<string, number> = {
  ひとり: 1,
  ふたり: 2,
  さんにん: 3,
  よにん: 4,
  ごにん: 5,
  ろくにん: 6,
};
const COUNT_WORD = `(?:${Object.keys(SMALL_COUNTS).join("|")})`;
/** An approximate word between a verb of serving and its count ("serves about 4") keeps the count exact. */
const APPROX_EN = "(?:about|around|approximately|roughly)";
const PEOPLE_EN = String.raw`(?:people|persons?|guests|servings?|portions?)\b`;
/** What may follow "X人" for it to be the number of people a dish is for: a bound or approximate word, a range, 用 / 向け / 家族. */
const AFTER_COUNT = String.raw`(?=\s*(?:以上|以下|以内|まで|未満|超|を超|を上回|を下回|より|向け|用|家族|〜|-|から|くらい|ぐらい|程度|前後|ほど))`;
/** What may follow a bare "for 2" for it to mean two people ("dinner for 2", "for 4 in 30 minutes"). */
const AFTER_FOR_COUNT = String.raw`(?=\s*(?:$|[,.!?;:、。)]|(?:under|below|within|in|with|at|and|on|using|less|no|for|tonight|today|tomorrow|this|next|every|or|but|so|who|that|from|by)\b))`;

/**
 * A number of people a dish is for → people, canonical unit "人分". A count of people is one only
 * when the words say so: 人分, 人前, 人用, 人向け, X人家族, a bound word (4人以上, 3人まで),
 * "for 2 people", "serves 4", "4 servings", "family of 4", a bare "dinner for 2". A bare
 * "2人で", 子供2人 or 一人暮らし (kept as a word by normalizeQuery) is not.
 */
function peopleServed(text: MappedText): MappedText {
  // (A per-serving label, 「1人分 620kcal」, is gone already: language/measures.ts drops it for a count.)
  return (
    text
      .replace(
        rule`\b(serves|serve|serving|feeds|feed|for|family of|crowd of|group of|party of)\s+(${APPROX_EN}\s+)?(${COUNT_WORD})(?:(\s*(?:to|-)\s*)(${COUNT_WORD}))?\b`,
        (_, lead: string, approx: string | undefined, word: string, sep?: string, upper?: string) =>
          `${lead} ${approx ?? ""}${SMALL_COUNTS[word]}${sep && upper ? `${sep}${SMALL_COUNTS[upper]}` : ""}`,
      )
      // "six people", "eight guests": a count word before the people it counts.
      .replace(rule`\b(${COUNT_WORD})(?=\s+(?:people|persons|guests|diners|servings|portions)\b)`, (word: string) =>
        String(SMALL_COUNTS[word]),
      )
      // A recipe card's field ("Servings: 6", "Serves: 4", 「人数：3人」) and a count of plates (4皿分).
      .replace(rule`\b(?:servings|serves|serving size|yields?|makes|portions)\s*[:：]\s*${N}`, "$1人分")
      .replace(rule`人数\s*[:：は]?\s*${N}\s*(?:人|名)?(?:分)?`, "$1人分")
      .replace(rule`${N}\s*皿\s*分`, "$1人分")
      // The size of a household: 二人暮らし, 一人暮らし, "living alone", 夫婦2人, "the three of us"; the children a meal is for (子供2人のお弁当).
      .replace(rule`${N}\s*人\s*暮らし`, "$1人分")
      .replace(/\bliving alone\b|\bcooking for one\b/g, "1人分")
      .replace(rule`(?:子供|子ども|こども|大人|おとな)\s*${N}\s*(?:人|名)`, "$1人分")
      .replace(
        rule`\b(?:the\s+)?(${COUNT_WORD}|${NUMBER})\s+of\s+us\b`,
        (_, n: string) => `${SMALL_COUNTS[n] ?? n}人分`,
      )
      .replace(rule`夫婦\s*(?:ふたり|${N}\s*(?:人|名))`, (_, n?: string) => `${n ?? 2}人分`)
      .replace(
        new RegExp(`(${Object.keys(KANA_PEOPLE).join("|")})(?=\\s*(?:分|前|用|ぶん|まえ))`, "g"),
        (word: string) => `${KANA_PEOPLE[word]}人`,
      )
      .replace(/(?<=\d\s*(?:人|名))\s*(?:ぶん|まえ)/g, "分")
      .replace(
        rule`\b(?:serves|serve|serving|feeds|feed|family of|crowd of|group of|party of)\s+(${APPROX_EN}\s+)?${N}(?:(${RANGE_SEPARATOR})${N})?(?:\s*${PEOPLE_EN})?`,
        (_, approx: string | undefined, a: string, sep?: string, b?: string) =>
          `${approx ?? ""}${sep && b ? `${a}${sep}${b}人分` : `${a}人分`}`,
      )
      .replace(rule`\bfor\s+${N}${AFTER_FOR_COUNT}`, "$1人分")
      .replace(rule`${N}\s*-?\s*${PEOPLE_EN}`, "$1人分")
      .replace(rule`${N}\s*(?:人|名)\s*(?:分|前|用|向け)`, "$1人分")
      // 「4人家族」: the household word is part of the count's words.
      .replace(rule`${N}\s*(?:人|名)\s*家族`, "$1人分")
      .replace(rule`${N}\s*(?:人|名)${AFTER_COUNT}`, "$1人分")
  );
}

/** How a numeric filter type declares its unit: the words, from which language/ builds the grammar (a nutrient in grams, a count of eggs). */
export interface UnitWords {
  /** The canonical unit written after the number, plain text: "g". */
  readonly canonical: string;
  /**
   * Every spelling of the unit after a number, plain words: ["g", "グラム", "grams"]. A
   * spelled-out English number before one becomes digits ("two grams"), and a count of one
   * before an amount in them is that amount's per-serving label (「1人分 20g」) when a column
   * reads it per person.
   */
  readonly words: readonly string[];
  /** Signs written before the number instead: ["¥"]. */
  readonly signs?: readonly string[];
  /**
   * When given, only a quantity these words name is this type's: 「タンパク質20g」, "protein 20 g",
   * "20g of protein" (a bare 200g of pork is not protein).
   */
  readonly names?: readonly string[];
}

/** A unit whose spellings need a grammar of its own (hours into minutes, 1万円, "serves four"): its words, and its rewriting. */
export interface UnitGrammar extends UnitWords {
  /**
   * Rewrites every spelling of the quantity in a normalized text as "<number><canonical>"
   * (spelled-out numbers before a unit are digits already: see `spelledNumbersToDigits`).
   */
  canonicalize(text: MappedText): MappedText;
  /** The grammar reads spelled-out numbers itself, in its own words ("serves four", "for two"): none become digits before it. */
  readonly readsNumberWords?: boolean;
}

/** English unit words and their plurals: "minute" and "minutes". */
const withPlurals = (words: readonly string[]) => words.flatMap((word) => [`${word}s`, word]);

/** Time, in minutes: 1時間半, "an hour and a half", 90秒, 20〜30分, 1時間台. */
export const TIME_IN_MINUTES: UnitGrammar = {
  canonical: "分",
  words: ["分", "分間", "時間", "秒", ...withPlurals(["minute", "min", "hour", "hr", "second", "sec"])],
  canonicalize: (text) => durationsInMinutes(text),
};

/** Money, in yen: 500円, ¥1,000, 千円, 1万円, "800 yen", 100円台. */
export const MONEY_IN_YEN: UnitGrammar = {
  canonical: "円",
  words: ["円", "yen", "jpy"],
  signs: ["¥", "￥"],
  canonicalize: (text) => amountsInYen(text),
};

/** Energy, in kilocalories: 300kcal, 300キロカロリー, カロリー300以下, "Calories: 480". */
export const ENERGY_IN_KCAL: UnitGrammar = {
  canonical: "kcal",
  words: ["kcal", "キロカロリー", "カロリー", ...withPlurals(["calorie", "cal"])],
  canonicalize: (text) => energyInKilocalories(text),
};

/** A number of people a dish is for: 2人分, 2人前, 4人家族, "serves four", "dinner for 2". */
export const PEOPLE: UnitGrammar = {
  canonical: "人分",
  words: ["人分", "人前", "people", ...withPlurals(["person", "serving"])],
  canonicalize: (text) => peopleServed(text),
  readsNumberWords: true,
};

const literalWord = (word: string) => {
  const escaped = word
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return /^[\x20-\x7e]+$/.test(word) ? `${escaped}(?![a-z])` : escaped;
};
/** A regex source for any of `words` as written in a normalized text (the longest first). */
export const anyOf = (words: readonly string[]) =>
  `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(literalWord)
    .join("|")})`;

/**
 * The canonicalizer a unit gives: a unit grammar's own, or for plain unit words, one that turns
 * every "<number><unit word>" (named by one of `names`, when given) into "<number><canonical>",
 * and bands (20g台) into ranges, as for the built-in units.
 */
export function canonicalizerFor(declared: UnitWords | UnitGrammar): {
  canonicalize: (text: MappedText) => MappedText;
  /** The unit the canonicalizer writes: a named quantity's carries a private mark, so a bare "200g" in the query is never it. */
  canonical: string;
} {
  if ("canonicalize" in declared) return { canonicalize: declared.canonicalize, canonical: declared.canonical };
  const { words, names } = declared;
  const canonical = names ? `${declared.canonical}\ue000` : declared.canonical;
  const unit = anyOf(words);
  const plain = rule`${N}\s*-?\s*${unit}`;
  const named = names && anyOf(names);
  const nameThenAmount = named && rule`${named}\s*(?:は|が|:|の量)?\s*(?:約|about|around)?\s*${N}\s*-?\s*${unit}`;
  const amountThenName = named && rule`${N}\s*-?\s*${unit}\s*(?:of\s+|の)?${named}`;
  const canonicalize = (text: MappedText) => {
    if (!nameThenAmount || !amountThenName)
      return rewriteBands(text.replace(plain, `$1${canonical}`), unit, (n) => `${n}${canonical}`);
    // The name is consumed with the amount, so its words are part of the evidence; a band (塩分2g台) is read after.
    const read = text.replace(nameThenAmount, `$1${canonical}`).replace(amountThenName, `$1${canonical}`);
    return rewriteBands(read, canonical.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), (n) => `${n}${canonical}`);
  };
  return { canonicalize, canonical };
}
