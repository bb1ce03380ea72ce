/** The evaluation dataset: JSON Lines, one case a line (format in filter-semantics.md, "Evaluation data"). */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { FilterSchema } from "../src/filters/filter.js";

export const EvalCaseSchema = z
  .object({
    query: z.string().min(1).describe("A recipe-search query as a user types it."),
    filters: z
      .array(FilterSchema)
      .describe("Every filter the query must yield, compared as a set; [] = the query must yield no filter."),
    note: z
      .string()
      .optional()
      .describe("Why the case is there, when it pins a rule the semantics document leaves open."),
    columns: z
      .array(z.string().min(1).describe("A column this case's label covers."))
      .optional()
      .describe(
        "The columns the label covers, when it covers only some: the extractor's filters on other columns are not scored. Absent: every column the dataset labels anywhere.",
      ),
  })
  .refine((c) => c.columns === undefined || c.filters.every((f) => c.columns?.includes(f.column)), {
    message: "a filter names a column outside the case's columns",
    path: ["columns"],
  })
  .describe("One evaluation case.");

export type EvalCase = z.infer<typeof EvalCaseSchema> & {
  /** 1-based line in the dataset file. */
  line: number;
};

/** A dataset line that is not a valid case. */
export class DatasetError extends Error {
  override name = "DatasetError";
}

/** "ja" when the query has kana or kanji, else "en". */
export const caseLanguage = (query: string): "ja" | "en" =>
  /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/.test(query) ? "ja" : "en";

/** Parses a dataset; blank lines are skipped, any invalid line is an error naming its line. */
export function parseDataset(text: string, source = "dataset"): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new DatasetError(`${source}:${line}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DatasetError(`${source}:${line}: ${issue.path.join(".") || "case"}: ${issue.message}`);
    }
    cases.push({ ...parsed.data, line });
  });
  if (cases.length === 0) throw new DatasetError(`${source}: no cases`);
  return cases;
}

export async function loadDataset(path: string): Promise<EvalCase[]> {
  return parseDataset(await readFile(path, "utf8"), path);
}
