/**
 * Units (filter-semantics.md, "Numbers and units"). Each canonicalizer rewrites every
 * spelling of a quantity into "<number><canonical unit>" on text from `normalizeQuery`,
 * so one bound grammar serves every unit.
 */
import { RANGE_SEPARATOR } from "./bound-words.js";
import { spelledNumbersToDigits } from "./english-numbers.js";
import { NUMBER } from "./numerals.js";

const round = (n: number) => Math.round(n * 1000) / 1000;
const N = `(${NUMBER})`;
const HOURS = String.raw`(?:時間|hours?|hrs?|h(?![a-z]))`;
const MINUTES = String.raw`(?:分間|分|minutes?|mins?\b)`;
const SECONDS = String.raw`(?:秒間|秒|seconds?|secs?\b)`;

const minutes = (value: number) => `${round(value)}分`;
const rule = (pattern: string) => new RegExp(pattern, "g");

/**
 * "1〜2時間" names the unit once for both ends: each end is read in that unit. When the
 * first end is larger ("30〜1時間"), it cannot be hours and stays as written (minutes).
 */
function rangeInOneUnit(text: string, unit: string, perUnit: number): string {
  return text.replace(rule(String.raw`${N}(${RANGE_SEPARATOR})${N}\s*-?\s*${unit}(?!半|\s*and a half)`), (match, a: string, sep: string, b: string) =>
    Number(a) <= Number(b) ? `${minutes(Number(a) * perUnit)}${sep}${minutes(Number(b) * perUnit)}` : match,
  );
}

/** Time → minutes, canonical unit "分". */
export function canonicalizeTime(text: string): string {
  let t = spelledNumbersToDigits(text)
    .replace(/\ban hour and a half\b/g, "90分")
    .replace(/\bhalf an hour\b|\ba half[- ]hour\b|\bhalf[- ]hour\b|半時間/g, "30分")
    .replace(/\b(?:a )?quarter of an hour\b|\ba quarter[- ]hour\b/g, "15分")
    .replace(/\b(?:an|one)[- ]hour\b/g, "60分")
    .replace(rule(String.raw`${N}\s*(\+)\s*(${HOURS}|${MINUTES}|${SECONDS})`), "$1$3$2");
  t = rangeInOneUnit(t, HOURS, 60);
  t = rangeInOneUnit(t, SECONDS, 1 / 60);
  return t
    .replace(rule(String.raw`${N}\s*時間半`), (_, h: string) => minutes(Number(h) * 60 + 30))
    .replace(rule(String.raw`${N}\s*-?\s*${HOURS}\s*(?:and\s*)?${N}\s*(?:${MINUTES}|m\b)`), (_, h: string, m: string) => minutes(Number(h) * 60 + Number(m)))
    .replace(rule(String.raw`${N}(\s*and a half)?\s*-?\s*${HOURS}(\s*and a half)?`), (_, h: string, half1?: string, half2?: string) =>
      minutes(Number(h) * 60 + (half1 || half2 ? 30 : 0)),
    )
    .replace(rule(String.raw`${N}\s*-?\s*${MINUTES}\s*(?:and\s*)?${N}\s*-?\s*${SECONDS}`), (_, m: string, s: string) => minutes(Number(m) + Number(s) / 60))
    .replace(rule(String.raw`${N}\s*-?\s*${SECONDS}`), (_, s: string) => minutes(Number(s) / 60))
    .replace(rule(String.raw`${N}\s*-?\s*${MINUTES}`), "$1分");
}

/** Cost → yen, canonical unit "円". ワンコイン is a fixed phrase of the cost filter type. */
export function canonicalizeCost(text: string): string {
  return spelledNumbersToDigits(text)
    .replace(rule(String.raw`[¥￥]\s*${N}(${RANGE_SEPARATOR})[¥￥]?\s*${N}(?!\s*(?:円|yen\b))`), "$1円$2$3円")
    .replace(rule(String.raw`(?:[¥￥]|\bjpy)\s*${N}`), "$1円")
    .replace(rule(String.raw`${N}\s*(\+)\s*(円|yen\b)`), "$1$3$2")
    .replace(rule(String.raw`${N}\s*-?\s*(?:円|yen\b|jpy\b)`), "$1円");
}
