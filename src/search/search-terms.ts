/**
 * The terms a recipe's text and a search are compared by, with no dictionary package:
 * Node's built-in `Intl.Segmenter` (ICU's word breaks) splits the text; particles (の, を, と …)
 * split Japanese into runs, and each run is indexed as its character bigrams, so 鶏むね肉,
 * むね肉 and 鶏胸肉 share terms however ICU happened to cut them. Latin words are lower-cased
 * and lose a plural s.
 */

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

/** Particles and bound words that join Japanese words rather than name anything. */
const PARTICLES = new Set(["の", "を", "に", "で", "と", "は", "が", "も", "や", "へ", "から", "まで", "より", "な"]);

/** Words of a request (作れる, 教えて, レシピ) as the segmenter cuts them: they name nothing a recipe is about. */
const REQUEST_WORDS = new Set(
  [
    "作れる",
    "作る",
    "作り",
    "作れ",
    "たい",
    "教え",
    "て",
    "くだ",
    "さい",
    "ください",
    "レシピ",
    "できる",
    "でき",
  ].concat([
    "おすすめ",
    "料理",
    "使",
    "っ",
    "た",
    "使う",
    "使える",
    "探し",
    "ほしい",
    "欲しい",
    "知り",
    "な",
    "ある",
    "もの",
  ]),
);

/** English words that name nothing a recipe is about. */
const STOP_WORDS = new Set(
  [
    "a",
    "an",
    "the",
    "and",
    "or",
    "with",
    "of",
    "for",
    "in",
    "on",
    "to",
    "some",
    "my",
    "me",
    "i",
    "that",
    "using",
  ].concat([
    "dish",
    "dishe",
    "recipe",
    "idea",
    "meal",
    "food",
    "make",
    "made",
    "show",
    "find",
    "give",
    "want",
    "please",
  ]),
);

/** Kana, kanji and the rest of the CJK blocks start at U+3000 (Latin, digits and their marks are below). */
const isJapanese = (segment: string) => segment.charCodeAt(0) >= 0x3000;

const stem = (word: string) =>
  word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;

/** A run's character bigrams; a one-character run is its own term. */
function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const terms: string[] = [];
  for (let i = 1; i < chars.length; i++) terms.push(chars[i - 1] + chars[i]);
  return terms;
}

/** The search terms of a text, in order (repeats kept: BM25 counts them). */
export const searchTerms = (text: string): string[] => searchTermsOfEach([text])[0];

/**
 * The search terms of each text. One segmenter pass over all of them (joined by line breaks,
 * where a word always breaks) costs a fraction of one pass per text: a catalog is indexed so.
 */
export function searchTermsOfEach(texts: readonly string[]): string[][] {
  const all: string[][] = [[]];
  let terms = all[0];
  let run = "";
  const flush = () => {
    if (run) terms.push(...bigrams(run));
    run = "";
  };
  const joined = texts.map((t) => t.normalize("NFKC").toLowerCase().replace(/\n/g, " ")).join("\n");
  for (const { segment, isWordLike } of segmenter.segment(joined)) {
    if (!isWordLike) {
      flush();
      for (const c of segment)
        if (c === "\n") {
          terms = [];
          all.push(terms);
        }
    } else if (isJapanese(segment)) {
      if (PARTICLES.has(segment) || REQUEST_WORDS.has(segment)) flush();
      else run += segment;
    } else {
      flush();
      const word = stem(segment);
      if (!STOP_WORDS.has(word)) terms.push(word);
    }
  }
  flush();
  return all;
}
