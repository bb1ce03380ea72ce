import type { Operator } from "../filters/filter.js";

/**
 * The bound vocabulary of filter-semantics.md ("Bounds"), as patterns on normalized,
 * lower-cased text. Each list is ordered: the first pattern that matches decides, so a
 * negation ("を超えない", "no longer than") comes before the word it negates.
 */

/** Words right after a quantity ("10分以内", "10 minutes or less"), once approximate words are skipped. */
export const AFTER: readonly (readonly [RegExp, Operator])[] = [
  // "not more than X": the negated strict bounds are inclusive bounds the other way.
  [/^(?:を?超えない|を?超えず|を?上回らない|を?過ぎない)/, "<="],
  [
    /^(?:以内|以下|まで|収まる|収まり|収め|抑え|済む|済ませ|or less\b|or under\b|or fewer\b|or below\b|at most\b|max(?:imum)?\b|tops\b|at the most\b)/,
    "<=",
  ],
  [
    /^(?:未満|より短|より安|より少な|より早|を?切る|を?切れ|を?下回|足らず|足らない|かからな|かからず|かかりません|弱(?!火)|or shorter\b)/,
    "<",
  ],
  [
    /^(?:以上|〜(?!\s*\d)|\+|or more\b|or longer\b|or over\b|and up\b|and over\b|at least\b|minimum\b|min\b|plus\b)/,
    ">=",
  ],
  [/^(?:超え|超|を?超える|を?上回る|より長|より高|より多|より遅|オーバー|強(?!火))/, ">"],
];

/** Words right before a quantity ("within 10 minutes", "最大で10分", "≤ 30分"), once approximate words are skipped. */
export const BEFORE: readonly (readonly [RegExp, Operator])[] = [
  // Negations first: "no less than" must not be read as "less than".
  [/(?:\b(?:no|not) (?:more|longer|higher|greater) than|\bnot (?:over|above|exceeding))$/, "<="],
  // "does not have to / should not take longer than 15 minutes": a negated verb phrase.
  [/(?:\bnot|n['’]t|\bnever)(?:\s+[a-z]+){0,3}\s+(?:(?:more|longer|higher|greater) than|over|above|exceed)$/, "<="],
  [/(?:\bnot|n['’]t|\bnever)(?:\s+[a-z]+){0,3}\s+(?:less|fewer|shorter|lower) than$/, ">="],
  [/\b(?:no|not) (?:less|fewer|shorter|lower) than$/, ">="],
  [
    /(?:\bwithin|\bat (?:the )?most|\bup to|\bmax(?:imum)?(?: of)?|最大|最長|長くても|遅くても|高くても|多くても|多くとも|せいぜい)(?:で|は|でも)?$/,
    "<=",
  ],
  [/(?:<=|=<|≤|≦)$/, "<="],
  [
    /(?:\bunder|\bsub|\bless than|\bfewer than|\bbelow|\bshorter than|\bcheaper than|\blower than|\bquicker than|\bfaster than|<)$/,
    "<",
  ],
  [/(?:\bat least|\bminimum(?: of)?|\bmin\.?|最低|最短|少なくとも|短くても|安くても)(?:で|は|でも)?$/, ">="],
  [/(?:>=|=>|≥|≧)$/, ">="],
  [
    /(?:\bmore than|\bover|\blonger than|\babove|\bgreater than|\bhigher than|\bmore expensive than|\bexceeding|\bupwards of|>)$/,
    ">",
  ],
];

/**
 * Approximate words keep the bound the sentence implies ("約10分以内" is <= 10); alone
 * they leave the default <=. Particles between the quantity and a bound word are skipped too.
 */
export const APPROX_AFTER =
  /^(?:\s*(?:くらい|ぐらい|位|程度|ほど|前後|ちょっと|ちょい|ばかり|目安|を目安|or so\b|-?ish\b|give or take)\s*)*(?:で|に|は|が|も|、)?\s*/;
export const APPROX_BEFORE =
  /\s*(?:about|around|approx\.?|approximately|roughly|some|約|大体|だいたい|おおよそ|およそ|ほぼ|たった|わずか)?\s*$/;

/** What joins the two ends of a range ("20〜30分", "10-20 minutes", "from 1 to 2 hours", "between 5 and 10"). */
export const RANGE_SEPARATOR = String.raw`\s*(?:〜|-|から|to|and)\s*`;
/** What may close a range ("10分から20分まで", "500円から1000円の間"). */
export const RANGE_CLOSER = String.raw`(?:\s*(?:まで|の間|の範囲))?`;
