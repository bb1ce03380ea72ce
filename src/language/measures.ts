/**
 * What each quantity measures (filter-semantics.md, "What a number measures" and "Per serving,
 * per period"). A number is a filter only when it measures the recipe the user is looking for;
 * this stage reads every quantity's surroundings — the noun it prices, a per-gram or per-piece
 * word, a period word in its clause, a verb such as 買う / 節約 / 歩く / 保存, a daily total — and
 * writes what it found after the canonical unit, so the one bound grammar reads only the
 * quantities a column asks for:
 *
 *   "128円" + NOT_THE_RECIPE   not the recipe's at all (an ingredient's price, a wage, a saving, storage time)
 *   "20000円" + PERIOD         a budget or total for a period (月2万円, 1日1800kcal)
 *   "100円" + PER_PERSON       an amount for one person (1人分100円, "300 yen a head")
 *   "500円"                    the recipe's own
 *
 * The marks are private-use characters, which normalizeQuery removes from any query, so no
 * written character ("2人分／15分") is ever read as one.
 *
 * The rules are a table per dimension (money, energy, time, count): a numeric filter type names
 * its dimension and gets them all; no rule knows a column.
 */
import { AFTER, APPROX_AFTER } from "./bound-words.js";
import type { MappedText } from "./mapped-text.js";
import { NUMBER } from "./numerals.js";
import { anyOf, type UnitWords } from "./units.js";

/** What a quantity is a measure of, physically: the rules that apply to it follow from this. */
export type Dimension = "money" | "energy" | "time" | "count" | "mass";

/** The marks written after a canonical unit. */
export const MARK = { perPerson: "\ue001", period: "\ue002", notTheRecipe: "\ue003" } as const;
const ANY_MARK = "[\\ue001-\\ue003]";
export type Measure = "recipe" | keyof typeof MARK;

/** What the bound grammar matches after the canonical unit for each reading of a column. */
export const READS = {
  /** Only the recipe's own amounts (the recipe's cost, time). */
  recipe: `(?!${ANY_MARK})`,
  /** Only amounts for one person (the cost per serving). */
  perPerson: MARK.perPerson,
  /** The recipe's amounts and those for one person, which are the same thing (energy per serving). */
  perServing: `${MARK.perPerson}?(?!${ANY_MARK})`,
} as const;
export type Reading = keyof typeof READS;

// ——— Contexts ———

/** Where a clause ends: a sentence mark, a colon, a comma (not a decimal point or thousands separator). */
const CLAUSE_BREAK = /[。！？!?\n;；:：、]|[.,](?!\d)/g;

function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  let from = 0;
  for (const m of text.slice(0, start).matchAll(CLAUSE_BREAK)) from = (m.index ?? 0) + m[0].length;
  CLAUSE_BREAK.lastIndex = 0;
  const rest = text.slice(end);
  const stop = rest.search(CLAUSE_BREAK);
  return { before: text.slice(from, start), after: stop < 0 ? rest : rest.slice(0, stop) };
}

/** The text after a quantity once its approximate and bound words are skipped: a bound word changes nothing here. */
function pastBoundWords(after: string): string {
  let rest = after.replace(APPROX_AFTER, "");
  for (const [re] of AFTER) {
    const m = re.exec(rest);
    if (m) {
      rest = rest.slice(m[0].length).replace(/^\s*(?:で|に|は|が|も|の)?\s*/, "");
      break;
    }
  }
  return rest;
}

interface Context {
  /** The clause up to the quantity. */
  before: string;
  /** The clause after the quantity, as written. */
  after: string;
  /** The clause after the quantity and its bound words. */
  next: string;
  /** The whole text (a household's spending may be named in an earlier sentence). */
  text: string;
}

interface Rule {
  /** Why: read in the tests and the code, never shown to users. */
  name: string;
  dimensions: readonly Dimension[];
  measure: Exclude<Measure, "recipe" | "perPerson">;
  applies(context: Context): boolean;
}

/** A counted or weighed thing right before a price: 「豚こま100g 128円」, 「卵1パック230円」, 「1個150円」. */
const COUNTED_BEFORE =
  /(?:\d+(?:\.\d+)?\s*(?:個|パック|本|枚|袋|玉|尾|切れ|缶|丁|束|房|株|匹|粒|箱|瓶|斤|つ|コ)|1\s*(?:dozen|pack|can|bag|bottle|loaf|piece))\s*(?:あたり|当たり|につき|は|が)?\s*(?:約|だいたい|およそ)?\s*$/;
const WEIGHED_BEFORE =
  /\d+(?:\.\d+)?\s*(?:g|kg|グラム|キロ|ml|cc|lbs?|pounds?|oz|ounces?|grams?)(?![a-z])\s*(?:あたり|当たり|につき|で|は|が|の|:)?\s*(?:約|だいたい|およそ|about)?\s*$/;
/** "128円/100g", "300 yen a pound", "230 yen per pack", "98 yen each": a price per gram or per piece. */
const PER_UNIT_AFTER =
  /^\s*(?:each\b(?!\s+(?:serving|person|portion|head|plate))|(?:\/|per\b|an?\b|each\b|for\s+(?:an?|one|1)\b)\s*(?:\d+(?:\.\d+)?\s*)?(?:g\b|grams?\b|kg\b|kilos?\b|kilograms?\b|lbs?\b|pounds?\b|oz\b|ounces?\b|pieces?\b|packs?\b|packages?\b|cans?\b|bags?\b|bottles?\b|dozen\b|loaf\b|個|本|枚|パック|袋|玉|キロ|グラム))/;
/** Energy per gram or per 100 g: 「米100gあたり168kcal」, "380 calories in 100 g", "per 100g: 168 kcal". */
const PER_WEIGHT_IN_CLAUSE =
  /\d+\s*(?:g|グラム|ml|cc|grams?|oz|ounces?)\s*(?:あたり|当たり|につき|中|で)|\bper\s+\d*\s*(?:g|grams?|ml|oz|ounces?|cups?|slices?|pieces?|tbsp|tablespoons?)\b/;
const PER_WEIGHT_AFTER =
  /^\s*(?:\/|per\b|in\b|for\b)\s*(?:\d+(?:\.\d+)?\s*)?(?:g\b|grams?\b|ml\b|oz\b|ounces?\b|cups?\b|slices?\b|pieces?\b|tbsp\b|tablespoons?\b|個|枚|本|切れ)/;

/** A price tag, a wage or a utility bill that the amount is the value of: 「時給1200円」, 「ガス代は月3000円」, "gas costs 15 yen". */
const PRICED_THING_BEFORE =
  /(?:値段|価格|相場|特売|時給|日給|月給|年収|年俸|給料|給与|バイト代|ガス代|電気代|光熱費|水道代|ガソリン代?|燃料費|\bprices?|\bpriced|\bwages?|\bsalary|\bhourly|\belectricity|\bfuel|\bgas|\bpropane|\bpower(?: bill)?|\butilit(?:y|ies))(?:\s+(?!under\b|below\b|within\b)[a-z]+){0,4}?\s*(?:は|が|:|も|で)?\s*(?:\d+\s*回\s*(?:あたり|当たり|につき|で)?)?\s*(?:約|だいたい|およそ|about|around|only|just|roughly)?\s*$/;
/** "20 yen in electricity", "100 yen of gas": the amount is a utility's. */
const UTILITY_AFTER = /^\s*(?:in|of|for|worth of)\s+(?:electricity|gas|power|fuel|propane|water)\b/;
/** Something bought ready-made, or a pack of an ingredient, named before the amount in its clause: "a pack of tofu is 60 yen", 「コンビニのおにぎりは」. */
const BOUGHT_THING_IN_CLAUSE =
  /\b(?:an?|one|\d+(?:\.\d+)?\s*(?:kg|g|lbs?|pounds?|oz)?)\s+(?:packs?|packages?|bags?|cans?|bottles?|dozen|loaf|loaves|cartons?|box(?:es)?|jars?|heads?|bunch(?:es)?|blocks?|trays?)\s+of\b|\b(?:canteen|cafeteria|restaurants?|coffee shops?|cafes?|caf\u00e9s?|takeout|take-out|delivery|convenience stores?|konbini|vending machines?|bakery|supermarkets?|farm stand|market)\b|コンビニ|外食|お店で|店で|定食屋|学食|社食|自販機|スーパーで|スーパーの/;
/** Money saved, right after the amount: 「5000円浮いた」, 「500円も節約」 (not 「100円の節約おかず」, a budget dish). */
const SAVED_MONEY_AFTER =
  /^\s*(?:も|を|が|の|ほど|くらい)?\s*(?:節約(?!レシピ|おかず|料理|ごはん|ご飯|メニュー|副菜|主菜|献立|弁当|飯|めし|丼|術|生活|ランチ|ディナー)|浮い|浮か|浮く|浮き|お得|得した|安く|削減|カット|値引|割引|引き)/;
/** Verbs of buying right after the amount (past its bound words): 「230円以上する」, 「150円で買える」, "saved 500 yen". */
const BOUGHT_OR_SAVED_AFTER =
  /^\s*(?:も|を|が|の|ほど|くらい)?\s*(?:減ら|減っ|で?買|で?購入|で?売|で手に入|もする|する(?=\s*(?:$|[、。,.!?]|けど|のに|から|ので|し|もの|食材|肉|卵|野菜|魚|調味料))|した(?!ら)|だった|saved?\b|savings?\b|cheaper\b|off\b|an hour\b|per hour\b|an? hr\b|at the (?:store|supermarket)\b)/;
const BUY_OR_SAVE_BEFORE =
  /(?:\bsav(?:e|es|ed|ing)|\bshav(?:e|es|ed)|\bcut|\bpa(?:y|id|ys)|\bbought|\bbuy|\bspen[dt]|\bearn(?:s|ed)?|\bmake|\bcosts? me|\bpicked up(?:\s+\w+){0,3}\s+(?:at|for))(?:\s+(?:up to|about|around|over|nearly|almost|roughly|only|just|me|us|you))*\s*$/;

/** 食費 is what a household spends; it is a recipe's cost only when the clause ties it to a recipe, a dish or one meal. */
const HOUSEHOLD_SPENDING =
  /食費|買い出し|買い物代|生活費|\bfood (?:budget|bill|spending)\b|\bgrocery (?:budget|bill|spending)\b|\bgroceries\b|\bspend(?:ing)? on (?:food|groceries)\b/;
const TIED_TO_ONE_MEAL =
  /レシピ|料理|献立|一品|1品|おかず|副菜|主菜|主食|汁物|ご飯|ごはん|1食|1回|メニュー|弁当|丼|パスタ|夕飯|夕食|晩ご飯|晩ごはん|朝食|昼食|ランチ|ディナー|\brecipes?\b|\bdish(?:es)?\b|\bmeals?\b|\bdinners?\b|\blunch(?:es)?\b|\bbreakfasts?\b|\bmenu\b/;

/** A time that is not the making of a dish: storage, exercise, a commute, time saved. */
const STORAGE =
  /保存|日持ち|持ちます|もちます|もつ|置いておけ|放置しない|タイマー(?:は|が|で)|\btimer\b|\bkeeps?\b|\bkept\b|\bstor(?:e|ed|es|age|ing)\b|\bleave\s+(?:\w+\s+)?out\b|\bleft out\b|\bsit(?:ting)? out\b|\broom temperature\b|\bshelf life\b|\bgood for\b/;
const EXERCISE_AFTER =
  /^\s*(?:の|も|は|ほど|くらい|ぐらい|間)?\s*(?:歩|ウォーキング|ジョギング|ランニング|走|運動|筋トレ|トレーニング|散歩|ヨガ|泳|of (?:exercise|walking|running|jogging|cardio|yoga|activity)\b|walks?\b|jog\b|runs?\b|workouts?\b|exercise\b|cardio\b)/;
const EXERCISE_BEFORE_JA = /(?:ジョギング|ウォーキング|ランニング|散歩|運動|筋トレ|ヨガ|水泳|ジム)\s*(?:を|で|は)?\s*$/;
const EXERCISE_BEFORE =
  /(?:\bwalk(?:ing|ed|s)?|\bjog(?:ging|ged|s)?|\brun(?:ning|s)?|\bran|\bexercis(?:e|es|ing|ed)|\bwork(?:ing)? out|\bcycl(?:e|ing)|\bswim(?:ming)?|\btrain(?:ing)?)\s+(?:for\s+)?(?:about\s+|around\s+|at least\s+|only\s+)?$/;
const COMMUTE_BEFORE =
  /(?:通勤|通学|\bcommut(?:e|es|ing))\s*(?:に|で|は|が|片道|往復|時間|is|takes?|of)*\s*(?:約|about|around)?\s*$/;
const COMMUTE_AFTER = /^\s*(?:の|-)?\s*(?:通勤|通学|commut)/;
const SAVED_AFTER =
  /^\s*(?:も|を|の|が|ほど)?\s*(?:短縮|早く|節約|浮い|浮か|削減|カット|saved?\b|savings?\b|faster\b|quicker\b|sooner\b|less than (?:before|usual)\b|shorter\b)/;
const SAVE_BEFORE =
  /(?:\bsav(?:e|es|ed|ing)|\bshav(?:e|es|ed)|\bcut(?:s|ting)?(?:\s+\w+)?\s+by|\bgain(?:s|ed)?)\s+(?:(?:me|you|us|them|up to|about|around|over|nearly|roughly|almost)\s+)*(?:\d[\d.]*\s*\S+\s+and\s+)?$/;

/** Energy burnt or eaten in a day is not a serving's. */
const BURNT = /消費|燃焼|\bburn(?:s|ed|ing)?\b/;
const DAILY_INTAKE = /摂取|\bintake\b/;
const ONE_MEAL = /1食|1回|一食|\bper meal\b|\ba meal\b|\bone meal\b|\bper serving\b/;

const RULES: readonly Rule[] = [
  {
    name: "the price of a counted or weighed thing (an ingredient, a pack)",
    dimensions: ["money"],
    measure: "notTheRecipe",
    applies: ({ before, after }) =>
      COUNTED_BEFORE.test(before) || WEIGHED_BEFORE.test(before) || PER_UNIT_AFTER.test(after),
  },
  {
    name: "a price tag, a wage, a utility bill",
    dimensions: ["money"],
    measure: "notTheRecipe",
    applies: ({ before, after }) => PRICED_THING_BEFORE.test(before) || UTILITY_AFTER.test(after),
  },
  {
    name: "the price of something bought ready-made or by the pack",
    dimensions: ["money"],
    measure: "notTheRecipe",
    applies: ({ before, after }) => BOUGHT_THING_IN_CLAUSE.test(before) && !TIED_TO_ONE_MEAL.test(after),
  },
  {
    name: "something bought, or money saved",
    dimensions: ["money"],
    measure: "notTheRecipe",
    applies: ({ before, after, next }) =>
      SAVED_MONEY_AFTER.test(after) || BOUGHT_OR_SAVED_AFTER.test(next) || BUY_OR_SAVE_BEFORE.test(before),
  },
  {
    name: "a household's food spending (食費) not tied to a recipe, a dish or one meal",
    dimensions: ["money"],
    measure: "notTheRecipe",
    applies: ({ before, after, text }) =>
      (HOUSEHOLD_SPENDING.test(before) || HOUSEHOLD_SPENDING.test(text)) &&
      !TIED_TO_ONE_MEAL.test(before) &&
      !TIED_TO_ONE_MEAL.test(after),
  },
  {
    name: "energy or a nutrient per gram, per 100 g or per piece of an ingredient",
    dimensions: ["energy", "mass"],
    measure: "notTheRecipe",
    applies: ({ before, after }) => PER_WEIGHT_IN_CLAUSE.test(before) || PER_WEIGHT_AFTER.test(after),
  },
  {
    name: "energy burnt, or a day's intake",
    dimensions: ["energy"],
    measure: "notTheRecipe",
    applies: ({ before, after }) =>
      BURNT.test(before) || BURNT.test(after) || (DAILY_INTAKE.test(before) && !ONE_MEAL.test(before)),
  },
  {
    name: "how long food keeps",
    dimensions: ["time"],
    measure: "notTheRecipe",
    applies: ({ before, after }) => STORAGE.test(before) || STORAGE.test(after),
  },
  {
    name: "exercise or a commute",
    dimensions: ["time"],
    measure: "notTheRecipe",
    applies: ({ before, next }) =>
      EXERCISE_AFTER.test(next) ||
      EXERCISE_BEFORE.test(before) ||
      EXERCISE_BEFORE_JA.test(before) ||
      COMMUTE_BEFORE.test(before) ||
      COMMUTE_AFTER.test(next),
  },
  {
    name: "time saved",
    dimensions: ["time"],
    measure: "notTheRecipe",
    applies: ({ before, next }) => SAVED_AFTER.test(next) || SAVE_BEFORE.test(before),
  },
];

// ——— Periods and one person ———

/** A count of one person or one meal as the qualifier of an amount: 1人分, 1人前, 一人あたり, ひとり, 1食, 1食につき. */
const ONE_PERSON_JA = String.raw`(?:(?<![\d.])1\s*(?:人|名)\s*(?:分|前|あたり|当たり|当り|につき)?|ひとり\s*(?:分|ぶん|前|まえ|あたり|当たり)?|(?<![\d.])1\s*食\s*(?:分|あたり|当たり|当り|につき)?)`;
const PER_PERSON_EN = String.raw`(?:per|a|each|every|one|1)[\s-]+(?:serving|person|head|portion|plate)s?\b`;

/** A period: 月 (not 10月, a date), ひと月, 1ヶ月, 週, 毎週, 1週間, 1日, 5日分, 年 (not 2024年), 毎日 … */
const PERIOD_JA = String.raw`(?:(?:毎月|月々|(?<![\d.])月|\d+\s*(?:ヶ|か|カ|ヵ|ケ|箇|ヶ)\s*月|ひと月|毎週|(?<![\d.])週|\d+\s*週間?|毎日|\d+\s*日間?|毎年|(?<![\d.])年|\d+\s*年間)(?:分|あたり|当たり|につき)?)`;
const PERIOD_WORD_EN = String.raw`(?:(?:a|per|each|every|one|1)\s+(?:week|month|day|year)|weekly|monthly|daily|yearly|annual(?:ly)?|fast days?|\d+\s*-?\s*(?:days?|weeks?|months?))\b`;

/** Words between a qualifier and its amount: particles, brackets, a field name (食費, 予算, エネルギー), one person within a period. */
const gapJa = (fields: string) =>
  String.raw`\s*[)）\]】]?\s*(?:換算|あたり|当たり|の|で|は|に|、|,)?\s*(?:\d+\s*食\s*(?:で|の|分)?)?\s*(?:(?:1\s*人|ひとり)\s*(?:あたり|当たり)?)?\s*(?:の|で|は|、)?\s*(?:${fields})?\s*(?:は|が|の|で|、|:)?\s*(?:約|だいたい|大体|およそ|最大|最低|せいぜい)?\s*`;
/** The field names of a dimension that may stand between a qualifier and its amount: 「1人あたりの食費 300円」, 「1日の摂取カロリー 1800kcal」. */
const FIELD_NAMES: Partial<Record<Dimension, readonly string[]>> = {
  money: ["食費", "予算", "材料費", "費用", "コスト"],
  energy: ["カロリー", "摂取カロリー", "エネルギー", "熱量"],
};
const ANY_DIMENSION_FIELDS = ["目安", "目標"];
/** Words between an English period and its amount in one phrase: "a weekly grocery budget of 5000 yen". */
const GAP_EN = String.raw`(?:\s+(?:[a-z]+\s+){0,4}?(?:of|is|about|around|under|at most|max)?)?\s*`;

const amount = (unit: string) =>
  String.raw`${NUMBER}\s*${unit}(?!${ANY_MARK})(?:\s*(?:〜|-|から)\s*${NUMBER}\s*${unit}(?!${ANY_MARK}))?`;

const mark = (text: string, unit: string, how: string) =>
  text.replace(new RegExp(`${unit}(?!${ANY_MARK})`, "g"), (u) => `${u}${how}`);

const compiled = new Map<string, Record<string, RegExp>>();
function patternsFor(unit: string, dimension: Dimension) {
  const key = `${unit} ${dimension}`;
  let known = compiled.get(key);
  if (known) return known;
  const money = amount(unit);
  const rule = (source: string) => new RegExp(source, "g");
  const gap = gapJa([...(FIELD_NAMES[dimension] ?? []), ...ANY_DIMENSION_FIELDS].join("|"));
  known = {
    any: rule(money),
    periodBefore: rule(`${PERIOD_JA}(${gap})(${money})`),
    periodAfter: rule(
      String.raw`(${money})(\s*(?:/|で|per)\s*(?:\d+\s*(?:ヶ|か|カ|ヵ|ケ)\s*月|月|\d*\s*週間?|\d+\s*日(?:間|分)?|年))`,
    ),
    periodBeforeEn: rule(String.raw`\b${PERIOD_WORD_EN}${GAP_EN}(${money})`),
    periodAfterEn: rule(
      String.raw`(${money})((?:[\s-]+[a-z]+){0,2}?[\s-]+(?:a|per|each|every)[\s-]+(?:week|month|day|year)\b|[\s-]*(?:weekly|monthly|daily)\b)`,
    ),
    personBefore: rule(`${ONE_PERSON_JA}(${gap})(${money})`),
    personAfter: rule(
      String.raw`(${money})\s*(?:/\s*(?:人|person|serving)|(?:per|a|each|for one|for 1)\s+(?:serving|person|head|portion|plate)s?\b|(?:per|a)\s+head\b)`,
    ),
    personBeforeEn: rule(String.raw`\b${PER_PERSON_EN}([^\d]{0,30}?)(${money})`),
  };
  compiled.set(key, known);
  return known;
}

/**
 * Marks every quantity of `unit` (a canonical unit already written by a canonicalizer, e.g. "円")
 * with what it measures. A per-person amount loses its qualifier (1人分100円 reads "100円/人"),
 * so no count reads 1人分 there; its words stay in the map, so its evidence is 「1人分100円」.
 */
export function markMeasures(text: MappedText, unit: string, dimension: Dimension): MappedText {
  if (!text.includes(unit.replace(/\\/g, ""))) return text;
  const p = patternsFor(unit, dimension);
  const rules = RULES.filter((r) => r.dimensions.includes(dimension));
  let t = text;
  if (rules.length > 0)
    t = t.replace(p.any, (m: string, ...args: unknown[]) => {
      const offset = args.find((a) => typeof a === "number") as number;
      const whole = args.find((a) => typeof a === "string" && a.length >= m.length) as string;
      const { before, after } = clauseAround(whole, offset, offset + m.length);
      const context = { before, after, next: pastBoundWords(after), text: whole };
      const rule = rules.find((r) => r.applies(context));
      return rule ? mark(m, unit, MARK[rule.measure]) : m;
    });
  // "60 minutes a day", "5 hours every month": a time per period is a routine, not a dish's making.
  if (dimension === "time")
    return t.replace(p.periodAfterEn, (_, a: string, period: string) => `${mark(a, unit, MARK.period)}${period}`);
  if (dimension !== "money" && dimension !== "energy" && dimension !== "mass") return t;
  // Periods before persons: 1日1人1500円 is a day's budget, not a per-person cost.
  t = t
    .replace(p.periodBeforeEn, (m: string, a: string) => m.slice(0, m.length - a.length) + mark(a, unit, MARK.period))
    .replace(p.periodAfterEn, (_, a: string, period: string) => `${mark(a, unit, MARK.period)}${period}`)
    .replace(
      p.periodBefore,
      (m: string, _gap: string, a: string) => m.slice(0, m.length - a.length) + mark(a, unit, MARK.period),
    )
    .replace(p.periodAfter, (_, a: string, period: string) => `${mark(a, unit, MARK.period)}${period}`);
  return t
    .replace(p.personBefore, (_, gap: string, a: string) => `${gap}${mark(a, unit, MARK.perPerson)}`)
    .replace(p.personAfter, (_, a: string) => mark(a, unit, MARK.perPerson))
    .replace(p.personBeforeEn, (_, gap: string, a: string) => `${gap}${mark(a, unit, MARK.perPerson)}`);
}

/** The rule that decides what one quantity measures, for the tests: "recipe" when none applies. */
export function ruleFor(dimension: Dimension, before: string, after: string): string {
  const context = { before, after, next: pastBoundWords(after), text: before + after };
  return RULES.find((r) => r.dimensions.includes(dimension) && r.applies(context))?.name ?? "recipe";
}

// ——— Labels: 1人分 that qualifies a value ———

/** Field names a label may stand between: 「エネルギー(1人分) 380kcal」, 「1人分の塩分 2g」. */
const FIELD = String.raw`(?:[\s()（）\[\]【】:：・ー]|の|は|が|で|あたり|当たり|換算|[\u30a0-\u30ff\u4e00-\u9fff]|[a-z]+){0,14}?`;
/** 「数値は1人分のものです」, 「栄養成分(1人分)」: a label with no value is no request either. */
const LABEL_ALONE = new RegExp(
  String.raw`(?:(?<=[(（\[【]\s*)${ONE_PERSON_JA}(?=\s*[)）\]】])|(?<=(?:栄養価|栄養成分|栄養|数値|表示|分量表示|カロリー|エネルギー)\s*(?:は|が|:)?\s*)${ONE_PERSON_JA}|${ONE_PERSON_JA}(?=\s*(?:換算|のもの|の数値|の値|の栄養|の分量|表示|あたりの)))`,
  "g",
);

/** An amount written in `unit` (as its words or signs spell it; named, when the unit is only a named quantity's). */
function amountIn(unit: UnitWords): string {
  const signed = unit.signs?.length ? `${anyOf(unit.signs)}\\s*\\d|` : "";
  const amount = String.raw`(?:${signed}${NUMBER}\s*${anyOf(unit.words)})`;
  if (!unit.names) return amount;
  const names = anyOf(unit.names);
  return String.raw`(?:${names}${FIELD}${amount}|${amount}\s*(?:of\s+|の)?${names})`;
}

const labelPatterns = new Map<string, { before: RegExp; after: RegExp }>();
function labelsOf(amounts: readonly UnitWords[]) {
  const key = JSON.stringify(amounts);
  let known = labelPatterns.get(key);
  if (known) return known;
  const amount = amounts.length ? `(?:${amounts.map(amountIn).join("|")})` : "(?!)";
  known = {
    before: new RegExp(`${ONE_PERSON_JA}(?=${FIELD}${amount})`, "g"),
    after: new RegExp(
      String.raw`(${amount}[^\d。、,]{0,6}?)\s*[(（]?\s*(?:1\s*(?:人|名)\s*(?:分|前|あたり|当たり)|1\s*食\s*(?:分|あたり|当たり))`,
      "g",
    ),
  };
  labelPatterns.set(key, known);
  return known;
}

/**
 * Removes every per-serving label — 1人分 beside an amount that a column reads per person, or a
 * label alone — for a count to read what is left: 「1人分 620kcal」, 「1人分100円」 and
 * 「1人分 タンパク質20g以上」 are never a count of one. `amounts` are the units of the registry's
 * columns that read amounts for one person (built from the registry the count is read beside).
 */
export function dropPerServingLabels(text: MappedText, amounts: readonly UnitWords[]): MappedText {
  const labels = labelsOf(amounts);
  return text
    .replace(labels.before, (m) => " ".repeat(m.length))
    .replace(LABEL_ALONE, (m) => " ".repeat(m.length))
    .replace(labels.after, (_, a: string) => a);
}
