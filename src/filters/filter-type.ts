import type { z } from "zod";
import type { UnitWords } from "../language/units.js";
import type { Filter, Operator } from "./filter.js";

export { type Filter, OPERATORS, type Operator } from "./filter.js";

/** A query and every filter on one type's column it must yield: the prompt shows it, the tests run it. */
export interface FilterExample {
  readonly query: string;
  readonly filters: readonly Filter[];
}

/**
 * A filter read from a model answer, with the words the model quoted for it: one quote per
 * value (an `in` list has one per value, a number one). The model seam locates each quote in
 * the query and checks it states the value (model/evidence-grounding.ts).
 */
export interface QuotedFilter {
  readonly filter: Filter;
  readonly quotes: readonly string[];
}

/** How a catalog stores a column (SQLite type affinity). */
export type SqlColumnType = "REAL" | "INTEGER" | "TEXT";

/**
 * What one filter type declares. Everything about a type lives in its own file under
 * `src/filters/` (written with `defineNumericFilterType` or `defineCategoryFilterType`); the
 * graph, the reducer, the formats, the catalog and the evaluation read these fields and know
 * nothing else about it.
 */
export interface FilterType<Answer = unknown, Column extends string = string> {
  /** Branch node name in the graph (and `branch` in error records). */
  readonly name: string;
  /** The metadata column the filters apply to (a literal type in a built-in declaration). */
  readonly column: Column;
  /** Human-readable unit, e.g. "minutes"; "category" for a value list. */
  readonly unit: string;
  /** How a recipe catalog stores the column. */
  readonly sqlType: SqlColumnType;
  /** One line for README tables and Studio. */
  readonly description: string;
  /** Operators this column accepts, in the order filters are sorted. */
  readonly operators: readonly Operator[];
  /** Values outside this range are rejected as implausible (numeric types only). */
  readonly range?: { readonly min: number; readonly max: number };
  /** Allowed values, in their declared order (value-list types only). */
  readonly values?: readonly string[];
  /** The schema the LLM answers in; also the tool / json_schema name below. */
  readonly answerSchema: z.ZodType<Answer>;
  readonly answerName: string;
  /** System prompt for this type's LLM call; its examples section is rendered from `examples`. */
  readonly prompt: string;
  /** Queries with the filters on this column they must yield (the prompt's examples; the tests run each one). */
  readonly examples: readonly FilterExample[];
  /** Turns the LLM's structured answer into filters on this type's column, each with the words the model quoted for it. */
  toFilters(answer: Answer): QuotedFilter[];
  /**
   * The inverse of `toFilters`: the answer a perfect model would give, quoting each filter's
   * evidence (the prompt's examples, the test stand-in model and the benchmark use it).
   */
  toAnswer(filters: readonly Filter[]): Answer;
  /**
   * Whether the words a filter of this type was read from still say something a search should
   * rank by (the residual keeps them): パスタ, 味噌汁 narrow further than 主食 / 汁物, while 主菜 or
   * "side dishes" name nothing but the value. Absent: a filter's words never stay.
   */
  keepsInResidual?(evidenceText: string): boolean;
  /**
   * A numeric type's unit as declared, and whether the column reads amounts stated for one
   * person: what the types read beside it learn from it (a spelled-out number before any
   * registry unit is a number in every type's reading; 「1人分」 before an amount a column reads
   * per person is that amount's label, not a count: 「1人分 620kcal」).
   */
  readonly quantity?: { readonly unit: UnitWords; readonly perPerson: boolean };
  /**
   * Deterministic, network-free extractor (the offline grammar): the no-key path and the
   * reference. `registry`: the types read from the same query, this one among them.
   */
  extractOffline(query: string, registry: ReadAlongside): Filter[];
  /** Values the query states for this column (after normalization); a filter whose value is not among them is ungrounded. */
  groundingValues(query: string, registry: ReadAlongside): (number | string)[];
  /**
   * Whether the query could state anything for this column, offline: when it cannot, the
   * `llm` branch answers "no filter" without a model call. Optional: a type without one gets
   * the gate derived from its declaration (answer-gate.ts).
   */
  readonly answerGate?: (query: string) => { readonly ask: boolean; readonly why: string };
}

/** The filter types read from the same query (a registry's types): what one type's offline reading may learn from the others. */
export type ReadAlongside = readonly Pick<FilterType<any>, "column" | "quantity">[];

/**
 * Why a filter's value has the wrong shape for its operator, or undefined when it fits: a
 * list goes with `in` (a non-empty one), and only there. The reducer drops such a filter and
 * every store format refuses it, with these words.
 */
export function valueShapeProblem(filter: Pick<Filter, "operator" | "value">): string | undefined {
  if (filter.operator === "in")
    return Array.isArray(filter.value) && filter.value.length > 0
      ? undefined
      : `in needs a non-empty list of values, not ${JSON.stringify(filter.value)}`;
  return Array.isArray(filter.value) ? `operator ${filter.operator} takes one value, not a list` : undefined;
}
