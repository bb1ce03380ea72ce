/**
 * The rest of the query: what a search ranks by once the filters have taken their words.
 * The query minus every filter's evidence span and the particles and bound words left
 * stranded around them — 「鶏むね肉を使った10分以内の副菜」 → 「鶏むね肉を使った」,
 * "chicken breast side dishes under 15 minutes" → "chicken breast". The words that carry
 * meaning stay (を使った, with, made with). A filter's words stay when its type says recipes'
 * text names them (`keepsInResidual`: パスタ, 味噌汁, soup narrow further than 主食 / 汁物); the
 * words that name nothing but a value go (主菜, 副菜, メイン, side dishes, desserts).
 */
import type { Filter } from "../filters/filter.js";
import type { Registry } from "../filters/registry.js";

export interface ResidualOptions {
  /** The filter types the filters come from: each says whether its filters' words stay (`keepsInResidual`). */
  registry: Registry;
}

// What a removed span strands after it: bound words a span may leave out, Japanese particles and joining punctuation.
const STRANDED_AFTER =
  /^(?:\s*(?:以内|以下|未満|以上|までに|まで|より|程度|くらい|ぐらい|ほど|前後|位|で|に|の|を|と|は|が|も|や|、|,|，|・|\/|／)(?=|\s))+/u;
const STRANDED_AFTER_EN = /^\s*(?:or (?:less|fewer|more|under|over)|max(?:imum)?|tops|or so|at most)\b/i;
// What a removed span strands before it: an English word that governed it, or a Japanese の / joining mark.
const STRANDED_BEFORE_EN =
  /(?:\b(?:in|under|for|within|less than|more than|fewer than|no more than|no longer than|at most|at least|up to|over|above|below|about|around|approximately|roughly|than|taking|takes?|serves?|feeds?|costing|costs?|and|or|&|that are|that is|are|is)\s*)+$/i;
const STRANDED_BEFORE_JA = /(?:の|、|,|，|・|\/|／|と|か|や|または)\s*$/u;
// Between two removed spans, only joiners: they go with them.
const JOINERS_ONLY = /^(?:\s|、|,|，|・|\/|／|と|か|や|で|に|の|and|or|&|with)*$/iu;

/** The query with every filter's evidence and what it stranded cut out, spaces tidied; the query itself when no filter has evidence. */
export function residualOf(query: string, filters: readonly Filter[], options: ResidualOptions): string {
  const { registry } = options;
  const cut: [number, number][] = [];
  for (const filter of filters) {
    const evidence = filter.evidence;
    if (!evidence || evidence.text.length === 0) continue;
    if (registry.byColumn(filter.column)?.keepsInResidual?.(evidence.text)) continue;
    // The span as recorded; if the offsets disagree with the text, the text's first place in the query.
    const start =
      query.slice(evidence.start, evidence.end) === evidence.text ? evidence.start : query.indexOf(evidence.text);
    if (start >= 0) cut.push([start, start + evidence.text.length]);
  }
  if (cut.length === 0) return query;
  cut.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of cut) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (last && JOINERS_ONLY.test(query.slice(last[1], start))) last[1] = end;
    else merged.push([start, end]);
  }
  for (const span of merged) {
    const after = query.slice(span[1]);
    const stranded = STRANDED_AFTER.exec(after)?.[0] ?? STRANDED_AFTER_EN.exec(after)?.[0] ?? "";
    span[1] += stranded.length;
  }
  const pieces: string[] = [];
  let from = 0;
  for (const [start, end] of merged) {
    let before = query.slice(from, start);
    before = before.replace(STRANDED_BEFORE_EN, "").replace(STRANDED_BEFORE_JA, "");
    pieces.push(before);
    from = end;
  }
  pieces.push(query.slice(from));
  return pieces
    .map((p) => p.trim())
    .filter(Boolean)
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/^[\s、,，。.・:：;；!！?？]+|[\s、,，。.・:：;；]+$/gu, "");
}
