/**
 * Amounts a word qualifies (filter-semantics.md, "Per serving, per period, ranges by 台"):
 * a cost or calorie amount for one person (1人分100円, 1食150円, "300 yen a head") and a
 * budget for a period (月2万円, 1日1000円, "5000 yen a week"). Works on text whose amounts
 * are already canonical ("100円", "620kcal"); `symbol` is that canonical unit.
 *
 * A per-person amount keeps its value and loses the qualifier, so "1人分" there is never
 * read as one serving; a period amount is marked so no recipe column reads it.
 */
import { NUMBER } from "./numerals.js";

/** Marks written after a canonical unit: "円/人" is per person, "円/期" a budget for a period. */
export const PER_PERSON = "/人";
export const PER_PERIOD = "/期";

/** A count of one person or one meal as the qualifier of an amount: 1人分, 1人前, 一人あたり, ひとり, 1食. */
const ONE_PERSON_JA = String.raw`(?:(?<![\d.])1\s*(?:人|名)\s*(?:分|前|あたり|当たり|当り|につき)?|ひとり\s*(?:分|ぶん|前|まえ|あたり|当たり)?|(?<![\d.])1\s*食\s*(?:分|あたり|当たり|当り)?)`;
const PER_PERSON_EN = String.raw`(?:per|a|each|every|one|1)[\s-]+(?:serving|person|head|portion|plate)s?\b`;

/** A period: 月 (not 10月, a date), 1ヶ月, 週, 1週間, 1日, 5日分, 年 (not 2024年), 毎日 … */
const PERIOD_JA = String.raw`(?:(?:毎月|(?<![\d.])月|\d+\s*(?:ヶ|か|カ|ヵ|ケ|箇)\s*月|ひと月|毎週|(?<![\d.])週|\d+\s*週間?|毎日|\d+\s*日間?|毎年|(?<![\d.])年|\d+\s*年間)(?:分)?)`;
const PERIOD_EN =
  /\b(?:(?:a|per|each|every|one|1)\s+(?:week|month|day|year)|weekly|monthly|daily|yearly|annual|fast days?|\d+\s*-?\s*(?:days?|weeks?|months?))\b/;

/** Words between a qualifier and its amount: particles, 食費/予算, one person within a period. */
const GAP_JA = String.raw`\s*(?:あたり|当たり|の|で|は|に|、|,)?\s*(?:\d+\s*食\s*(?:で|の|分)?)?\s*(?:(?:1\s*人|ひとり)\s*(?:あたり|当たり)?)?\s*(?:の|で|は|、)?\s*(?:食費|予算|材料費|費用|カロリー)?\s*(?:は|が|の|で|、)?\s*(?:約|だいたい|大体|およそ|最大|最低|せいぜい)?\s*`;

const amount = (symbol: string) => String.raw`${NUMBER}\s*${symbol}(?:\s*(?:〜|-|から)\s*${NUMBER}\s*${symbol})?`;

const mark = (text: string, symbol: string, how: string) => text.replaceAll(symbol, `${symbol}${how}`);

interface AmountRules {
  periodBefore: RegExp;
  periodAfter: RegExp;
  anyAmount: RegExp;
  personBefore: RegExp;
  personAfter: RegExp;
  personBeforeEn: RegExp;
}

/** The rules for one canonical unit, compiled once. */
const rulesFor = (() => {
  const cache = new Map<string, AmountRules>();
  return (symbol: string): AmountRules => {
    const known = cache.get(symbol);
    if (known) return known;
    const money = amount(symbol);
    const unmarked = String.raw`(?!${PER_PERIOD}|${PER_PERSON})`;
    const rule = (source: string) => new RegExp(source, "g");
    const rules: AmountRules = {
      anyAmount: rule(money),
      periodBefore: rule(String.raw`${PERIOD_JA}(${GAP_JA})(${money})`),
      periodAfter: rule(
        String.raw`(${money})(?!${PER_PERIOD})(\s*(?:/|で|per)\s*(?:\d+\s*(?:ヶ|か|カ|ヵ|ケ)\s*月|月|\d*\s*週間?|\d+\s*日(?:間|分)?|年))`,
      ),
      personBefore: rule(String.raw`${ONE_PERSON_JA}(${GAP_JA})(${money})${unmarked}`),
      personAfter: rule(
        String.raw`(${money})${unmarked}\s*(?:/\s*(?:人|person|serving)|(?:per|a|each|for one|for 1)\s+(?:serving|person|head|portion|plate)s?\b|(?:per|a)\s+head\b)`,
      ),
      personBeforeEn: rule(String.raw`\b${PER_PERSON_EN}([^\d]{0,30}?)(${money})${unmarked}`),
    };
    cache.set(symbol, rules);
    return rules;
  };
})();

/** Marks per-person and period amounts of `symbol` (already canonical, e.g. "円") as described above. */
export function qualifyAmounts(text: string, symbol: string): string {
  // Most queries state no amount of this unit at all: nothing to qualify.
  if (!text.includes(symbol)) return text;
  const rules = rulesFor(symbol);
  let t = text;
  // Period first: 1日1人1500円 is a day's budget, not a per-person cost.
  if (PERIOD_EN.test(t)) t = t.replace(rules.anyAmount, (m) => mark(m, symbol, PER_PERIOD));
  t = t
    .replace(rules.periodBefore, (_, gap: string, m: string) => `${gap}${mark(m, symbol, PER_PERIOD)}`)
    .replace(rules.periodAfter, (_, m: string, period: string) => `${mark(m, symbol, PER_PERIOD)}${period}`);
  return t
    .replace(rules.personBefore, (_, gap: string, m: string) => `${gap}${mark(m, symbol, PER_PERSON)}`)
    .replace(rules.personAfter, (_, m: string) => mark(m, symbol, PER_PERSON))
    .replace(rules.personBeforeEn, (_, gap: string, m: string) => `${gap}${mark(m, symbol, PER_PERSON)}`);
}
