/**
 * Splits a batch input into lines the way a text file means them: only "\n" and "\r\n" end a
 * line (a lone "\r" inside a line is part of it, so line numbers match the file), and a line
 * longer than MAX_LINE_BYTES is refused as it is read — counted, never buffered. (Node's
 * readline also ends a line at a lone "\r" and buffers any length; split2 drops an overlong
 * line without a trace, which would shift every later line number.)
 */
import { MAX_LINE_BYTES, OverlongLine } from "../extractor/batch.js";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function* readBatchLines(
  input: AsyncIterable<Buffer | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<string | OverlongLine> {
  let parts: Buffer[] = [];
  let bytes = 0;
  let last = 0;
  let overlong = false;
  // One byte over the limit is kept: it may be the CR of a CRLF ending, which is no content.
  const add = (piece: Buffer) => {
    if (piece.length === 0) return;
    bytes += piece.length;
    last = piece[piece.length - 1];
    if (overlong) return;
    if (bytes > maxBytes + 1) {
      overlong = true;
      parts = [];
    } else parts.push(piece);
  };
  const take = (): string | OverlongLine => {
    const content = last === CARRIAGE_RETURN ? bytes - 1 : bytes;
    const line =
      overlong || content > maxBytes
        ? new OverlongLine(content)
        : Buffer.concat(parts).toString("utf8").replace(/\r$/, "");
    parts = [];
    bytes = 0;
    last = 0;
    overlong = false;
    return line;
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      add(buffer.subarray(start, end));
      yield take();
      start = end + 1;
    }
    add(buffer.subarray(start));
  }
  // A last line without a newline still counts.
  if (bytes > 0) yield take();
}
