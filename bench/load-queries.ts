/** The queries of the load checks and the traced-batch benchmark, and the large answer some of them get. */

/** The i-th query: a distinct time and cost each time, so every trace is told apart by its input; it names a value for each of the core types. */
export const loadQuery = (i: number) =>
  `${5 + (i % 120)}分以内に${100 * (1 + (i % 50))}円未満、${200 + 10 * (i % 30)}kcal以下で${1 + (i % 6)}人分の副菜 #${i}`;

/** Which load query a model request is for (the `#i` it ends with), or -1. */
export const queryNumber = (text: string) => Number(/#(\d+)\s*$/.exec(text)?.[1] ?? -1);

/** A valid JSON answer padded like this is how a local model under a JSON grammar ends its answer (a string ≥ 64 KB). */
export const PADDING = "\n".repeat(70_000);
