/**
 * Units (filter-semantics.md, "Numbers and units"). Each canonicalizer rewrites every
 * spelling of a quantity into "<number><canonical unit>" on text from `normalizeQuery`,
 * so one bound grammar serves every unit.
 */

const round = (n: number) => Math.round(n * 1000) / 1000;
const N = String.raw`(\d+(?:\.\d+)?)`;

const EN_SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, "forty-five": 45, fifty: 50, sixty: 60, ninety: 90,
};
const EN_WORD = new RegExp(String.raw`\b(${Object.keys(EN_SMALL).filter((w) => w !== "a" && w !== "an").join("|")})\b(?=\s+(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|people|persons?|servings?))`, "g");

/** Time → minutes, canonical unit "分". */
export function canonicalizeTime(text: string): string {
  return (
    text
      .replace(EN_WORD, (w) => String(EN_SMALL[w]))
      .replace(/\ban hour and a half\b|\bone and a half hours?\b/g, "90分")
      .replace(/\bhalf an hour\b|\ba half hour\b|\bhalf-hour\b|半時間/g, "30分")
      .replace(/\b(?:an|one) hour\b/g, "60分")
      .replace(new RegExp(String.raw`${N}時間半`, "g"), (_, h: string) => `${round(Number(h) * 60 + 30)}分`)
      .replace(new RegExp(String.raw`${N}\s*時間\s*${N}\s*分`, "g"), (_, h: string, m: string) => `${round(Number(h) * 60 + Number(m))}分`)
      .replace(
        new RegExp(String.raw`${N}\s*(?:hours?|hrs?|h)\s*(?:and\s*)?${N}\s*(?:minutes?|mins?|m)\b`, "g"),
        (_, h: string, m: string) => `${round(Number(h) * 60 + Number(m))}分`,
      )
      .replace(new RegExp(String.raw`${N}\s*(?:時間|hours?|hrs?|h\b)(?:\s*and a half)?`, "g"), (m, h: string) =>
        `${round(Number(h) * 60 + (m.endsWith("and a half") ? 30 : 0))}分`,
      )
      .replace(new RegExp(String.raw`${N}\s*(?:秒|seconds?|secs?\b)`, "g"), (_, s: string) => `${round(Number(s) / 60)}分`)
      .replace(new RegExp(String.raw`${N}\s*(?:minutes?|mins?\b|m\b)`, "g"), "$1分")
  );
}

/** Cost → yen, canonical unit "円". ワンコイン is a fixed phrase for 500 yen or less. */
export function canonicalizeCost(text: string): string {
  return text
    .replace(new RegExp(String.raw`[¥￥]\s*${N}`, "g"), "$1円")
    .replace(new RegExp(String.raw`${N}\s*(?:円|yen\b|jpy\b)`, "g"), "$1円");
}
