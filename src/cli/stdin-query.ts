/**
 * `echo "…" | recipe-filters`: with no query argument and standard input not a terminal, the
 * query is what arrives on stdin — one line (its newline dropped). Reading stops past
 * MAX_LINE_BYTES, so a huge input is refused without being held.
 */
import { MAX_LINE_BYTES } from "../extractor/batch.js";
import { UnusableQueryError } from "../workflow/query-check.js";

export async function readQueryFromStdin(input: AsyncIterable<Buffer | string>): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    bytes += buffer.length;
    if (bytes > MAX_LINE_BYTES)
      throw new UnusableQueryError(`standard input holds more than ${MAX_LINE_BYTES} bytes; that is no single query`);
    parts.push(buffer);
  }
  const text = Buffer.concat(parts)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  const lines = text.split(/\r?\n/).length;
  if (lines > 1)
    throw new UnusableQueryError(
      `standard input holds ${lines} lines; give one query, or use --batch - for one per line`,
    );
  return text;
}
