import type { Operator } from "../filters/filter-type.js";

/**
 * Bound words (filter-semantics.md, "Bounds"): which comparison a number with a unit
 * asks for. Works on text already passed through `normalizeQuery` and a unit
 * canonicalizer, so a quantity always reads "<number><canonical unit>".
 */

export interface Bound {
  operator: Operator;
  value: number;
}

/** Words after the quantity ("10分以内", "10 minutes or less"). */
const AFTER: [RegExp, Operator][] = [
  [/^(?:以内|以下|まで|で収まる|に収まる|or less|or fewer|or under|at most|max(?:imum)?\b|tops\b)/, "<="],
  [/^(?:未満|より短い|より短く|より安い|より安く|より少ない|を切る|切り|足らず|足らない|弱)/, "<"],
  [/^(?:以上|or more|or longer|and up|at least|minimum\b)/, ">="],
  [/^(?:超え|超|を超える|を超え|より長い|より長く|より高い|より高く|より多い|強)/, ">"],
];

/** Words before the quantity ("within 10 minutes", "最大10分"). */
const BEFORE: [RegExp, Operator][] = [
  [/(?:within|at most|no more than|not more than|up to|max(?:imum)?(?: of)?|最大|最長|長くても|高くても|多くても)$/, "<="],
  [/(?:under|less than|fewer than|below|shorter than|cheaper than|lower than)$/, "<"],
  [/(?:at least|minimum(?: of)?|min\.?|no less than|not less than|最低|最短|少なくとも)$/, ">="],
  [/(?:more than|over|longer than|above|greater than|higher than|more expensive than)$/, ">"],
];

/** Approximate words keep the implied bound; they may sit between the number and the bound word. */
const APPROX_AFTER = /^(?:\s*(?:くらい|ぐらい|位|程度|ほど|前後|ちょっと|ちょい|or so|-ish|ish)\s*)*(?:で|に|は|が)?\s*/;
const APPROX_BEFORE = /\s*(?:about|around|approx\.?|approximately|roughly|some|約|大体|だいたい|おおよそ|およそ|ほぼ)?\s*$/;

const NUM = String.raw`(\d+(?:\.\d+)?)`;

/**
 * Every bound on quantities of `unit` (a regex source matching the canonical unit, e.g. "分")
 * in `text`. Ranges give a `>=` and a `<=`; a quantity with no bound word means `<=`.
 * `skipAfter` rejects mentions that are not a bound at all (e.g. a programme title).
 */
export function extractBounds(text: string, unit: string, skipAfter?: RegExp): Bound[] {
  const bounds: Bound[] = [];
  let rest = text;

  const range = new RegExp(
    String.raw`(?:between\s+|from\s+)?${NUM}\s*(?:${unit})?\s*(?:〜|-|から|to|and)\s*${NUM}\s*(?:${unit})(?:\s*まで)?`,
    "g",
  );
  rest = rest.replace(range, (match, a: string, b: string) => {
    // "and" only joins a range after "between"; "from … to" / "A-B" / "A〜B" always do.
    if (/\band\b/.test(match) && !/^between/.test(match)) return match;
    const low = Number(a);
    const high = Number(b);
    bounds.push({ operator: ">=", value: Math.min(low, high) }, { operator: "<=", value: Math.max(low, high) });
    return " ".repeat(match.length);
  });

  const single = new RegExp(String.raw`${NUM}\s*(?:${unit})`, "g");
  for (const m of rest.matchAll(single)) {
    const start = m.index ?? 0;
    const after = rest.slice(start + m[0].length);
    if (skipAfter?.test(after)) continue;
    const afterBound = after.replace(APPROX_AFTER, "");
    const before = rest.slice(Math.max(0, start - 40), start).replace(APPROX_BEFORE, "").trimEnd();
    const operator =
      AFTER.find(([re]) => re.test(afterBound))?.[1] ?? BEFORE.find(([re]) => re.test(before))?.[1] ?? "<=";
    bounds.push({ operator, value: Number(m[1]) });
  }
  return bounds;
}
