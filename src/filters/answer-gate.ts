/**
 * The answer gate (issue 22): before a branch asks the model, its filter type says, offline
 * and cheaply, whether the query could state anything for its column at all. A type
 * gets its gate from what it declares — a numeric type asks when its own offline reading
 * finds something, a number is open (no unit: "under 20", "20以内") or written with a unit
 * word of the type's examples or one it reads itself, or a number is spelled in words
 * (twenty, ごふん, 半, ワンコイン);
 * a value-list type (`values`) asks whenever a value is named or any word is left that the
 * rules cannot place. It errs towards asking: a skipped branch that had an answer loses a
 * filter, an asked branch that had none costs one model call. A type may declare its own
 * gate (`FilterType.answerGate`); every other type gets the derived one.
 */
import { normalizeQuery } from "../language/numerals.js";
import type { FilterType, ReadAlongside } from "./filter-type.js";

/** The gate's verdict on one query for one type: ask the model, or answer "no filter" and why. */
export type GateVerdict = { readonly ask: true; readonly why: string } | { readonly ask: false; readonly why: string };

export type AnswerGate = (query: string) => GateVerdict;

/** English number words, and words that stand for a quantity ("an hour", "half", "a dozen", "a couple"). */
const ENGLISH_NUMBER =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|quarter|couple|single|double|twice|an? (?:hour|minute|min|few|yen|person|serving|portion))\b/;
/** Numerals in kana with a counter (ごふん, じゅっぷん, ひとり, ふたりぶん, さんにん, ひゃくえん), and katakana number words (ワンコイン, ハーフ). */
const KANA_NUMBER =
  /(?:いち|に|さん|よん|ご|ろく|なな|しち|はち|きゅう|じゅう|じゅっ|じっ|ひゃく|びゃく|ぴゃく|せん|ぜん|まん|いっ|ろっ|はっ|ひと|ふた|みっ|よっ|いつ|むっ|やっ|ここの|とお)(?:ふん|ぷん|じかん|びょう|えん|にん|り|ぶん|まえ|つ|こ|しょく)|(?:ワン|ツー|スリー|フォー|ファイブ|シックス|セブン|エイト|ナイン|テン|ハーフ|ダース|ダブル|シングル)/;
/** 半 (1時間半, 半日, 半額), 数 and 何 before a counter (数分, 何人分): a quantity without digits. */
const KANJI_QUANTITY = /[半倍割数何幾]/;

/** A spelled-out quantity (number word, kana numeral, 半 …): the rules read few of these, so every numeric type asks. */
function quantityWordIn(text: string): string | undefined {
  const word = ENGLISH_NUMBER.exec(text) ?? KANA_NUMBER.exec(text) ?? KANJI_QUANTITY.exec(text);
  if (word) return `the number word "${word[0]}"`;
  // A kanji numeral normalizeQuery kept as a word (一人暮らし, 十分に): the model decides.
  const kept = /[〇一二三四五六七八九十百千万]/.exec(text);
  return kept ? `the numeral ${kept[0]}` : undefined;
}

/** What may follow a number that leaves its quantity open ("20以内", "under 20", "10〜20分"): it may be any column's. */
const OPEN_AFTER =
  /^\s*(?:$|[\p{P}\p{S}]|以内|以下|以上|未満|まで|超|より|くらい|ぐらい|程度|前後|ほど|弱|強|から|で|に|の|を|が|は|と|も|or\b|and\b|to\b|or\b|max\b|tops\b|plus\b|at\b|in\b|for\b|with\b)/u;
/** The word right after a number: a CJK run, or up to two Latin words ("kcal", "minutes", "people"). */
const NEXT_WORD = /^\s*(?:[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー]{1,6}|[a-z]+(?:\s+[a-z]+)?)/u;

const NUMBER = /\d+(?:\.\d+)?/g;
const wordAfter = (text: string, end: number) => NEXT_WORD.exec(text.slice(end))?.[0].trim() ?? "";
/** How a unit word is compared: a CJK word by its first character (円, 分, 人), a Latin one by its first three letters (min, yen, peo). */
const unitKey = (word: string) => (/^[a-z]/.test(word) ? word.slice(0, 3) : word.slice(0, 1));

/**
 * The unit words of a type, from its own examples: the word after each number whose value is
 * a filter's in that example (all the example's numbers when the value is converted, 1時間 → 60).
 */
function exampleUnitKeys(type: FilterType<any>): Set<string> {
  const keys = new Set<string>();
  for (const example of type.examples) {
    if (!example.filters.length) continue;
    const text = normalizeQuery(example.query);
    const numbers = [...text.matchAll(NUMBER)];
    const values = new Set(example.filters.flatMap((f) => [f.value].flat()).map(String));
    const stated = numbers.filter((m) => values.has(String(Number(m[0]))));
    for (const m of stated.length ? stated : numbers) {
      const word = wordAfter(text, (m.index ?? 0) + m[0].length);
      if (word) keys.add(unitKey(word));
    }
  }
  return keys;
}

/**
 * Each number in the (normalized) query, and whether it could be this type's: open (no unit,
 * or only a bound word after it), written with one of the unit words of the type's examples,
 * or with a word the type's own grounding reads as its unit (probed: "1<word>").
 */
function numberForType(
  readsAsUnit: (word: string) => boolean,
  unitKeys: Set<string>,
  text: string,
): string | undefined {
  for (const m of text.matchAll(NUMBER)) {
    const end = (m.index ?? 0) + m[0].length;
    if (OPEN_AFTER.test(text.slice(end)) && !/[¥￥$]\s*$/.test(text.slice(0, m.index)))
      return `the open number ${m[0]}`;
    const word = wordAfter(text, end);
    if (word && unitKeys.has(unitKey(word))) return `the number ${m[0]} ${word}`;
    for (let length = 1; length <= word.length; length++)
      if (readsAsUnit(word.slice(0, length))) return `the number ${m[0]} ${word.slice(0, length)}`;
  }
  return undefined;
}

/**
 * What never names a value of a value-list column: numbers with their units, bound and
 * approximate words, requests and particles. Whatever is left after removing these (and the
 * type's own values) is a word the rules cannot place, and the model is asked about it.
 */
const PLACEABLE = [
  /\d+(?:\.\d+)?/g,
  /(?:以内|以下|以上|未満|超え|超|まで|から|より|くらい|ぐらい|程度|前後|ほど|約|およそ|だいたい|弱|強|台|〜)/g,
  /(?:時間|分間|分|秒|円|人分|人前|人用|人向け|人|名|キロカロリー|カロリー|kcal|予算|コスト|費用|値段)/g,
  /(?:で作れる|で作る|で出来る|でできる|作れる|作る|出来る|できる|教えて|ください|下さい|欲しい|ほしい|レシピ|料理|メニュー|献立|探して|知りたい)/g,
  /\b(?:under|below|less|fewer|than|within|at|most|least|up|to|over|above|more|or|and|between|about|around|max|min|no|not|in|for|of|a|an|the|with|minutes?|mins?|hours?|hrs?|seconds?|secs?|yen|jpy|kcal|calories?|cals?|people|persons?|servings?|serves?|portions?|recipes?|ideas?|that|takes?|costs?|cheap|budget|per|make|cook|can|i|me|show|find|give|some|any)\b/g,
  /[\s\p{P}\p{S}のでにをがはともやかなへだ]+/gu,
];

function unplacedWords(query: string, named: (text: string) => string): string {
  let text = named(normalized(query));
  for (const pattern of PLACEABLE) text = text.replace(pattern, " ");
  return text.trim();
}

/** The gate a numeric type gets from its declaration: any spelled quantity, or its own offline reading. */
function numericGate(type: FilterType<any>, registry: ReadAlongside): AnswerGate {
  const unitKeys = exampleUnitKeys(type);
  // Whether the type's own grounding reads "1<word>" as a quantity of its unit; words recur, so each is probed once.
  const probed = new Map<string, boolean>();
  const readsAsUnit = (word: string) => {
    let reads = probed.get(word);
    if (reads === undefined) {
      reads = type.groundingValues(`1${/^[a-z]/.test(word) ? " " : ""}${word}`, registry).length > 0;
      if (probed.size < 10_000) probed.set(word, reads);
    }
    return reads;
  };
  return (query) => {
    const text = normalized(query);
    const reason = numberForType(readsAsUnit, unitKeys, text) ?? quantityWordIn(text);
    if (reason) return { ask: true, why: `${reason} may state ${type.column}` };
    // Last, the type's own reading: a fixed phrase of its unit family.
    if (type.extractOffline(query, registry).length) return { ask: true, why: `the rules read ${type.column} in it` };
    return { ask: false, why: `no open number, number word or number in ${type.unit} in the query` };
  };
}

/** The branches of one query ask in turn: the query is normalized once for all of them. */
let last = { query: "", text: "" };
function normalized(query: string): string {
  if (last.query !== query || !last.text) last = { query, text: normalizeQuery(query) };
  return last.text;
}

/** The gate a value-list type gets from its declaration: a value named, or any word the rules cannot place. */
function valueListGate(type: FilterType<any>, registry: ReadAlongside): AnswerGate {
  const values = [...(type.values ?? [])].sort((a, b) => b.length - a.length);
  const removeValues = (text: string) => values.reduce((t, v) => t.replaceAll(v.toLowerCase(), " "), text);
  return (query) => {
    const named = type.groundingValues(query, registry);
    if (named.length) return { ask: true, why: `names ${named.join(", ")}` };
    const left = unplacedWords(query, removeValues);
    if (left) return { ask: true, why: `words the rules cannot place: ${left.slice(0, 40)}` };
    return { ask: false, why: `no ${type.unit} word and no word the rules cannot place` };
  };
}

const gates = new WeakMap<ReadAlongside, WeakMap<FilterType<any>, AnswerGate>>();
const alone = new WeakMap<FilterType<any>, ReadAlongside>();

/**
 * The type's answer gate: its own, or the one derived from its declaration (numeric or
 * value-list), reading the query beside `registry`'s types (by default the type alone, which
 * only ever asks more: no other column's amount makes its 1人分 a label).
 */
export function answerGate(type: FilterType<any>, registry?: ReadAlongside): AnswerGate {
  const beside = registry ?? alone.get(type) ?? [type];
  if (!registry) alone.set(type, beside);
  let forRegistry = gates.get(beside);
  if (!forRegistry) {
    forRegistry = new WeakMap();
    gates.set(beside, forRegistry);
  }
  let gate = forRegistry.get(type);
  if (!gate) {
    gate = type.answerGate ?? (type.values ? valueListGate(type, beside) : numericGate(type, beside));
    forRegistry.set(type, gate);
  }
  return gate;
}

/** The types whose branches ask the model for this query (on the `llm` path), in registry order. */
export const typesAskedFor = <T extends FilterType<any>>(query: string, registry: readonly T[]): T[] =>
  registry.filter((type) => answerGate(type, registry)(query).ask);
