/**
 * Bands (filter-semantics.md, "Per serving, per period, ranges by 台"): "X台" is the band
 * that starts at X and ends before the next step of X's last non-zero digit, counted in
 * the unit as written — 100円台 is 100 to under 200, 1500円台 1500 to under 1600, 1時間台
 * 60 to under 120 minutes. A band is rewritten as the range it means, so the one bound
 * grammar reads it; 台 after anything but a quantity (電子レンジ1台) is a counter and left alone.
 */
import type { MappedText } from "./mapped-text.js";
import { NUMBER } from "./numerals.js";

/** The step of a band: one unit of the last non-zero digit as written ("1500" → 100, "1.5" → 0.1). */
export function bandStep(written: string): number {
  const [whole, fraction = ""] = written.split(".");
  const decimals = fraction.replace(/0+$/, "").length;
  if (decimals > 0) return 10 ** -decimals;
  return 10 ** (/0*$/.exec(whole)?.[0].length ?? 0);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Rewrites every band of `unit` (a regex source for the unit as written, e.g. "円" or
 * "時間") as a range in canonical form, `canonical(n)` spelling a value of the written
 * unit ("60分" for 1時間). A bound word after the band bounds it: 1000円台まで is under
 * 2000, 100円台以上 is at least 100, 100円台未満 under 100; 500〜600円台 is 500 to under 700.
 */
const bands = new Map<string, RegExp>();
const bandOf = (unit: string) => {
  let band = bands.get(unit);
  if (!band) {
    band = new RegExp(
      String.raw`(?:(${NUMBER})\s*(?:${unit})?\s*(?:〜|-|から)\s*)?(${NUMBER})\s*(?:${unit})\s*台(\s*(?:まで|以下|以内|以上|から|未満))?`,
      "g",
    );
    bands.set(unit, band);
  }
  return band;
};

export function rewriteBands(text: MappedText, unit: string, canonical: (value: number) => string): MappedText {
  if (!text.includes("台")) return text;
  return text.replace(bandOf(unit), (_, from: string | undefined, written: string, bound: string | undefined) => {
    const low = Number(from ?? written);
    const end = round(Number(written) + bandStep(written));
    const word = bound?.trim();
    if (word === "まで" || word === "以下" || word === "以内") return `${canonical(end)}未満`;
    if (word === "以上" || word === "から") return `${canonical(low)}以上`;
    if (word === "未満") return `${canonical(low)}未満`;
    return `${canonical(low)}〜${canonical(end)}未満`;
  });
}
