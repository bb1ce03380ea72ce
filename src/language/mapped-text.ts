/**
 * A text rewritten step by step (normalized, canonicalized, marked) that still knows, for
 * every character, which characters of the ORIGINAL query it came from — so a quantity
 * matched in canonical text ("60分以内") maps back to the words the user wrote ("1時間以内").
 *
 * `replace` has String.prototype.replace's signature; a replacement keeps the exact origin of
 * the characters it shares with the match (a common prefix and suffix, "$1分" keeps the
 * number's), and gives its other characters the origin of the whole changed middle.
 */

/** A `[start, end)` range of the original query, in UTF-16 code units as `slice` counts. */
export interface OriginalSpan {
  start: number;
  end: number;
}

type Replacer = string | ((match: string, ...args: any[]) => string);

/** Expands `$1`, `$&`, `$$`, `$<name>` in a replacement string, as String.prototype.replace does. */
function expand(template: string, match: string, captures: (string | undefined)[], groups?: Record<string, string>) {
  return template.replace(/\$(\$|&|<([^>]*)>|\d{1,2})/g, (all, what: string, name?: string) => {
    if (what === "$") return "$";
    if (what === "&") return match;
    if (name !== undefined) return groups?.[name] ?? "";
    const index = Number(what);
    return index >= 1 && index <= captures.length ? (captures[index - 1] ?? "") : all;
  });
}

export class MappedText {
  private constructor(
    /** The current (rewritten) text. */
    readonly text: string,
    /** Per character of `text`: where its origin starts in the original. */
    private readonly starts: readonly number[],
    /** Per character of `text`: where its origin ends in the original. */
    private readonly ends: readonly number[],
  ) {}

  /** The original query, every character its own origin. */
  static of(original: string): MappedText {
    const starts = Array.from({ length: original.length }, (_, i) => i);
    return new MappedText(
      original,
      starts,
      starts.map((i) => i + 1),
    );
  }

  get length(): number {
    return this.text.length;
  }

  includes(search: string): boolean {
    return this.text.includes(search);
  }

  toString(): string {
    return this.text;
  }

  /** Rewrites each run `segment` matches through `rewrite` (NFKC, lower-casing: per character, so each keeps its origin). */
  mapSegments(segment: RegExp, rewrite: (run: string) => string): MappedText {
    return this.replace(segment, (run: string) => rewrite(run));
  }

  /** String.prototype.replace, keeping the map back to the original. */
  replace(pattern: RegExp | string, replacement: Replacer): MappedText {
    const edits: { at: number; length: number; by: string }[] = [];
    const text = this.text.replace(pattern as RegExp, (...args: any[]) => {
      const match = args[0] as string;
      const offsetIndex = args.findIndex((a, i) => i > 0 && typeof a === "number");
      const at = args[offsetIndex] as number;
      const captures = args.slice(1, offsetIndex) as (string | undefined)[];
      const groups = typeof args.at(-1) === "object" ? (args.at(-1) as Record<string, string>) : undefined;
      const by =
        typeof replacement === "function"
          ? replacement(...(args as [string]))
          : expand(replacement, match, captures, groups);
      if (by !== match) edits.push({ at, length: match.length, by });
      return by;
    });
    if (edits.length === 0) return this;
    const starts: number[] = [];
    const ends: number[] = [];
    const copy = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        starts.push(this.starts[i]);
        ends.push(this.ends[i]);
      }
    };
    let cursor = 0;
    for (const { at, length, by } of edits) {
      copy(cursor, at);
      const match = this.text.slice(at, at + length);
      let prefix = 0;
      while (prefix < length && prefix < by.length && match[prefix] === by[prefix]) prefix++;
      let suffix = 0;
      while (
        suffix < length - prefix &&
        suffix < by.length - prefix &&
        match[length - 1 - suffix] === by[by.length - 1 - suffix]
      )
        suffix++;
      copy(at, at + prefix);
      const removed = this.span(at + prefix, at + length - suffix);
      const middle = removed ?? this.pointAt(at + prefix);
      for (let i = prefix; i < by.length - suffix; i++) {
        starts.push(middle.start);
        ends.push(middle.end);
      }
      const kept = starts.length;
      copy(at + length - suffix, at + length);
      // Words dropped without a replacement ("たんぱく質30g" → "30g") belong to what stays next to them.
      if (removed && prefix + suffix === by.length) {
        if (suffix > 0) starts[kept] = Math.min(starts[kept], removed.start);
        else if (prefix > 0) ends[kept - 1] = Math.max(ends[kept - 1], removed.end);
      }
      cursor = at + length;
    }
    copy(cursor, this.text.length);
    return new MappedText(text, starts, ends);
  }

  /** `replaceAll` for a plain string. */
  replaceAll(search: string, replacement: string): MappedText {
    return this.replace(new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), () => replacement);
  }

  /** The original span `[from, to)` of the current text comes from; undefined for an empty range. */
  span(from: number, to: number): OriginalSpan | undefined {
    if (to <= from) return undefined;
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (let i = Math.max(0, from); i < Math.min(to, this.text.length); i++) {
      start = Math.min(start, this.starts[i]);
      end = Math.max(end, this.ends[i]);
    }
    return Number.isFinite(start) ? { start, end } : undefined;
  }

  /** The zero-width original position before current character `index` (an insertion's origin). */
  private pointAt(index: number): OriginalSpan {
    const at = index < this.text.length ? this.starts[index] : index > 0 ? this.ends[index - 1] : 0;
    return { start: at, end: at };
  }
}
