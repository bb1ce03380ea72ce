import type { Filter, FilterExample } from "./filter-type.js";

/** Same column, operator and value. */
const sameCondition = (a: Filter, b: Filter) =>
  a.column === b.column && a.operator === b.operator && JSON.stringify(a.value) === JSON.stringify(b.value);

/** Japanese in 「」, English in "": the way the prompts have always quoted a query. */
const quoted = (query: string) => (/[^\x20-\x7e]/.test(query) ? `「${query}」` : JSON.stringify(query));

/**
 * The prompt's examples section, rendered from a type's declared examples through its own
 * `toAnswer`, so the model sees exactly the answer shape it must produce — with the evidence
 * its offline grammar records for each example's filter, so the model sees what to quote.
 */
export function examplesSection(
  examples: readonly FilterExample[],
  toAnswer: (filters: readonly Filter[]) => unknown,
  extractOffline: (query: string) => readonly Filter[],
): string {
  if (examples.length === 0) return "";
  const withEvidence = ({ query, filters }: FilterExample) => {
    const read = extractOffline(query);
    return filters.map((f) => ({ ...f, evidence: read.find((r) => sameCondition(r, f))?.evidence ?? f.evidence }));
  };
  return `\n\nExamples:\n${examples.map((e) => `- ${quoted(e.query)} → ${JSON.stringify(toAnswer(withEvidence(e)))}`).join("\n")}`;
}

/** Refuses, when a type is defined, an example that is not about this type's column or uses an operator the column lacks. */
export function checkExamples(
  name: string,
  column: string,
  operators: readonly string[],
  examples: readonly FilterExample[],
): void {
  for (const { query, filters } of examples)
    for (const f of filters)
      if (f.column !== column || !operators.includes(f.operator))
        throw new Error(
          `${name}: the example ${JSON.stringify(query)} has a filter ${f.column} ${f.operator} that is not this type's`,
        );
}
