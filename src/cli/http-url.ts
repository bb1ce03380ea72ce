import { InvalidArgumentError } from "commander";

/** A commander parser for --base-url: an http(s) URL, or a usage error before any request. */
export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("must be an http(s) URL, such as http://127.0.0.1:8000/v1");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InvalidArgumentError(`must be an http(s) URL, not ${url.protocol}`);
  return value;
}
